import { describe, expect, it } from 'vitest';
import { clinicTime, DOSE_STATUS_WORDS, dueDoseStatus, isOnTime, shiftBounds } from '../../main/domain/doseStatus';

const NY = 'America/New_York';
const DUE = '2026-03-10T13:00:00.000Z'; // 09:00 EDT
const plus = (iso: string, minutes: number, ms = 0) => new Date(Date.parse(iso) + minutes * 60_000 + ms).toISOString();

describe('isOnTime', () => {
  it('is on time up to the window either side, edges included', () => {
    expect(isOnTime(DUE, plus(DUE, 60), 60)).toBe(true);
    expect(isOnTime(DUE, plus(DUE, -60), 60)).toBe(true);
    expect(isOnTime(DUE, plus(DUE, 61), 60)).toBe(false);
    expect(isOnTime(DUE, plus(DUE, 60, 1), 60)).toBe(false);
    expect(isOnTime(DUE, plus(DUE, -61), 60)).toBe(false);
  });

  it('refuses a negative window', () => {
    expect(() => isOnTime(DUE, DUE, -1)).toThrow(/0 or more minutes/);
  });
});

describe('dueDoseStatus', () => {
  const shiftEnd = '2026-03-10T23:00:00.000Z'; // 19:00 EDT
  const status = (now: string, documented: Parameters<typeof dueDoseStatus>[0]['documented'] = null) =>
    dueDoseStatus({ scheduledFor: DUE, now, onTimeWindowMinutes: 60, documented, shiftEnd });

  it('is not yet due until the window opens, due now through it, late after it', () => {
    expect(status(plus(DUE, -60, -1))).toBe('not_yet_due');
    expect(status(plus(DUE, -60))).toBe('due_now');
    expect(status(plus(DUE, 60))).toBe('due_now');
    expect(status(plus(DUE, 60, 1))).toBe('late');
  });

  it('turns "not documented" once the shift has ended', () => {
    expect(status(plus(shiftEnd, 0, -1))).toBe('late');
    expect(status(shiftEnd)).toBe('not_documented');
  });

  it('stays due now past the shift change while its window is open', () => {
    const lateDue = '2026-03-10T22:30:00.000Z'; // 18:30, shift ends 19:00
    expect(dueDoseStatus({ scheduledFor: lateDue, now: plus(shiftEnd, 10), onTimeWindowMinutes: 60, documented: null, shiftEnd })).toBe(
      'due_now',
    );
    expect(dueDoseStatus({ scheduledFor: lateDue, now: plus(lateDue, 61), onTimeWindowMinutes: 60, documented: null, shiftEnd })).toBe(
      'not_documented',
    );
  });

  it('stays late without a shift end', () => {
    expect(dueDoseStatus({ scheduledFor: DUE, now: plus(DUE, 24 * 60), onTimeWindowMinutes: 60, documented: null })).toBe('late');
  });

  it('shows the documented outcome whenever it was charted', () => {
    for (const outcome of ['given', 'refused', 'held', 'missed'] as const) {
      expect(status(plus(shiftEnd, 120), { outcome, administeredAt: plus(DUE, 200) })).toBe(outcome);
      expect(status(plus(DUE, -120), { outcome, administeredAt: plus(DUE, -120) })).toBe(outcome);
    }
  });

  it('has words for every status', () => {
    expect(DOSE_STATUS_WORDS.not_yet_due).toBe('Not yet due');
    expect(DOSE_STATUS_WORDS.not_documented).toBe('Not documented');
    expect(Object.keys(DOSE_STATUS_WORDS)).toHaveLength(8);
  });
});

describe('shiftBounds', () => {
  const starts = ['07:00', '19:00'];

  it('finds the day shift', () => {
    expect(shiftBounds('2026-03-10T15:00:00.000Z', NY, starts)).toEqual({
      start: '2026-03-10T11:00:00.000Z',
      end: '2026-03-10T23:00:00.000Z',
      label: 'Tue 10 Mar 07:00 to 19:00',
    });
  });

  it('starts a shift exactly at its start time, and the night shift runs past midnight', () => {
    expect(shiftBounds('2026-03-10T23:00:00.000Z', NY, starts).label).toBe('Tue 10 Mar 19:00 to Wed 11 Mar 07:00');
    expect(shiftBounds('2026-03-10T22:59:59.999Z', NY, starts).label).toBe('Tue 10 Mar 07:00 to 19:00');
    // 03:00 on Wednesday belongs to Tuesday's night shift.
    expect(shiftBounds('2026-03-11T07:00:00.000Z', NY, starts).start).toBe('2026-03-10T23:00:00.000Z');
  });

  it('makes the spring-forward night an hour shorter and the fall-back night an hour longer', () => {
    const spring = shiftBounds('2026-03-08T08:00:00.000Z', NY, starts); // 04:00 EDT Sunday
    expect(Date.parse(spring.end) - Date.parse(spring.start)).toBe(11 * 3_600_000);
    const fall = shiftBounds('2026-11-01T08:00:00.000Z', NY, starts); // 03:00 EST Sunday
    expect(Date.parse(fall.end) - Date.parse(fall.start)).toBe(13 * 3_600_000);
    expect(fall.label).toBe('Sat 31 Oct 19:00 to Sun 1 Nov 07:00');
  });

  it('moves a shift start in the spring-forward gap forward', () => {
    const s = shiftBounds('2026-03-08T12:00:00.000Z', NY, ['02:30', '14:30']);
    expect(s.start).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
  });

  it('refuses no shifts, repeated or malformed times', () => {
    expect(() => shiftBounds(DUE, NY, [])).toThrow(/at least one shift/);
    expect(() => shiftBounds(DUE, NY, ['07:00', '07:00'])).toThrow(/differ/);
    expect(() => shiftBounds(DUE, NY, ['7am'])).toThrow(/HH:mm/);
  });
});

describe('clinicTime', () => {
  it('reads a UTC instant in the clinic zone', () => {
    expect(clinicTime('2026-12-01T19:30:00.000Z', NY)).toBe('Tue 1 Dec 14:30');
  });
});
