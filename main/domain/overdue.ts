import type { DateTime } from 'luxon';
import { z } from 'zod';
import {
  addDays, assertIsoDate, assertZone, calendarDaysBetween, instantMillis, localDate, startOfLocalDay,
  type InstantInput, type IsoDate,
} from './followups';

/**
 * When a review is late, and how late, as of a given instant in the clinic's zone.
 *
 * Timeline of a review due on date D (zone Z):
 *   overdue at   = start of D+1 in Z, plus graceHours of elapsed time
 *   critical at  = overdue-at plus criticalAfterDays calendar days in Z (same wall time)
 * Between the end of D and overdue-at (only when graceHours > 0) the review stays 'due_today':
 * it is still to be done now, and it is not late yet.
 */

export const OverdueSettingsSchema = z.strictObject({
  graceHours: z.int().min(0).max(168),
  // At least 1, or the plain 'overdue' band could never occur.
  criticalAfterDays: z.int().min(1).max(365),
  dueSoonDays: z.int().min(0).max(60),
});
export type OverdueSettings = Readonly<z.infer<typeof OverdueSettingsSchema>>;

/** No grace by default: "past its due date" means late, which is what the product promises. */
export const DEFAULT_OVERDUE_SETTINGS: OverdueSettings = Object.freeze({ graceHours: 0, criticalAfterDays: 7, dueSoonDays: 3 });

/**
 * Most urgent first; this order is the worklist order. 'needs_attention' is a review whose due
 * date cannot be classified (a damaged or out-of-range stored date): it leads the list so a
 * person fixes it, and one such row never fails a whole screen.
 */
export const URGENCY_BANDS = ['needs_attention', 'critically_overdue', 'overdue', 'due_today', 'due_soon', 'upcoming'] as const;
export type UrgencyBand = (typeof URGENCY_BANDS)[number];
const BAND_RANK = new Map<UrgencyBand, number>(URGENCY_BANDS.map((band, rank) => [band, rank]));

export type RecordId = number | string;

function overdueDateTime(dueDate: IsoDate, zone: string, settings: OverdueSettings): DateTime {
  return startOfLocalDay(addDays(dueDate, 1), zone).plus({ hours: settings.graceHours });
}

/** The first instant at which a review due on `dueDate` is overdue. */
export function overdueAt(dueDate: IsoDate, zone: string, settings: OverdueSettings): Date {
  return overdueDateTime(dueDate, zone, settings).toJSDate();
}

/** The first instant at which a review due on `dueDate` is critically overdue. */
export function criticalAt(dueDate: IsoDate, zone: string, settings: OverdueSettings): Date {
  return overdueDateTime(dueDate, zone, settings).plus({ days: settings.criticalAfterDays }).toJSDate();
}

/**
 * `fn` computed once per due date: audits and lists handle thousands of reviews that share a
 * few hundred dates.
 */
export function memoByDate<T>(fn: (date: IsoDate) => T): (date: IsoDate) => T {
  const cache = new Map<IsoDate, T>();
  return (date) => {
    let v = cache.get(date);
    if (v === undefined) cache.set(date, (v = fn(date)));
    return v;
  };
}

/** The value, or null when the date arithmetic refuses the input (an unreadable stored date). */
function tryDate<T extends { isValid: boolean }>(compute: () => T): T | null {
  try {
    const v = compute();
    return v.isValid ? v : null;
  } catch {
    return null;
  }
}

/** Whether a stored due date can be classified at all (see 'needs_attention'). */
export function isClassifiable(dueDate: IsoDate, zone: string, settings: OverdueSettings): boolean {
  const overdue = tryDate(() => overdueDateTime(dueDate, zone, settings));
  return overdue !== null && overdue.plus({ days: settings.criticalAfterDays }).isValid;
}

/** A classifier for one instant, zone and settings, cached per due date; never throws for a row. */
export function classifierAt(asOf: InstantInput, zone: string, settings: OverdueSettings): (dueDate: IsoDate) => UrgencyBand {
  const now = instantMillis(asOf);
  const today = localDate(new Date(now), zone);
  const soonUntil = addDays(today, settings.dueSoonDays);
  return memoByDate((dueDate): UrgencyBand => {
    const overdue = tryDate(() => overdueDateTime(dueDate, zone, settings));
    const critical = overdue?.plus({ days: settings.criticalAfterDays });
    if (!overdue || !critical?.isValid) return 'needs_attention';
    return now >= critical.toMillis() ? 'critically_overdue'
      : now >= overdue.toMillis() ? 'overdue'
      : dueDate <= today ? 'due_today'
      : dueDate <= soonUntil ? 'due_soon'
      : 'upcoming';
  });
}

