import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OVERDUE_SETTINGS, OverdueSettingsSchema, URGENCY_BANDS,
  cancelledAfterOverdue, classifyReview, compareByUrgency, criticalAt, daysLate, isOverdueBand, median, onTimeRate, overdueAt,
  sortByUrgency, summarizeOverdueByPrescriber, wasOnTime,
  type OverdueSettings, type ReviewRecord, type UrgencyItem,
} from '../../main/domain/overdue';

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

describe('median', () => {
  it.each([
    [[], null],
    [[4], 4],
    [[3, 1, 2], 2],
    [[1, 2, 3, 4], 2.5],
    [[10, 1, 7, 3], 5],
    [[5, 5, 5, 5], 5],
    [[-2, 0, 2], 0],
  ])('median(%j) = %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses non-finite values', () => {
    expect(() => median([1, Number.NaN])).toThrow(RangeError);
    expect(() => median([Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });
});

const review = (id: number, prescriberId: number, dueDate: string, more: Partial<ReviewRecord> = {}): ReviewRecord => ({
  id, prescriberId, dueDate, status: 'scheduled', completedAt: null, ...more,
});

describe('summarizeOverdueByPrescriber', () => {
  // As of noon EDT on Jun 20: due Jun 12 or earlier is critical, Jun 13-19 overdue.
  const asOf = '2026-06-20T16:00:00Z';

  it('counts overdue (critical included) and critical, with oldest date and median days late', () => {
    const rows = summarizeOverdueByPrescriber(
      [
        review(1, 7, '2026-06-19'), // 1 day late
        review(2, 7, '2026-06-17'), // 3
        review(3, 7, '2026-06-10'), // 10, critical
        review(4, 7, '2026-06-20'), // due today: not overdue
        review(5, 8, '2026-06-18'), // 2
        review(6, 8, '2026-06-14'), // 6
        review(7, 8, '2026-06-30'), // upcoming
      ],
      asOf, NY, S,
    );
    expect(rows).toEqual([
      { prescriberId: 7, overdue: 3, critical: 1, oldestDueDate: '2026-06-10', medianDaysLate: 3 },
      { prescriberId: 8, overdue: 2, critical: 0, oldestDueDate: '2026-06-14', medianDaysLate: 4 },
    ]);
  });

  it('leaves out completed, cancelled and not-yet-overdue reviews, and prescribers with none overdue', () => {
    const rows = summarizeOverdueByPrescriber(
      [
        review(1, 7, '2026-06-01', { status: 'completed', completedAt: '2026-06-05T12:00:00Z' }),
        review(2, 7, '2026-06-01', { status: 'cancelled' }),
        review(3, 8, '2026-06-20'),
        review(4, 9, '2026-06-19'),
      ],
      asOf, NY, S,
    );
    expect(rows.map((r) => r.prescriberId)).toEqual([9]);
  });

  it('counts a review completed after the as-of instant as open at that instant', () => {
    const late = review(1, 7, '2026-06-15', { status: 'completed', completedAt: '2026-06-25T12:00:00Z' });
    expect(summarizeOverdueByPrescriber([late], asOf, NY, S)).toEqual([
      { prescriberId: 7, overdue: 1, critical: 0, oldestDueDate: '2026-06-15', medianDaysLate: 5 },
    ]);
    expect(summarizeOverdueByPrescriber([late], '2026-06-26T12:00:00Z', NY, S)).toEqual([]);
  });

  it('does not count a review still in its grace period', () => {
    const rows = summarizeOverdueByPrescriber([review(1, 7, '2026-06-19')], asOf, NY, GRACE_24);
    expect(rows).toEqual([]);
  });

  it('sorts the most behind first: critical, then overdue, then oldest date, then id', () => {
    const rows = summarizeOverdueByPrescriber(
      [
        review(1, 1, '2026-06-18'), review(2, 1, '2026-06-17'), review(3, 1, '2026-06-16'),
        review(4, 2, '2026-06-01'),
        review(5, 3, '2026-06-18'), review(6, 3, '2026-06-15'),
        review(7, 4, '2026-06-18'), review(8, 4, '2026-06-15'),
        review(9, 5, '2026-06-18'), review(10, 5, '2026-06-16'),
      ],
      asOf, NY, S,
    );
    expect(rows.map((r) => r.prescriberId)).toEqual([2, 1, 3, 4, 5]);
  });

  it('measures days late on the zone calendar at the as-of instant', () => {
    // 01:00Z Jun 21 is 21:00 EDT Jun 20: New York is one day behind UTC here.
    const rows = (zone: string) => summarizeOverdueByPrescriber([review(1, 7, '2026-06-18')], '2026-06-21T01:00:00Z', zone, S);
    expect(rows(NY)[0].medianDaysLate).toBe(2);
    expect(rows('UTC')[0].medianDaysLate).toBe(3);
  });

  it('is empty for no reviews, and refuses a completed review without its time', () => {
    expect(summarizeOverdueByPrescriber([], asOf, NY, S)).toEqual([]);
    expect(() => summarizeOverdueByPrescriber([review(1, 7, '2026-06-01', { status: 'completed' })], asOf, NY, S)).toThrow(
      /no completion time/,
    );
  });

  // Speed is measured in tests/bench, not here: a timing limit in a unit test fails on a busy machine.
  it('summarises a worklist-sized input into one row per prescriber with every review counted', () => {
    const many = Array.from({ length: 60_000 }, (_, i) =>
      review(i, i % 40, `2026-0${1 + (i % 6)}-${String(1 + (i % 28)).padStart(2, '0')}`));
    const rows = summarizeOverdueByPrescriber(many, asOf, NY, S);
    expect(rows).toHaveLength(40);
    // As of noon on Jun 20, everything due on Jun 19 or before is overdue; Jun 20-28 is not yet.
    const overdueCount = many.filter((r) => r.dueDate <= '2026-06-19').length;
    expect(rows.reduce((n, r) => n + r.overdue, 0)).toBe(overdueCount);
  });
});

describe('onTimeRate', () => {
  const period = ['2026-06-01', '2026-06-30'] as const;
  const asOf = '2026-07-15T16:00:00Z';
  const rate = (reviews: ReviewRecord[], at = asOf, settings = S) => onTimeRate(reviews, period[0], period[1], at, NY, settings);

  it('is null, not 0 or 1, when nothing is due', () => {
    expect(rate([])).toEqual({ due: 0, onTime: 0, late: 0, pending: 0, rate: null });
  });

  it('counts completed on time, completed late, and open past overdue as late', () => {
    expect(
      rate([
        review(1, 7, '2026-06-10', { status: 'completed', completedAt: '2026-06-10T20:00:00Z' }), // on time
        review(2, 7, '2026-06-10', { status: 'completed', completedAt: '2026-06-08T20:00:00Z' }), // early
        review(3, 7, '2026-06-10', { status: 'completed', completedAt: '2026-06-12T20:00:00Z' }), // late
        review(4, 7, '2026-06-20'), // open and overdue
      ]),
    ).toEqual({ due: 4, onTime: 2, late: 2, pending: 0, rate: 0.5 });
  });

  it('pins the on-time boundary to the overdue instant', () => {
    const od = iso(overdueAt('2026-06-10', NY, S));
    const done = (at: Date | string) => rate([review(1, 7, '2026-06-10', { status: 'completed', completedAt: at })]);
    expect(done(shift(od, -1)).onTime).toBe(1);
    expect(done(od).late).toBe(1);
  });

  it('leaves open reviews that can still be done on time out of `due`, and reports them as pending', () => {
    const at = '2026-06-20T16:00:00Z';
    const result = rate(
      [review(1, 7, '2026-06-20'), review(2, 7, '2026-06-25'), review(3, 7, '2026-06-19', { status: 'completed', completedAt: '2026-06-19T15:00:00Z' })],
      at,
    );
    expect(result).toEqual({ due: 1, onTime: 1, late: 0, pending: 2, rate: 1 });
    expect(rate([review(1, 7, '2026-06-20')], at)).toEqual({ due: 0, onTime: 0, late: 0, pending: 1, rate: null });
  });

  it('flips an open review from pending to late exactly at its overdue instant', () => {
    const od = iso(overdueAt('2026-06-20', NY, S));
    expect(rate([review(1, 7, '2026-06-20')], shift(od, -1).toISOString()).pending).toBe(1);
    expect(rate([review(1, 7, '2026-06-20')], od).late).toBe(1);
  });

  it('includes both ends of the period and nothing outside it', () => {
    const result = rate([
      review(1, 7, '2026-05-31'),
      review(2, 7, '2026-06-01'),
      review(3, 7, '2026-06-30'),
      review(4, 7, '2026-07-01'),
    ]);
    expect(result.due).toBe(2);
  });

  it('excludes cancelled reviews from every count', () => {
    expect(rate([review(1, 7, '2026-06-10', { status: 'cancelled' })])).toEqual({ due: 0, onTime: 0, late: 0, pending: 0, rate: null });
  });

  it('as of a past instant, treats later completions as not yet done', () => {
    const r = review(1, 7, '2026-06-10', { status: 'completed', completedAt: '2026-06-10T20:00:00Z' });
    expect(rate([r], '2026-06-10T16:00:00Z').pending).toBe(1);
    expect(rate([r], '2026-06-10T20:00:00Z').onTime).toBe(1);
  });

  it('lets grace turn a next-day completion into an on-time one', () => {
    const r = review(1, 7, '2026-06-10', { status: 'completed', completedAt: '2026-06-11T13:00:00Z' });
    expect(rate([r]).rate).toBe(0);
    expect(rate([r], asOf, GRACE_24).rate).toBe(1);
  });

  it('reads due dates in the given zone (a clinic zone change moves the boundary)', () => {
    const r = review(1, 7, '2026-06-10', { status: 'completed', completedAt: '2026-06-11T02:00:00Z' });
    expect(onTimeRate([r], ...period, asOf, NY, S).onTime).toBe(1);
    expect(onTimeRate([r], ...period, asOf, 'UTC', S).late).toBe(1);
  });

  it('refuses a reversed period or bad input', () => {
    expect(() => onTimeRate([], '2026-06-30', '2026-06-01', asOf, NY, S)).toThrow(/before it starts/);
    expect(() => onTimeRate([], '2026-06-01', '2026-06-31', asOf, NY, S)).toThrow(/calendar date/);
    expect(() => onTimeRate([], ...period, asOf, 'Nowhere', S)).toThrow(/time zone/);
  });

  it('works for a one-day period, leap day included', () => {
    const r = review(1, 7, '2028-02-29', { status: 'completed', completedAt: '2028-03-01T04:59:59.999Z' });
    expect(onTimeRate([r], '2028-02-29', '2028-02-29', '2028-03-10T00:00:00Z', NY, S)).toEqual({
      due: 1, onTime: 1, late: 0, pending: 0, rate: 1,
    });
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

describe('reviews cancelled because their order stopped', () => {
  const zone = 'America/New_York';
  const s = DEFAULT_OVERDUE_SETTINGS;
  // Due 2026-06-04; overdue from 2026-06-05T04:00Z (midnight EDT).
  const base = { id: 1, prescriberId: 7, dueDate: '2026-06-04', status: 'cancelled' as const, completedAt: null };

  it('a review cancelled in time counts nowhere', () => {
    const r = { ...base, cancelledAt: '2026-06-05T03:59:59.999Z' };
    expect(onTimeRate([r], '2026-06-01', '2026-06-30', '2026-06-20T00:00:00Z', zone, s)).toMatchObject({ due: 0, late: 0, pending: 0 });
    expect(cancelledAfterOverdue(r.dueDate, r.cancelledAt, zone, s)).toBe(false);
  });

  it('a review cancelled at or after its overdue instant counts as late, and as open before it was cancelled', () => {
    const r = { ...base, cancelledAt: '2026-06-05T04:00:00.000Z' };
    expect(cancelledAfterOverdue(r.dueDate, r.cancelledAt, zone, s)).toBe(true);
    expect(onTimeRate([r], '2026-06-01', '2026-06-30', '2026-06-20T00:00:00Z', zone, s)).toMatchObject({ due: 1, onTime: 0, late: 1 });
    expect(summarizeOverdueByPrescriber([r], '2026-06-20T00:00:00Z', zone, s)).toEqual([]);
    const cancelledLater = { ...base, cancelledAt: '2026-06-07T12:00:00.000Z' };
    expect(summarizeOverdueByPrescriber([cancelledLater], '2026-06-06T12:00:00Z', zone, s)).toMatchObject([{ prescriberId: 7, overdue: 1 }]);
  });

  it('a cancelled review without a cancellation time (older data) counts nowhere', () => {
    expect(onTimeRate([{ ...base }], '2026-06-01', '2026-06-30', '2026-06-20T00:00:00Z', zone, s).due).toBe(0);
  });
});
