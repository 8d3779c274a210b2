import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { doseInEffect, type DoseVersion } from '../../main/domain/doses';
import { DEFAULT_DOSE_TIMES } from '../../main/domain/frequency';
import { generateFewerDosesTaper } from '../../main/domain/taperFewerDoses';
import { dosesDue, isProgramDay, type ProgramDays, type ScheduleOrder } from '../../main/domain/schedule';

const NY = 'America/New_York';
/** The UTC instant of a New York wall time (first occurrence in an overlap). */
const at = (date: string, time: string) => DateTime.fromISO(`${date}T${time}`, { zone: NY }).toUTC().toISO() as string;

const order = (over: Partial<ScheduleOrder> = {}): ScheduleOrder => ({
  id: 7,
  frequency: 'bid',
  administeredBy: 'staff',
  startAt: at('2026-01-01', '00:00'),
  endAt: null,
  status: 'active',
  statusChangedAt: null,
  holds: [],
  prn: false,
  ...over,
});

const version = (id: number, amount: number, effectiveFrom: string, frequency = 'bid', voidedAt: string | null = null): DoseVersion => ({
  id,
  amount,
  unit: 'mg',
  frequency,
  effectiveFrom,
  voidedAt,
  kind: id === 1 ? 'initial' : 'taper_step',
});

const V1 = [version(1, 30, at('2026-01-01', '00:00'))];

function due(over: Partial<Parameters<typeof dosesDue>[0]> & { from: string; to: string }) {
  return dosesDue({
    order: order(),
    versions: V1,
    residence: 'facility',
    programDays: null,
    zone: NY,
    doseTimes: DEFAULT_DOSE_TIMES,
    ...over,
  });
}
const times = (doses: ReturnType<typeof dosesDue>) => doses.map((d) => `${d.localDate} ${d.localTime}`);

describe('dosesDue: the clinic dose times of a day', () => {
  it("lists a resident's twice-daily doses with the dose in effect", () => {
    const doses = due({ from: at('2026-03-10', '00:00'), to: at('2026-03-11', '00:00') });
    expect(doses).toEqual([
      {
        orderId: 7,
        scheduledFor: '2026-03-10T13:00:00.000Z',
        localDate: '2026-03-10',
        localTime: '09:00',
        doseVersionId: 1,
        amount: 30,
        unit: 'mg',
        frequency: 'bid',
      },
      {
        orderId: 7,
        scheduledFor: '2026-03-11T01:00:00.000Z',
        localDate: '2026-03-10',
        localTime: '21:00',
        doseVersionId: 1,
        amount: 30,
        unit: 'mg',
        frequency: 'bid',
      },
    ]);
  });

  it('is half-open: a dose exactly at `from` is in, one exactly at `to` is out', () => {
    expect(times(due({ from: at('2026-03-10', '09:00'), to: at('2026-03-10', '21:00') }))).toEqual(['2026-03-10 09:00']);
  });

  it("uses the clinic's configured first times for every-N-hours orders", () => {
    const q8 = [version(1, 5, at('2026-01-01', '00:00'), 'q8h')];
    const doses = due({
      order: order({ frequency: 'q8h' }),
      versions: q8,
      doseTimes: { ...DEFAULT_DOSE_TIMES, q8h: ['07:00', '15:00', '23:00'] },
      from: at('2026-03-10', '00:00'),
      to: at('2026-03-11', '00:00'),
    });
    expect(times(doses)).toEqual(['2026-03-10 07:00', '2026-03-10 15:00', '2026-03-10 23:00']);
  });

  it("counts every-other-day doses from the order's start date", () => {
    const v = [version(1, 5, at('2026-03-02', '08:00'), 'every_other_day')];
    const doses = due({
      order: order({ frequency: 'every_other_day', startAt: at('2026-03-02', '08:00') }),
      versions: v,
      from: at('2026-03-02', '00:00'),
      to: at('2026-03-07', '00:00'),
    });
    expect(times(doses)).toEqual(['2026-03-02 09:00', '2026-03-04 09:00', '2026-03-06 09:00']);
  });

  it('takes the frequency of the order when a version names none it knows', () => {
    const v = [version(1, 5, at('2026-01-01', '00:00'), '')];
    expect(
      times(due({ order: order({ frequency: 'daily' }), versions: v, from: at('2026-03-10', '00:00'), to: at('2026-03-11', '00:00') })),
    ).toEqual(['2026-03-10 09:00']);
  });
});

