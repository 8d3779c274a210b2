import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OVERDUE_SETTINGS, OverdueSettingsSchema, URGENCY_BANDS,
  classifyReview, compareByUrgency, criticalAt, daysLate, isOverdueBand, overdueAt, sortByUrgency, wasOnTime,
  type OverdueSettings, type UrgencyItem,
} from '../../main/domain/overdue';

/**
 * One review's timeline (issue 8, DESIGN "Rules that must hold"): when it turns overdue and
 * critically overdue in the clinic's zone, its band, how many days late, whether it was on
 * time, and the worklist's order. The prescriber figures are in overdue-figures.test.ts.
 */

const NY = 'America/New_York';
const PHOENIX = 'America/Phoenix'; // no DST
const KOLKATA = 'Asia/Kolkata'; // no DST, half-hour offset
const SANTIAGO = 'America/Santiago'; // DST changes at local midnight
const S = DEFAULT_OVERDUE_SETTINGS;
const GRACE_24: OverdueSettings = { ...S, graceHours: 24 };

const iso = (d: Date) => d.toISOString();
const shift = (at: string, ms: number) => new Date(new Date(at).getTime() + ms);

describe('settings', () => {
  it('defaults: no grace, critical 7 days after overdue, due soon within 3 days', () => {
    expect(S).toEqual({ graceHours: 0, criticalAfterDays: 7, dueSoonDays: 3 });
    expect(Object.isFrozen(S)).toBe(true);
    expect(OverdueSettingsSchema.parse(S)).toEqual(S);
  });

  it.each([
    ['negative grace', { ...S, graceHours: -1 }],
    ['fractional grace', { ...S, graceHours: 1.5 }],
    ['grace over a week', { ...S, graceHours: 169 }],
    ['critical at 0 days (the overdue band would vanish)', { ...S, criticalAfterDays: 0 }],
    ['negative due-soon window', { ...S, dueSoonDays: -1 }],
    ['a missing field', { graceHours: 0, criticalAfterDays: 7 }],
    ['an unknown field', { ...S, graceDays: 1 }],
    ['a string number', { ...S, graceHours: '24' }],
  ])('rejects %s', (_label, value) => {
    expect(OverdueSettingsSchema.safeParse(value).success).toBe(false);
  });
});

describe('overdueAt: the instant the due date has ended in the zone, plus grace', () => {
  it.each([
    ['plain summer day', NY, '2026-06-10', '2026-06-11T04:00:00.000Z'],
    ['day before spring-forward', NY, '2026-03-07', '2026-03-08T05:00:00.000Z'],
    ['spring-forward day (23 h long)', NY, '2026-03-08', '2026-03-09T04:00:00.000Z'],
    ['day before fall-back', NY, '2026-10-31', '2026-11-01T04:00:00.000Z'],
    ['fall-back day (25 h long)', NY, '2026-11-01', '2026-11-02T05:00:00.000Z'],
    ['no-DST zone, US spring-forward date', PHOENIX, '2026-03-08', '2026-03-09T07:00:00.000Z'],
    ['no-DST zone, US fall-back date', PHOENIX, '2026-11-01', '2026-11-02T07:00:00.000Z'],
    ['half-hour offset zone', KOLKATA, '2026-03-08', '2026-03-08T18:30:00.000Z'],
    ['midnight skipped by DST (Sep 6 starts at 01:00)', SANTIAGO, '2026-09-05', '2026-09-06T04:00:00.000Z'],
    ['midnight repeated by DST (23:00-24:00 on Apr 4 twice)', SANTIAGO, '2026-04-04', '2026-04-05T04:00:00.000Z'],
    ['Jan 31', NY, '2026-01-31', '2026-02-01T05:00:00.000Z'],
    ['Feb 28 in a leap year', NY, '2028-02-28', '2028-02-29T05:00:00.000Z'],
    ['leap day', NY, '2028-02-29', '2028-03-01T05:00:00.000Z'],
    ['year end', 'UTC', '2026-12-31', '2027-01-01T00:00:00.000Z'],
  ])('%s: %s %s → %s', (_label, zone, due, expected) => {
    expect(iso(overdueAt(due, zone, S))).toBe(expected);
  });

  it('grace is elapsed hours, so across a DST change it is not a whole calendar day', () => {
    expect(iso(overdueAt('2026-06-10', NY, GRACE_24))).toBe('2026-06-12T04:00:00.000Z'); // midnight EDT
    expect(iso(overdueAt('2026-10-31', NY, GRACE_24))).toBe('2026-11-02T04:00:00.000Z'); // 23:00 EST Nov 1
    expect(iso(overdueAt('2026-03-07', NY, GRACE_24))).toBe('2026-03-09T05:00:00.000Z'); // 01:00 EDT Mar 9
    expect(iso(overdueAt('2026-06-10', NY, { ...S, graceHours: 6 }))).toBe('2026-06-11T10:00:00.000Z');
  });

  it('refuses a bad date or zone', () => {
    expect(() => overdueAt('2026-02-29', NY, S)).toThrow(/calendar date/);
    expect(() => overdueAt('2026-06-10', 'America/Gotham', S)).toThrow(/time zone/);
  });
});

