import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OVERDUE_SETTINGS, cancelledAfterOverdue, median, onTimeRate, overdueAt, summarizeOverdueByPrescriber,
  type OverdueSettings, type ReviewRecord,
} from '../../main/domain/overdue';

/**
 * The overdue-review report's figures from many reviews: the median, overdue counts by
 * prescriber, on-time rates over a period, and reviews cancelled because their order stopped.
 * One review's timeline is in overdue.test.ts.
 */

const NY = 'America/New_York';
const S = DEFAULT_OVERDUE_SETTINGS;
const GRACE_24: OverdueSettings = { ...S, graceHours: 24 };

const iso = (d: Date) => d.toISOString();
const shift = (at: string, ms: number) => new Date(new Date(at).getTime() + ms);
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
