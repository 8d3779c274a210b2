import { parseInstant } from './frequency';
import { prnCapReachedBy } from './prn';

/**
 * A scheduled dose that uses up a PRN order's 24-hour amount (issue 7 item 6, "a PRN cap
 * reached"). The amount cap of a PRN order sums the ingredient over every order of the patient,
 * scheduled doses included, so a scheduled lorazepam can leave no room for the PRN lorazepam.
 * The prescriber hears of it with the scheduled dose, as with a PRN dose given up to its cap.
 *
 * "Reached" is prnCapReachedBy's rule for that PRN order: one more PRN dose of its own amount,
 * at the scheduled dose's time, would pass the cap. A total exactly at the cap is reached; a
 * total one PRN dose below it is not (that dose still fits). Only the dose that brings the
 * order there alerts: when the PRN order had no room before this scheduled dose either, its
 * cap was reached earlier (and alerted then), so nothing new is said. Rolling 24 hours in
 * elapsed time, (at - 24 h, at], as every PRN limit: across midnight and DST alike.
 *
 * The PRN order's dose-count cap is not touched by scheduled doses and plays no part.
 */
export interface CappedPrnOrder {
  orderId: number;
  /** The most of the ingredient in any rolling 24 hours, in the unit of the doses. */
  maxAmount24h: number;
  /** The PRN order's dose in effect at the scheduled dose's time. */
  amount: number;
}

export interface ScheduledCapReached {
  orderId: number;
  /** "3 mg of 3 mg in 24 hours across all its orders; next dose allowed from Wed 2 Dec 09:00". */
  detail: string;
  nextAllowedAt: string | null;
}

export function prnCapsReachedByScheduledDose(args: {
  /** When the scheduled dose was given. */
  at: string;
  /** Clinic zone, for the time in the detail. */
  zone?: string;
  unit?: string;
  /** The amount of the scheduled dose just given. */
  amount: number;
  /** The patient's PRN orders of the same ingredient and unit that have an amount cap. */
  prnOrders: readonly CappedPrnOrder[];
  /** Every other given dose of the ingredient, across the patient's orders, entered-in-error left out (not this scheduled dose). */
  otherDoses: readonly { at: string; amount: number }[];
}): ScheduledCapReached[] {
  parseInstant(args.at, 'Scheduled dose time');
  if (!Number.isFinite(args.amount) || args.amount <= 0) throw new RangeError(`A dose given must be more than 0, got ${String(args.amount)}.`);
  const after = [...args.otherDoses, { at: args.at, amount: args.amount }];
  const reachedWith = (o: CappedPrnOrder, doses: readonly { at: string; amount: number }[]) =>
    prnCapReachedBy({
      at: args.at,
      zone: args.zone,
      order: { maxDoses24h: null, maxAmount24h: o.maxAmount24h },
      amount: o.amount,
      unit: args.unit,
      dosesThisOrder: [],
      ingredientDoses: doses,
    });
  const out: ScheduledCapReached[] = [];
  for (const o of args.prnOrders) {
    const now = reachedWith(o, after);
    if (now === null || reachedWith(o, args.otherDoses) !== null) continue;
    out.push({ orderId: o.orderId, detail: now.detail, nextAllowedAt: now.nextAllowedAt });
  }
  return out;
}
