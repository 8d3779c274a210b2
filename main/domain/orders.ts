import { doseInEffect, doseTimeline, type DoseVersion } from './doses';
import type { OrderStatus } from './enums';
import { instantMillis, localDate, type InstantInput, type IsoDate } from './followups';

/**
 * Rules about an order as a whole: how its status reads at an instant, how far back a change
 * may be dated, the last day a discharged patient may be ordered for, and which dose an order
 * shows at an instant. Pure; the services in main/services/orders.ts and orderViews.ts call
 * these and never restate them.
 */

/**
 * A dose change or an order start may take effect this far in the past (the form was open a
 * while) and no earlier: back-dating would rewrite which dose was in effect when nurses gave it.
 */
export const BACKDATE_TOLERANCE_MINUTES = 10;

/** True when `requested` lies further back than the tolerance allows at `now`. */
export function isBackDated(requested: InstantInput, now: InstantInput): boolean {
  return instantMillis(requested) < instantMillis(now) - BACKDATE_TOLERANCE_MINUTES * 60_000;
}

/**
 * The status as people should read it at `at`: an active or held order whose end has come
 * (end instant included) reads as completed; the stored status is not rewritten.
 */
export function orderStatusAt(order: { status: OrderStatus; endAt: InstantInput | null }, at: InstantInput): OrderStatus {
  if ((order.status === 'active' || order.status === 'held') && order.endAt !== null && instantMillis(order.endAt) <= instantMillis(at))
    return 'completed';
  return order.status;
}

/**
 * The discharge date is a calendar date in the clinic's zone: a patient can still be ordered
 * for through the whole of that day, and not from the next midnight there.
 */
export function isPastDischarge(dischargeDate: IsoDate | null, now: InstantInput, zone: string): boolean {
  return dischargeDate !== null && dischargeDate < localDate(now, zone);
}

/** Taper steps still to come after `after` (not voided): the plan a dose change would cut across. */
export function plannedTaperSteps<T extends DoseVersion>(versions: readonly T[], after: InstantInput): T[] {
  const afterMs = instantMillis(after);
  return versions.filter((v) => v.kind === 'taper_step' && v.voidedAt === null && instantMillis(v.effectiveFrom) > afterMs);
}

/**
 * The dose an order shows at `at`: the one in effect then, or, before the order starts, the
 * earliest one not voided (what it will start with). Null when every version is voided.
 */
export function doseShownAt<T extends DoseVersion>(versions: readonly T[], at: InstantInput): T | null {
  const iso = at instanceof Date ? at.toISOString() : at;
  return doseInEffect(versions, iso) ?? doseTimeline(versions)[0] ?? null;
}
