import { DateTime } from 'luxon';
import { assertZone } from './frequency';
import { z } from 'zod';
import { DEA_SCHEDULES, REVIEW_KINDS, SEDATING_CLASSES, type DeaSchedule, type ReviewKind, type SedatingClass } from './enums';

/**
 * Prescriber reviews ("follow-ups"): which events schedule one, and on which calendar date it
 * falls due. Pure: every function is given the instant and the clinic zone it needs.
 *
 * Due dates are calendar dates ("YYYY-MM-DD") with no zone of their own; they are read in the
 * clinic's zone at the moment of use, so changing the clinic's zone re-reads every stored date.
 */

/** A calendar date "YYYY-MM-DD". */
export type IsoDate = string;
/** An instant: a Date, or an ISO-8601 string that names its offset ("Z" or "+hh:mm"). */
export type InstantInput = Date | string;

export { REVIEW_KINDS, SEDATING_CLASSES, DEA_SCHEDULES, type ReviewKind, type SedatingClass, type DeaSchedule };

/** Events a policy can schedule a review for; a manual review is a prescriber's own choice. */
export const POLICY_EVENT_KINDS = ['order_start', 'dose_change', 'taper_step', 'resume', 'routine', 'discharge'] as const;
export type PolicyEventKind = (typeof POLICY_EVENT_KINDS)[number];


/** What a policy rule can match on: the formulary facts of the order's medication. */
export interface MedicationFacts {
  readonly drugClass: string;
  readonly sedatingClass: SedatingClass | null;
  readonly deaSchedule: DeaSchedule | null;
  readonly withdrawalManagement: boolean;
}

const MAX_POLICY_DAYS = 365;

/**
 * One rule: an event plus optional criteria. `days: null` means "no review", so an admin can
 * switch a review off for a narrower set without deleting the broader rule.
 * Strict objects: a misspelt criterion ("sedatingclass") would otherwise be dropped silently
 * and turn a narrow rule into a catch-all.
 */
export const ReviewRuleSchema = z.strictObject({
  event: z.enum(POLICY_EVENT_KINDS),
  sedatingClass: z.enum(SEDATING_CLASSES).optional(),
  drugClass: z.string().trim().min(1).max(100).optional(),
  deaSchedule: z.enum(DEA_SCHEDULES).optional(),
  withdrawalManagement: z.boolean().optional(),
  days: z.int().min(0).max(MAX_POLICY_DAYS).nullable(),
});
export type ReviewRule = Readonly<z.infer<typeof ReviewRuleSchema>>;

const CRITERIA = ['sedatingClass', 'drugClass', 'deaSchedule', 'withdrawalManagement'] as const;

function specificity(rule: ReviewRule): number {
  return CRITERIA.filter((c) => rule[c] !== undefined).length;
}

function criteriaKey(rule: ReviewRule): string {
  return JSON.stringify([rule.event, rule.sedatingClass, rule.drugClass?.toLowerCase(), rule.deaSchedule, rule.withdrawalManagement]);
}

/**
 * The admin-editable policy. Two checks beyond shape: every event has exactly one catch-all
 * rule (no criteria), so "no review" is always an explicit choice rather than a gap; and no two
 * rules share the same event and criteria, since one of them would be dead.
 */
export const ReviewPolicySchema = z
  .strictObject({ rules: z.array(ReviewRuleSchema).max(500) })
  .superRefine((policy, ctx) => {
    const seen = new Set<string>();
    policy.rules.forEach((rule, i) => {
      const key = criteriaKey(rule);
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['rules', i], message: `Duplicate rule: another '${rule.event}' rule has exactly the same criteria` });
      }
      seen.add(key);
    });
    for (const event of POLICY_EVENT_KINDS) {
      if (!policy.rules.some((r) => r.event === event && specificity(r) === 0)) {
        ctx.addIssue({ code: 'custom', path: ['rules'], message: `Missing catch-all rule for '${event}' (set days to null for no review)` });
      }
    }
  });
export type ReviewPolicy = Readonly<{ rules: readonly ReviewRule[] }>;

/** Defaults from the product issue: a starting point an admin can change, not clinical advice. */
const defaultRules: ReviewRule[] = [
  // Only withdrawal-management starts get an early review; the routine review covers the rest.
  { event: 'order_start', days: null },
  { event: 'order_start', withdrawalManagement: true, days: 3 },
  { event: 'dose_change', days: 7 },
  // Due on the step's own local date (the event instant passed is the step's effective time).
  { event: 'taper_step', days: 0 },
  { event: 'resume', days: 3 },
  { event: 'routine', days: 28 },
  { event: 'routine', sedatingClass: 'benzodiazepine', days: 14 },
  { event: 'routine', sedatingClass: 'barbiturate', days: 14 },
  // One review per order still active at discharge, due on the discharge date itself. Discharge
  // is recorded as a date, so its due date is addDays(dischargeDate, days), not dueDateFor.
  { event: 'discharge', days: 0 },
];
export const DEFAULT_REVIEW_POLICY: ReviewPolicy = Object.freeze({ rules: Object.freeze(defaultRules.map((r) => Object.freeze(r))) });