describe('criticalAt: overdue plus criticalAfterDays calendar days in the zone', () => {
  it('keeps the local wall time across spring-forward (6 days 23 hours of elapsed time)', () => {
    expect(iso(overdueAt('2026-03-01', NY, S))).toBe('2026-03-02T05:00:00.000Z');
    expect(iso(criticalAt('2026-03-01', NY, S))).toBe('2026-03-09T04:00:00.000Z');
  });

  it('keeps the local wall time across fall-back', () => {
    expect(iso(criticalAt('2026-10-28', NY, S))).toBe('2026-11-05T05:00:00.000Z');
    expect(iso(criticalAt('2026-10-28', PHOENIX, S))).toBe('2026-11-05T07:00:00.000Z');
  });

  it('stacks on grace and follows the setting', () => {
    expect(iso(criticalAt('2026-06-10', NY, GRACE_24))).toBe('2026-06-19T04:00:00.000Z');
    expect(iso(criticalAt('2026-06-10', NY, { ...S, criticalAfterDays: 1 }))).toBe('2026-06-12T04:00:00.000Z');
  });
});

describe('classifyReview', () => {
  it('lists bands most urgent first', () => {
    expect(URGENCY_BANDS).toEqual(['needs_attention', 'critically_overdue', 'overdue', 'due_today', 'due_soon', 'upcoming']);
    expect(URGENCY_BANDS.filter(isOverdueBand)).toEqual(['critically_overdue', 'overdue']);
  });

  describe.each([
    [NY, '2026-06-10'],
    [NY, '2026-03-07'],
    [NY, '2026-03-08'],
    [NY, '2026-10-31'],
    [NY, '2026-11-01'],
    [PHOENIX, '2026-03-08'],
    [KOLKATA, '2026-11-01'],
    [SANTIAGO, '2026-09-05'],
    [NY, '2028-02-29'],
  ])('in %s, due %s', (zone, due) => {
    it.each([
      ['no grace', S],
      ['24 h grace', GRACE_24],
    ])('%s: overdue exactly at the overdue instant, critical exactly at the critical instant', (_label, settings) => {
      const od = iso(overdueAt(due, zone, settings));
      const crit = iso(criticalAt(due, zone, settings));
      expect(classifyReview(due, shift(od, -1), zone, settings)).toBe('due_today');
      expect(classifyReview(due, od, zone, settings)).toBe('overdue');
      expect(classifyReview(due, shift(crit, -1), zone, settings)).toBe('overdue');
      expect(classifyReview(due, crit, zone, settings)).toBe('critically_overdue');
    });
  });

  it('is due today from the first instant of the due date', () => {
    expect(classifyReview('2026-06-10', '2026-06-10T04:00:00Z', NY, S)).toBe('due_today');
    expect(classifyReview('2026-06-10', '2026-06-10T03:59:59.999Z', NY, S)).toBe('due_soon');
    expect(classifyReview('2026-03-08', '2026-03-08T05:00:00Z', NY, S)).toBe('due_today'); // midnight EST
    expect(classifyReview('2026-11-01', '2026-11-01T04:00:00Z', NY, S)).toBe('due_today'); // midnight EDT
  });

  it('stays due today while in grace: the date has ended but the review is not late yet', () => {
    // 09:00 EDT the day after the due date.
    expect(classifyReview('2026-06-10', '2026-06-11T13:00:00Z', NY, GRACE_24)).toBe('due_today');
    expect(classifyReview('2026-06-10', '2026-06-11T13:00:00Z', NY, S)).toBe('overdue');
  });

  it('is due soon within dueSoonDays calendar days, upcoming after', () => {
    const asOf = '2026-06-10T16:00:00Z'; // noon EDT
    expect(classifyReview('2026-06-11', asOf, NY, S)).toBe('due_soon');
    expect(classifyReview('2026-06-13', asOf, NY, S)).toBe('due_soon');
    expect(classifyReview('2026-06-14', asOf, NY, S)).toBe('upcoming');
    expect(classifyReview('2026-06-11', asOf, NY, { ...S, dueSoonDays: 0 })).toBe('upcoming');
    expect(classifyReview('2026-06-10', asOf, NY, { ...S, dueSoonDays: 0 })).toBe('due_today');
  });

  it('counts the due-soon window in calendar days across DST and month/leap ends', () => {
    expect(classifyReview('2026-03-10', '2026-03-07T17:00:00Z', NY, S)).toBe('due_soon');
    expect(classifyReview('2026-03-11', '2026-03-07T17:00:00Z', NY, S)).toBe('upcoming');
    expect(classifyReview('2026-11-03', '2026-10-31T16:00:00Z', NY, S)).toBe('due_soon');
    expect(classifyReview('2026-03-03', '2026-02-28T17:00:00Z', NY, S)).toBe('due_soon');
    expect(classifyReview('2028-03-03', '2028-02-28T17:00:00Z', NY, S)).toBe('upcoming');
    expect(classifyReview('2028-03-02', '2028-02-28T17:00:00Z', NY, S)).toBe('due_soon');
  });

  it('re-reads the same stored due date when the clinic zone changes', () => {
    // 02:00Z on Jun 11 is 22:00 on Jun 10 in New York, already Jun 11 in UTC and Kiritimati.
    const asOf = '2026-06-11T02:00:00Z';
    expect(classifyReview('2026-06-10', asOf, NY, S)).toBe('due_today');
    expect(classifyReview('2026-06-10', asOf, 'UTC', S)).toBe('overdue');
    expect(classifyReview('2026-06-10', asOf, 'Pacific/Kiritimati', S)).toBe('overdue');
    expect(classifyReview('2026-06-10', asOf, 'Pacific/Pago_Pago', S)).toBe('due_today');
    expect(classifyReview('2026-06-11', asOf, NY, S)).toBe('due_soon');
    expect(classifyReview('2026-06-11', asOf, 'UTC', S)).toBe('due_today');
    // Moving a clinic west can take a review back out of the critical band at the same instant.
    const later = iso(criticalAt('2026-06-10', 'UTC', S));
    expect(classifyReview('2026-06-10', later, 'UTC', S)).toBe('critically_overdue');
    expect(classifyReview('2026-06-10', later, NY, S)).toBe('overdue');
  });

  it('accepts Date and offset strings alike, and refuses offset-less ones', () => {
    expect(classifyReview('2026-06-10', new Date('2026-06-11T04:00:00Z'), NY, S)).toBe('overdue');
    expect(classifyReview('2026-06-10', '2026-06-11T00:00:00-04:00', NY, S)).toBe('overdue');
    expect(() => classifyReview('2026-06-10', '2026-06-11T00:00:00', NY, S)).toThrow(RangeError);
    // A stored date no rule can read is one row needing attention, not a failed screen (issue 10).
    expect(classifyReview('06/10/2026', '2026-06-11T00:00:00Z', NY, S)).toBe('needs_attention');
  });
});