describe('dosesDue: DST', () => {
  const daily = (time: string) => ({ ...DEFAULT_DOSE_TIMES, daily: [time] });
  const dailyOrder = order({ frequency: 'daily' });
  const dailyV = [version(1, 10, at('2026-01-01', '00:00'), 'daily')];

  it('moves a dose time in the spring-forward gap to the first valid minute after it', () => {
    // 02:30 does not exist in New York on 2026-03-08; the clocks read 03:30 EDT instead.
    const doses = due({
      order: dailyOrder,
      versions: dailyV,
      doseTimes: daily('02:30'),
      from: at('2026-03-08', '00:00'),
      to: at('2026-03-09', '00:00'),
    });
    expect(doses.map((d) => [d.scheduledFor, d.localTime])).toEqual([['2026-03-08T07:30:00.000Z', '03:30']]);
  });

  it('lists a dose time repeated in the fall-back overlap once, at the first occurrence', () => {
    const doses = due({
      order: dailyOrder,
      versions: dailyV,
      doseTimes: daily('01:30'),
      from: at('2026-11-01', '00:00'),
      to: at('2026-11-02', '00:00'),
    });
    expect(doses.map((d) => d.scheduledFor)).toEqual(['2026-11-01T05:30:00.000Z']); // 01:30 EDT, not 06:30Z (EST)
  });

  const q6 = order({ frequency: 'q6h' });
  const q6v = [version(1, 2, at('2026-01-01', '00:00'), 'q6h')];

  it('a 24-hour window across midnight and spring-forward holds five q6h clock times', () => {
    // 18:00 EST Saturday to 19:00 EDT Sunday is 24 hours of elapsed time: the lost hour fits 18:00 in.
    const from = at('2026-03-07', '18:00');
    const to = DateTime.fromISO(from).plus({ hours: 24 }).toUTC().toISO() as string;
    expect(times(due({ order: q6, versions: q6v, from, to }))).toEqual([
      '2026-03-07 18:00',
      '2026-03-08 00:00',
      '2026-03-08 06:00',
      '2026-03-08 12:00',
      '2026-03-08 18:00',
    ]);
  });

  it('a 24-hour window across midnight and fall-back holds four q6h clock times', () => {
    // 18:00 EDT Saturday + 24 h = 17:00 EST Sunday: the extra hour pushes Sunday 18:00 out.
    const from = at('2026-10-31', '18:00');
    const to = DateTime.fromISO(from).plus({ hours: 24 }).toUTC().toISO() as string;
    const doses = due({ order: q6, versions: q6v, from, to });
    expect(times(doses)).toEqual(['2026-10-31 18:00', '2026-11-01 00:00', '2026-11-01 06:00', '2026-11-01 12:00']);
    // Midnight to 06:00 that night is 7 hours on the wall clock's terms.
    expect(Date.parse(doses[2].scheduledFor) - Date.parse(doses[1].scheduledFor)).toBe(7 * 3_600_000);
  });
});