/** The urgency band of an open review due on `dueDate`, as of `asOf`. */
export function classifyReview(dueDate: IsoDate, asOf: InstantInput, zone: string, settings: OverdueSettings): UrgencyBand {
  return classifierAt(asOf, zone, settings)(dueDate);
}

export function isOverdueBand(band: UrgencyBand): boolean {
  return band === 'overdue' || band === 'critically_overdue';
}

/**
 * Whole calendar days from the due date to the local date of `at` (as-of for an open review,
 * completion for a done one); 0 when `at` falls on or before the due date. Grace does not
 * shorten it: grace decides whether a review counts as late, this says how far past its date.
 */
export function daysLate(dueDate: IsoDate, at: InstantInput, zone: string): number {
  assertIsoDate(dueDate);
  return Math.max(0, calendarDaysBetween(dueDate, localDate(at, zone)));
}

/** Completed before it became overdue (early counts as on time). */
export function wasOnTime(dueDate: IsoDate, completedAt: InstantInput, zone: string, settings: OverdueSettings): boolean {
  return onTimeJudge(zone, settings)(dueDate, completedAt);
}

/** wasOnTime for many reviews in one zone and settings: each due date's threshold is computed once. */
export function onTimeJudge(zone: string, settings: OverdueSettings): (dueDate: IsoDate, completedAt: InstantInput) => boolean {
  const overdueMsOf = overdueMsMemo(zone, settings);
  return (dueDate, completedAt) => instantMillis(completedAt) < overdueMsOf(dueDate);
}

export interface UrgencyItem {
  readonly band: UrgencyBand;
  readonly dueDate: IsoDate;
  readonly id: RecordId;
}