describe('daysLate: whole calendar days from the due date to the local date of the instant', () => {
  it('is 0 before and on the due date, whatever the hour', () => {
    expect(daysLate('2026-06-10', '2026-06-01T12:00:00Z', NY)).toBe(0);
    expect(daysLate('2026-06-10', '2026-06-11T03:59:59.999Z', NY)).toBe(0); // 23:59:59.999 EDT Jun 10
    expect(daysLate('2026-06-10', '2026-06-11T04:00:00Z', NY)).toBe(1);
  });

  it('counts calendar days, not 24-hour periods, across DST', () => {
    expect(daysLate('2026-03-07', '2026-03-09T03:59:59.999Z', NY)).toBe(1); // still Mar 8 (23 h day)
    expect(daysLate('2026-03-07', '2026-03-09T04:00:00Z', NY)).toBe(2);
    expect(daysLate('2026-10-31', '2026-11-02T04:59:59.999Z', NY)).toBe(1); // still Nov 1 (25 h day)
    expect(daysLate('2026-10-31', '2026-11-02T05:00:00Z', NY)).toBe(2);
    expect(daysLate('2026-10-31', '2026-11-02T06:59:59.999Z', PHOENIX)).toBe(1);
  });

  it('spans month ends and the leap day', () => {
    expect(daysLate('2026-01-31', '2026-03-01T17:00:00Z', NY)).toBe(29);
    expect(daysLate('2028-02-28', '2028-03-01T17:00:00Z', NY)).toBe(2);
    expect(daysLate('2027-02-28', '2027-03-01T17:00:00Z', NY)).toBe(1);
  });

  it('depends on the zone for the same instant', () => {
    expect(daysLate('2026-06-10', '2026-06-11T02:00:00Z', NY)).toBe(0);
    expect(daysLate('2026-06-10', '2026-06-11T02:00:00Z', 'UTC')).toBe(1);
  });

  it('ignores grace: on time within grace, yet a day past its date', () => {
    const completed = '2026-06-11T13:00:00Z';
    expect(wasOnTime('2026-06-10', completed, NY, GRACE_24)).toBe(true);
    expect(daysLate('2026-06-10', completed, NY)).toBe(1);
  });
});