describe('dosesDue: dose versions (tapers)', () => {
  it('a taper step between two dose times of one day changes only the later dose', () => {
    const v = [version(1, 30, at('2026-01-01', '00:00')), version(2, 20, at('2026-03-10', '12:00'))];
    const doses = due({ versions: v, from: at('2026-03-10', '00:00'), to: at('2026-03-11', '00:00') });
    expect(doses.map((d) => [d.localTime, d.amount, d.doseVersionId])).toEqual([
      ['09:00', 30, 1],
      ['21:00', 20, 2],
    ]);
  });

  it('a step effective exactly at a dose time applies to that dose', () => {
    const v = [version(1, 30, at('2026-01-01', '00:00')), version(2, 20, at('2026-03-10', '21:00'))];
    expect(due({ versions: v, from: at('2026-03-10', '00:00'), to: at('2026-03-11', '00:00') }).map((d) => d.amount)).toEqual([30, 20]);
  });

  it("a step that changes the frequency switches the day's dose times from that moment", () => {
    // Three times daily (08:00, 14:00, 20:00) until noon, then twice daily (09:00, 21:00).
    const v = [version(1, 10, at('2026-01-01', '00:00'), 'tid'), version(2, 5, at('2026-03-10', '12:00'), 'bid')];
    const doses = due({ order: order({ frequency: 'tid' }), versions: v, from: at('2026-03-10', '00:00'), to: at('2026-03-12', '00:00') });
    expect(doses.map((d) => `${d.localDate} ${d.localTime} ${d.frequency} ${d.amount}`)).toEqual([
      '2026-03-10 08:00 tid 10',
      '2026-03-10 21:00 bid 5',
      '2026-03-11 09:00 bid 5',
      '2026-03-11 21:00 bid 5',
    ]);
  });

  it('follows a generated fewer-doses taper (four, three, two times daily) across the spring-forward day', () => {
    // Chlordiazepoxide 25 mg four times daily; from 07:00 on 7 March three times daily, from 07:00
    // on 8 March (the DST change, 02:00 -> 03:00) twice daily. doseInEffect gives the same step.
    const start = at('2026-03-01', '07:00');
    const steps = generateFewerDosesTaper({ startAmount: 25, startFrequency: 'qid', startAt: at('2026-03-07', '07:00'), zone: NY, everyDays: 1, thenStop: false });
    const v = [version(1, 25, start, 'qid'), ...steps.map((s, i) => version(i + 2, s.amount, s.effectiveFrom, s.frequency))];
    const doses = due({ order: order({ frequency: 'qid', startAt: start }), versions: v, from: at('2026-03-06', '00:00'), to: at('2026-03-09', '00:00') });
    expect(doses.map((d) => `${d.localDate} ${d.localTime} ${d.frequency} ${d.scheduledFor.slice(11, 16)}Z`)).toEqual([
      '2026-03-06 08:00 qid 13:00Z',
      '2026-03-06 12:00 qid 17:00Z',
      '2026-03-06 16:00 qid 21:00Z',
      '2026-03-06 20:00 qid 01:00Z',
      '2026-03-07 08:00 tid 13:00Z',
      '2026-03-07 14:00 tid 19:00Z',
      '2026-03-07 20:00 tid 01:00Z',
      // 8 March is 23 hours long: the twice-daily times keep the clinic clock (now UTC-4).
      '2026-03-08 09:00 bid 13:00Z',
      '2026-03-08 21:00 bid 01:00Z',
    ]);
    expect(doseInEffect(v, at('2026-03-08', '06:59'))?.frequency).toBe('tid');
    expect(doseInEffect(v, at('2026-03-08', '07:00'))?.frequency).toBe('bid');
  });

  it('ignores a voided version, and lists nothing before the first version takes effect', () => {
    const v = [version(1, 30, at('2026-03-10', '12:00')), version(2, 99, at('2026-03-10', '00:00'), 'bid', at('2026-03-10', '01:00'))];
    expect(
      due({ versions: v, from: at('2026-03-10', '00:00'), to: at('2026-03-11', '00:00') }).map((d) => [d.localTime, d.amount]),
    ).toEqual([['21:00', 30]]);
  });
});