function matches(rule: ReviewRule, facts: MedicationFacts): boolean {
  return (
    (rule.sedatingClass === undefined || rule.sedatingClass === facts.sedatingClass) &&
    (rule.deaSchedule === undefined || rule.deaSchedule === facts.deaSchedule) &&
    (rule.withdrawalManagement === undefined || rule.withdrawalManagement === facts.withdrawalManagement) &&
    // Formulary classes are free text typed by people: compare without case or edge spaces.
    (rule.drugClass === undefined || rule.drugClass.trim().toLowerCase() === facts.drugClass.trim().toLowerCase())
  );
}

/**
 * Days from the event to the review, or null for no review. The matching rule with the most
 * criteria wins; among equally specific matches the earliest review wins (a number beats
 * null), so the outcome never depends on the order an admin listed the rules in.
 */
export function policyFor(event: PolicyEventKind, facts: MedicationFacts, policy: ReviewPolicy): number | null {
  let best: { specificity: number; days: number | null } | undefined;
  for (const rule of policy.rules) {
    if (rule.event !== event || !matches(rule, facts)) continue;
    const s = specificity(rule);
    if (best === undefined || s > best.specificity) best = { specificity: s, days: rule.days };
    else if (s === best.specificity) best.days = earlier(best.days, rule.days);
  }
  return best?.days ?? null;
}

function earlier(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

// ---- Calendar helpers shared by the review rules ----

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const EXPLICIT_OFFSET = /T[^Z+-]*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

// One zone check for the whole domain, remembering good zones (frequency.ts).
export { assertZone };

/** Parses a calendar date; dates are zone-free, so their arithmetic is done in UTC. */
function parseDate(date: IsoDate): DateTime {
  const dt = ISO_DATE.test(date) ? DateTime.fromISO(date, { zone: 'utc' }) : DateTime.invalid('format');
  if (!dt.isValid) throw new RangeError(`Invalid calendar date '${date}' (expected YYYY-MM-DD)`);
  return dt;
}

export function assertIsoDate(date: IsoDate): void {
  parseDate(date);
}

// The form the database stores. Date.parse reads it ~40x faster than luxon, which matters when
// an audit parses tens of thousands of completion times, but it rolls "Feb 30" over to March,
// so the day is checked first.
const STORED_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{3})?(?:Z|[+-]\d{2}:\d{2})$/;

function parseInstantString(text: string): number {
  const m = STORED_INSTANT.exec(text);
  if (m !== null) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate()) return Date.parse(text);
  }
  return EXPLICIT_OFFSET.test(text) ? DateTime.fromISO(text).toMillis() : Number.NaN;
}

/** Milliseconds since the epoch. A string without an offset is refused: it would mean the host's zone. */
export function instantMillis(instant: InstantInput): number {
  const ms = instant instanceof Date ? instant.getTime() : parseInstantString(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid instant '${String(instant)}' (ISO-8601 with Z or an offset)`);
  return ms;
}

/** The calendar date of an instant in the zone. */
export function localDate(instant: InstantInput, zone: string): IsoDate {
  assertZone(zone);
  return DateTime.fromMillis(instantMillis(instant), { zone }).toISODate() as IsoDate;
}

/** The date `days` calendar days after (or before, if negative) `date`. */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be a whole number, got ${days}`);
  return parseDate(date).plus({ days }).toISODate() as IsoDate;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(parseDate(to).diff(parseDate(from), 'days').days);
}

/** The first instant of `date` in the zone (luxon moves forward if a DST jump skips midnight). */
export function startOfLocalDay(date: IsoDate, zone: string): DateTime {
  assertZone(zone);
  parseDate(date);
  return DateTime.fromISO(date, { zone });
}

/** Due date of a review for an event at `eventInstant`: its local date in `zone` plus `days` calendar days. */
export function dueDateFor(eventInstant: InstantInput, days: number, zone: string): IsoDate {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Review days must be a whole number ≥ 0, got ${days}`);
  return addDays(localDate(eventInstant, zone), days);
}

/**
 * Whether an order ending at `endAt` (exclusive; null = open-ended) still runs on the local
 * `date`: at least part of that day falls before the end. A routine review is a review of an
 * order in progress, so one due on a day the order no longer runs is not scheduled; reviews of
 * events (start, dose change, taper step, resume, discharge) are kept whatever the end date.
 */
export function orderRunsOn(date: IsoDate, endAt: InstantInput | null, zone: string): boolean {
  if (endAt === null) return true;
  return startOfLocalDay(date, zone).toMillis() < instantMillis(endAt);
}