function compareIds(a: RecordId, b: RecordId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  // Code-unit order, not locale order: the same list sorts the same on every workstation.
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Worklist order: band (most urgent first), then oldest due date, then id. */
export function compareByUrgency(a: UrgencyItem, b: UrgencyItem): number {
  return (
    (BAND_RANK.get(a.band) ?? 0) - (BAND_RANK.get(b.band) ?? 0) ||
    (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) ||
    compareIds(a.id, b.id)
  );
}

/** Classifies open reviews as of `asOf` and returns them in worklist order (a new array). */
export function sortByUrgency<T extends { readonly id: RecordId; readonly dueDate: IsoDate }>(
  reviews: readonly T[], asOf: InstantInput, zone: string, settings: OverdueSettings,
): Array<T & { band: UrgencyBand }> {
  const classify = classifierAt(asOf, zone, settings);
  return reviews.map((r) => ({ ...r, band: classify(r.dueDate) })).sort(compareByUrgency);
}

/** Median; the mean of the two middle values for an even count; null for none. */
export function median(numbers: readonly number[]): number | null {
  if (numbers.some((n) => !Number.isFinite(n))) throw new RangeError('median: every value must be a finite number');
  if (numbers.length === 0) return null;
  const sorted = [...numbers].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The fields of a stored review that the audit needs. */
export interface ReviewRecord {
  readonly id: RecordId;
  readonly prescriberId: RecordId;
  readonly dueDate: IsoDate;
  readonly status: 'scheduled' | 'completed' | 'cancelled';
  readonly completedAt: InstantInput | null;
  /** When a cancelled review was cancelled (its order stopped); absent or null otherwise. */
  readonly cancelledAt?: InstantInput | null;
}

/**
 * Where a review stood at `asOfMs`. One closed after `asOfMs` was still open then, so a report
 * as of a past instant shows what was true at it. A review cancelled in time is out of every
 * count; one cancelled only after it had turned overdue was missed, not spared, and counts as
 * closed late at its cancellation, so stopping an order cannot clear a prescriber's record.
 */
function standingAt(review: ReviewRecord, asOfMs: number, overdueMsOf: (dueDate: IsoDate) => number): ReviewStanding {
  if (review.status === 'scheduled') return { open: true };
  if (review.status === 'cancelled') {
    if (review.cancelledAt === undefined || review.cancelledAt === null) return null;
    const cancelledMs = instantMillis(review.cancelledAt);
    if (cancelledMs > asOfMs) return { open: true };
    // Same rule as cancelledAfterOverdue, on the memoised threshold.
    return cancelledMs >= overdueMsOf(review.dueDate) ? { open: false, completedMs: cancelledMs } : null;
  }
  if (review.completedAt === null) throw new RangeError(`Review ${review.id} is completed but has no completion time`);
  const completedMs = instantMillis(review.completedAt);
  return completedMs <= asOfMs ? { open: false, completedMs } : { open: true };
}

export type ReviewStanding = { open: true } | { open: false; completedMs: number } | null;

/**
 * Where each review stood at `asOf` (open, closed at an instant, or out of every count), for
 * many reviews in one zone and settings: the rule the audit's figures use, for the reviews
 * shown behind them.
 */
export function standingAsOf(asOf: InstantInput, zone: string, settings: OverdueSettings): (review: ReviewRecord) => ReviewStanding {
  const asOfMs = instantMillis(asOf);
  const overdueMsOf = overdueMsMemo(zone, settings);
  return (review) => standingAt(review, asOfMs, overdueMsOf);
}

/** A review cancelled at or after the instant it turned overdue was missed, not spared. */
export function cancelledAfterOverdue(dueDate: IsoDate, cancelledAt: InstantInput, zone: string, settings: OverdueSettings): boolean {
  return instantMillis(cancelledAt) >= overdueDateTime(dueDate, zone, settings).toMillis();
}

/** overdueAt in milliseconds, computed once per due date. */
const overdueMsMemo = (zone: string, settings: OverdueSettings) =>
  memoByDate((dueDate) => tryDate(() => overdueDateTime(dueDate, zone, settings))?.toMillis() ?? Number.NaN);

export interface PrescriberOverdueRow {
  readonly prescriberId: RecordId;
  /** Open reviews past their overdue instant, critical ones included. */
  readonly overdue: number;
  /** Of those, the critically overdue ones. */
  readonly critical: number;
  /** Earliest due date among the overdue ones. */
  readonly oldestDueDate: IsoDate;
  /** Median daysLate of the overdue ones as of `asOf`. */
  readonly medianDaysLate: number;
}

/**
 * One row per prescriber with at least one overdue open review, most behind first
 * (critical, then overdue, descending; then oldest due date; then prescriber id).
 */
export function summarizeOverdueByPrescriber(
  reviews: readonly ReviewRecord[], asOf: InstantInput, zone: string, settings: OverdueSettings,
): PrescriberOverdueRow[] {
  const asOfMs = instantMillis(asOf);
  const classify = classifierAt(asOf, zone, settings);
  const today = localDate(asOf, zone);
  const lateBy = memoByDate((dueDate) => calendarDaysBetween(dueDate, today));
  const groups = new Map<RecordId, { critical: number; dueDates: IsoDate[] }>();
  const overdueMsOf = overdueMsMemo(zone, settings);
  for (const review of reviews) {
    if (!standingAt(review, asOfMs, overdueMsOf)?.open) continue;
    const band = classify(review.dueDate);
    if (!isOverdueBand(band)) continue;
    const group = groups.get(review.prescriberId) ?? { critical: 0, dueDates: [] };
    group.dueDates.push(review.dueDate);
    if (band === 'critically_overdue') group.critical += 1;
    groups.set(review.prescriberId, group);
  }
  const rows = [...groups].map(([prescriberId, g]): PrescriberOverdueRow => ({
    prescriberId,
    overdue: g.dueDates.length,
    critical: g.critical,
    oldestDueDate: g.dueDates.reduce((a, b) => (b < a ? b : a)),
    // Non-null: a group exists only once it holds a due date.
    medianDaysLate: median(g.dueDates.map(lateBy)) as number,
  }));
  return rows.sort(
    (a, b) =>
      b.critical - a.critical ||
      b.overdue - a.overdue ||
      (a.oldestDueDate < b.oldestDueDate ? -1 : a.oldestDueDate > b.oldestDueDate ? 1 : 0) ||
      compareIds(a.prescriberId, b.prescriberId),
  );
}

export interface OnTimeRate {
  /** Reviews due in the period whose outcome is settled: onTime + late. */
  readonly due: number;
  readonly onTime: number;
  /** Completed after their overdue instant, or still open past it. */
  readonly late: number;
  /** Due in the period, still open and not yet overdue: outcome unknown, not counted in `due`. */
  readonly pending: number;
  /** onTime / due, or null when nothing is due. */
  readonly rate: number | null;
}

/**
 * On-time completion over the due dates periodStart..periodEnd (both inclusive), as of `asOf`.
 * Cancelled reviews are left out entirely.
 */
export function onTimeRate(
  reviews: readonly ReviewRecord[], periodStart: IsoDate, periodEnd: IsoDate,
  asOf: InstantInput, zone: string, settings: OverdueSettings,
): OnTimeRate {
  assertIsoDate(periodStart);
  assertIsoDate(periodEnd);
  assertZone(zone);
  if (periodEnd < periodStart) throw new RangeError(`Period ends (${periodEnd}) before it starts (${periodStart})`);
  const asOfMs = instantMillis(asOf);
  const overdueMsOf = overdueMsMemo(zone, settings);
  let onTime = 0;
  let late = 0;
  let pending = 0;
  for (const review of reviews) {
    if (review.dueDate < periodStart || review.dueDate > periodEnd) continue;
    const standing = standingAt(review, asOfMs, overdueMsOf);
    if (standing === null) continue;
    const threshold = overdueMsOf(review.dueDate);
    // An unreadable due date cannot be on time or late: the review lists show it as needing attention.
    if (Number.isNaN(threshold)) continue;
    const settledOnTime = standing.open ? (asOfMs >= threshold ? false : null) : standing.completedMs < threshold;
    if (settledOnTime === null) pending += 1;
    else if (settledOnTime) onTime += 1;
    else late += 1;
  }
  const due = onTime + late;
  return { due, onTime, late, pending, rate: due === 0 ? null : onTime / due };
}

/**
 * The band cut-offs of one request: the last due date in each band as of `asOf`. Every
 * threshold above grows with the due date (later date, later overdue instant), so a band is a
 * range of due dates and, once these four dates are known, classifying a review is a string
 * comparison (`bandFromCutoffs`), which SQL can do too (counting on an index). Null: no date
 * is in that band (cannot happen for today, kept for symmetry).
 */
export interface BandCutoffs {
  /** Due on or before: critically overdue. */
  readonly criticalThrough: IsoDate;
  /** Due on or before (and after criticalThrough): overdue. */
  readonly overdueThrough: IsoDate;
  /** The clinic-zone date of `asOf`: due on or before (and not overdue) is due today. */
  readonly today: IsoDate;
  /** Due on or before (and after today): due soon. Later: upcoming. */
  readonly soonThrough: IsoDate;
}

/** The last date on or before `from` for which `passed` holds, walking back at most `limit` days. */
function lastDateWhere(from: IsoDate, limit: number, passed: (date: IsoDate) => boolean): IsoDate {
  let date = from;
  for (let i = 0; i <= limit; i++, date = addDays(date, -1)) if (passed(date)) return date;
  throw new RangeError(`No due date within ${limit} days of ${from} satisfies the band rule`);
}

export function bandCutoffs(asOf: InstantInput, zone: string, settings: OverdueSettings): BandCutoffs {
  const now = instantMillis(asOf);
  const today = localDate(new Date(now), zone);
  // The same instants classifierAt compares with; grace (<= 168 h) and a long DST day move the
  // edge by at most 8 days, so the walk back is short and bounded.
  const overdueThrough = lastDateWhere(today, 10, (d) => now >= overdueDateTime(d, zone, settings).toMillis());
  const criticalThrough = lastDateWhere(addDays(overdueThrough, -settings.criticalAfterDays + 1), 10, (d) =>
    now >= overdueDateTime(d, zone, settings).plus({ days: settings.criticalAfterDays }).toMillis(),
  );
  return { criticalThrough, overdueThrough, today, soonThrough: addDays(today, settings.dueSoonDays) };
}

/** The band of a plain due date against a request's cut-offs (a string comparison). */
function bandOfPlainDate(c: BandCutoffs, dueDate: IsoDate): UrgencyBand {
  return dueDate <= c.criticalThrough ? 'critically_overdue'
    : dueDate <= c.overdueThrough ? 'overdue'
    : dueDate <= c.today ? 'due_today'
    : dueDate <= c.soonThrough ? 'due_soon'
    : 'upcoming';
}

const PLAIN_DATE = /^(1\d{3}|[2-8]\d{3})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** A real calendar date in years 1000-8999: always classifiable, and cheap to recognise. */
function isPlainDate(date: string): boolean {
  if (!PLAIN_DATE.test(date)) return false;
  const [y, m, d] = date.split('-').map(Number);
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The band of a due date against a request's cut-offs: the same answer as classifierAt. A
 * plain date is a string comparison; anything else (a damaged stored date) goes to the rule
 * itself, which says whether it can be classified at all ('needs_attention').
 */
export function classifierFromCutoffs(c: BandCutoffs, zone: string, settings: OverdueSettings): (dueDate: IsoDate) => UrgencyBand {
  const odd = memoByDate((dueDate): UrgencyBand => (isClassifiable(dueDate, zone, settings) ? bandOfPlainDate(c, dueDate) : 'needs_attention'));
  return (dueDate) => (isPlainDate(dueDate) ? bandOfPlainDate(c, dueDate) : odd(dueDate));
}

/** daysLate for an open review against the request's local date (pure date arithmetic); 0 for an unreadable date. */
export function daysLateFromToday(dueDate: IsoDate, today: IsoDate): number {
  const days = Math.round((Date.parse(today) - Date.parse(dueDate)) / 86_400_000);
  return Number.isFinite(days) ? Math.max(0, days) : 0;
}