describe('dosesDue: which orders and which days', () => {
  // Mon 2026-03-09 .. Sun 2026-03-15.
  const week = { from: at('2026-03-09', '00:00'), to: at('2026-03-16', '00:00') };
  const dailyOrder = order({ frequency: 'daily' });
  const dailyV = [version(1, 10, at('2026-01-01', '00:00'), 'daily')];
  const monWedFri: ProgramDays = { weekdays: [1, 3, 5], absences: ['2026-03-11'], extraDays: ['2026-03-14'] };

  it('gives residents doses every day', () => {
    expect(due({ order: dailyOrder, versions: dailyV, ...week })).toHaveLength(7);
  });

  it('gives home patients doses on program days only: pattern, minus an absence, plus an extra day', () => {
    const doses = due({ order: dailyOrder, versions: dailyV, residence: 'home', programDays: monWedFri, ...week });
    expect(doses.map((d) => d.localDate)).toEqual(['2026-03-09', '2026-03-13', '2026-03-14']);
  });

  it('gives a home patient with no program days no staff-given doses', () => {
    expect(due({ order: dailyOrder, versions: dailyV, residence: 'home', programDays: null, ...week })).toEqual([]);
  });

  it('has no due doses for PRN or patient-administered orders', () => {
    expect(due({ order: order({ prn: true }), ...week })).toEqual([]);
    expect(due({ order: order({ administeredBy: 'patient' }), ...week })).toEqual([]);
  });

  it("puts a single dose at the order's start, once", () => {
    const start = at('2026-03-10', '10:15');
    const doses = due({ order: order({ frequency: 'once', startAt: start }), versions: [version(1, 4, start, 'once')], ...week });
    expect(doses.map((d) => [d.scheduledFor, d.localTime])).toEqual([[start, '10:15']]);
    expect(
      due({
        order: order({ frequency: 'once', startAt: start }),
        versions: [version(1, 4, start, 'once')],
        from: at('2026-03-11', '00:00'),
        to: at('2026-03-12', '00:00'),
      }),
    ).toEqual([]);
  });

  it('lists nothing before the order starts, nor at or after its end', () => {
    const day = { from: at('2026-03-10', '00:00'), to: at('2026-03-11', '00:00') };
    const tidV = [version(1, 10, at('2026-01-01', '00:00'), 'tid')];
    const tid = { frequency: 'tid' as const };
    expect(times(due({ order: order({ ...tid, startAt: at('2026-03-10', '10:00') }), versions: tidV, ...day }))).toEqual([
      '2026-03-10 14:00',
      '2026-03-10 20:00',
    ]);
    // Ending mid-day at 14:00: the 14:00 dose is already outside the order.
    expect(times(due({ order: order({ ...tid, endAt: at('2026-03-10', '14:00') }), versions: tidV, ...day }))).toEqual([
      '2026-03-10 08:00',
    ]);
    expect(times(due({ order: order({ ...tid, endAt: at('2026-03-10', '14:01') }), versions: tidV, ...day }))).toEqual([
      '2026-03-10 08:00',
      '2026-03-10 14:00',
    ]);
  });

  it('stops at a discontinuation or completion', () => {
    const day = { from: at('2026-03-10', '00:00'), to: at('2026-03-11', '00:00') };
    expect(times(due({ order: order({ status: 'discontinued', statusChangedAt: at('2026-03-10', '12:00') }), ...day }))).toEqual([
      '2026-03-10 09:00',
    ]);
    expect(times(due({ order: order({ status: 'completed', statusChangedAt: at('2026-03-10', '08:00') }), ...day }))).toEqual([]);
  });

  it("lists nothing inside a hold, and resumes at the hold's end", () => {
    const two = { from: at('2026-03-10', '00:00'), to: at('2026-03-12', '00:00') };
    const held = order({ holds: [{ from: at('2026-03-10', '10:00'), to: at('2026-03-11', '21:00') }] });
    expect(times(due({ order: held, ...two }))).toEqual(['2026-03-10 09:00', '2026-03-11 21:00']);
    const open = order({ status: 'held', holds: [{ from: at('2026-03-10', '09:00'), to: null }] });
    expect(due({ order: open, ...two })).toEqual([]);
    // Held with the hold not in the list: from the status change on.
    expect(times(due({ order: order({ status: 'held', statusChangedAt: at('2026-03-10', '12:00') }), ...two }))).toEqual([
      '2026-03-10 09:00',
    ]);
  });

  it('refuses an interval that ends before it starts or runs longer than a year', () => {
    expect(() => due({ from: at('2026-03-10', '00:00'), to: at('2026-03-09', '00:00') })).toThrow(/before its start/);
    expect(() => due({ from: at('2025-01-01', '00:00'), to: at('2026-03-09', '00:00') })).toThrow(/at most 400 days/);
  });
});

describe('isProgramDay', () => {
  const days: ProgramDays = { weekdays: [1, 3, 5], absences: ['2026-03-11', '2026-03-14'], extraDays: ['2026-03-14', '2026-03-15'] };

  it('follows the weekly pattern (Monday is 1, Sunday 7)', () => {
    expect(isProgramDay('2026-03-09', days)).toBe(true); // Monday
    expect(isProgramDay('2026-03-10', days)).toBe(false); // Tuesday
    expect(isProgramDay('2026-03-15', { weekdays: [7], absences: [], extraDays: [] })).toBe(true); // Sunday
  });

  it('an absence beats the pattern and an extra day; an extra day beats the pattern', () => {
    expect(isProgramDay('2026-03-11', days)).toBe(false);
    expect(isProgramDay('2026-03-14', days)).toBe(false);
    expect(isProgramDay('2026-03-15', days)).toBe(true);
  });

  it('refuses impossible dates and weekdays', () => {
    expect(() => isProgramDay('2026-02-30', days)).toThrow(/calendar date/);
    expect(() => isProgramDay('2026-03-09', { weekdays: [0], absences: [], extraDays: [] })).toThrow(/1 \(Monday\) to 7/);
  });
});