describe('wasOnTime: completed before the overdue instant', () => {
  it.each([
    [NY, '2026-06-10', S],
    [NY, '2026-03-08', S],
    [NY, '2026-11-01', S],
    [PHOENIX, '2026-11-01', S],
    [NY, '2026-10-31', GRACE_24],
    [NY, '2028-02-29', GRACE_24],
  ])('%s due %s: 1 ms before is on time, at the instant is late', (zone, due, settings) => {
    const od = iso(overdueAt(due, zone, settings));
    expect(wasOnTime(due, shift(od, -1), zone, settings)).toBe(true);
    expect(wasOnTime(due, od, zone, settings)).toBe(false);
  });

  it('counts an early completion as on time', () => {
    expect(wasOnTime('2026-06-10', '2026-05-01T12:00:00Z', NY, S)).toBe(true);
  });
});

describe('compareByUrgency', () => {
  const item = (id: number | string, band: UrgencyItem['band'], dueDate: string): UrgencyItem => ({ id, band, dueDate });

  it('orders by band, then oldest due date, then id', () => {
    const items = [
      item(1, 'upcoming', '2026-07-01'),
      item(2, 'due_soon', '2026-06-12'),
      item(3, 'overdue', '2026-06-05'),
      item(4, 'critically_overdue', '2026-05-20'),
      item(5, 'due_today', '2026-06-10'),
      item(6, 'overdue', '2026-06-01'),
      item(7, 'due_soon', '2026-06-11'),
    ];
    expect([...items].sort(compareByUrgency).map((i) => i.id)).toEqual([4, 6, 3, 5, 7, 2, 1]);
  });

  it('breaks ties on id numerically (2 before 10), and by code units for text ids', () => {
    const same = (id: number | string) => item(id, 'overdue', '2026-06-01');
    expect([same(10), same(2), same(1)].sort(compareByUrgency).map((i) => i.id)).toEqual([1, 2, 10]);
    expect([same('b'), same('B'), same('a')].sort(compareByUrgency).map((i) => i.id)).toEqual(['B', 'a', 'b']);
    expect(compareByUrgency(same(3), same(3))).toBe(0);
  });

  it('puts the band before the date, even when the dates disagree', () => {
    // Possible when items were classified under different settings; the band still leads.
    expect(compareByUrgency(item(1, 'overdue', '2026-06-09'), item(2, 'due_today', '2026-06-01'))).toBeLessThan(0);
  });

  it('sortByUrgency classifies and sorts without touching the input', () => {
    const input = [
      { id: 3, dueDate: '2026-06-10', patient: 'C' },
      { id: 1, dueDate: '2026-06-20', patient: 'A' },
      { id: 2, dueDate: '2026-06-01', patient: 'B' },
      { id: 4, dueDate: '2026-06-10', patient: 'D' },
    ];
    const copy = structuredClone(input);
    const sorted = sortByUrgency(input, '2026-06-10T16:00:00Z', NY, S);
    expect(sorted.map((r) => [r.id, r.band, r.patient])).toEqual([
      [2, 'critically_overdue', 'B'],
      [3, 'due_today', 'C'],
      [4, 'due_today', 'D'],
      [1, 'upcoming', 'A'],
    ]);
    expect(input).toEqual(copy);
  });
});


describe('a whole day on the worklist, across fall-back', () => {
  it('walks one review through every band at the right instants', () => {
    const due = '2026-11-01';
    const band = (at: string) => classifyReview(due, at, NY, S);
    expect(band('2026-10-29T03:59:59.999Z')).toBe('upcoming'); // 23:59:59.999 EDT Oct 28, 4 days out
    expect(band('2026-10-29T04:00:00Z')).toBe('due_soon'); // Oct 29, 3 days out
    expect(band('2026-11-01T03:59:59.999Z')).toBe('due_soon');
    expect(band('2026-11-01T04:00:00Z')).toBe('due_today');
    expect(band('2026-11-02T04:59:59.999Z')).toBe('due_today'); // 25 hours later
    expect(band('2026-11-02T05:00:00Z')).toBe('overdue');
    expect(band('2026-11-09T04:59:59.999Z')).toBe('overdue');
    expect(band('2026-11-09T05:00:00Z')).toBe('critically_overdue');
  });
});

