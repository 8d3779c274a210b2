import { DateTime } from 'luxon';
import { describeInstant, parseInstant, toInstant } from './frequency';

/**
 * PRN ("as needed") limits from the order: a maximum number of doses in any rolling 24 hours and
 * a minimum interval between doses.
 *
 * The 24-hour window is the half-open interval (at - 24 h, at]: a dose given exactly 24 hours
 * before no longer counts. A dose exactly minIntervalMinutes after the last one is allowed.
 * Either limit may be null (no such limit).
 */
export interface PrnCheck {
  maxDoses24h: number | null;
  minIntervalMinutes: number | null;
  /** When earlier doses of this order were given (entered-in-error entries left out). */
  priorGivenTimes: readonly string[];
  /** When the new dose would be given. */
  at: string;
  /** For messages only: times are shown in this zone. */
  zone?: string;
}

export interface PrnRefusal {
  code: 'prn_max' | 'prn_interval';
  message: string;
  /** The earliest instant at or after `at` when a dose would be within both limits. */
  nextAllowedAt: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Null when a dose at `at` is within the limits, else why not and when it next would be.
 * Doses recorded after `at` (late charting) count for the interval both ways; the 24-hour
 * count looks back from `at`. When both limits are broken the maximum is reported first, as
 * it is the one that lasts longer in practice; nextAllowedAt satisfies both.
 */
export function checkPrnDose(check: PrnCheck): PrnRefusal | null {
  const { maxDoses24h, minIntervalMinutes } = check;
  if (maxDoses24h !== null && (!Number.isInteger(maxDoses24h) || maxDoses24h < 1)) {
    throw new RangeError(`The PRN maximum per 24 hours must be a whole number of at least 1, got ${String(maxDoses24h)}.`);
  }
  if (minIntervalMinutes !== null && (!Number.isFinite(minIntervalMinutes) || minIntervalMinutes < 0)) {
    throw new RangeError(`The PRN minimum interval must be 0 or more minutes, got ${String(minIntervalMinutes)}.`);
  }
  const at = parseInstant(check.at, 'PRN dose time').toMillis();
  const given = check.priorGivenTimes.map((t) => parseInstant(t, 'Prior PRN dose time').toMillis());
  const intervalMs = (minIntervalMinutes ?? 0) * 60_000;

  const inWindow = (x: number) => given.filter((t) => t > x - DAY_MS && t <= x);
  const tooMany = (x: number) => maxDoses24h !== null && inWindow(x).length >= maxDoses24h;
  const tooSoon = (x: number) => intervalMs > 0 && given.some((t) => Math.abs(x - t) < intervalMs);

  const maxBroken = tooMany(at);
  const intervalBroken = tooSoon(at);
  if (!maxBroken && !intervalBroken) return null;

  // An allowed stretch can only begin where a limit lets go: a dose leaving the window (t + 24 h)
  // or an interval ending (t + interval). The earliest such point that passes both is the answer.
  const candidates = given.flatMap((t) => [t + DAY_MS, t + intervalMs]).filter((x) => x > at);
  const next = candidates.sort((a, b) => a - b).find((x) => !tooMany(x) && !tooSoon(x));
  if (next === undefined) throw new RangeError('No later time satisfies the PRN limits.');
  const nextAllowedAt = toInstant(DateTime.fromMillis(next));
  const when = describeInstant(nextAllowedAt, check.zone);

  if (maxBroken) {
    const count = inWindow(at).length;
    return {
      code: 'prn_max',
      message: `PRN maximum reached: ${count} dose${count === 1 ? '' : 's'} given in the 24 hours before this one (limit ${maxDoses24h}). Next dose allowed from ${when}.`,
      nextAllowedAt,
    };
  }
  const last = given.filter((t) => Math.abs(at - t) < intervalMs).reduce((a, b) => Math.max(a, b));
  const minutesSince = Math.round((at - last) / 60_000);
  const relation =
    minutesSince >= 0
      ? `${minutesSince} minute${minutesSince === 1 ? '' : 's'} after the last dose`
      : `${-minutesSince} minutes before a recorded dose`;
  return {
    code: 'prn_interval',
    message: `PRN interval too short: this dose would be ${relation} (minimum ${minIntervalMinutes} minutes). Next dose allowed from ${when}.`,
    nextAllowedAt,
  };
}

// ---- PRN eligibility: both 24-hour limits across the ingredient, the interval, the symptom trigger ----

export type PrnScale = 'CIWA-Ar' | 'COWS';

export interface PrnOrderLimits {
  maxDoses24h: number | null;
  /** Most of the ingredient, in the order's unit, in any rolling 24 hours across every order of the patient. */
  maxAmount24h: number | null;
  minIntervalMinutes: number | null;
  /** A PRN given for withdrawal symptoms: needs a score of at least minScore on the scale, recorded just before. */
  symptomTrigger: { scale: PrnScale; minScore: number } | null;
}

export interface PrnEligibilityArgs {
  /** When the dose would be given. */
  at: string;
  /** Clinic zone: times in messages read like "Tue 1 Dec 14:30". Without it they are UTC instants. */
  zone?: string;
  order: PrnOrderLimits;
  /** The amount of this dose, in the unit of ingredientDoses. */
  amount: number;
  /** For messages: the unit of the amounts ("mg"). */
  unit?: string;
  /** When this order's earlier PRN doses were given (entered-in-error left out). */
  priorDosesThisOrder: readonly string[];
  /**
   * Every given dose (scheduled and PRN) of every order of the patient with the same ingredient
   * and unit, entered-in-error left out, this order's own doses included.
   */
  ingredientDoses: readonly { at: string; amount: number }[];
  scores: readonly { scale: PrnScale; total: number; at: string }[];
  symptomWindowMinutes: number;
}

export type PrnEligibilityCode = 'prn_max' | 'prn_amount' | 'prn_interval' | 'prn_symptom';

export interface PrnIneligible {
  code: PrnEligibilityCode;
  message: string;
  /** prn_amount: the amount of the ingredient given in the 24 hours before this dose. */
  totalSoFar?: number;
  /** The earliest instant after `at` when a dose of this amount would pass every time limit; null when no time will do (an amount above the cap, or a missing score). */
  nextAllowedAt: string | null;
}

/** Amounts summed in floating point (0.1 + 0.2): rounded to a microgram's worth before comparing or showing. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;

function when(ms: number, zone: string | undefined): string {
  const iso = toInstant(DateTime.fromMillis(ms));
  return zone === undefined ? iso : DateTime.fromMillis(ms, { zone }).setLocale('en-GB').toFormat('ccc d LLL HH:mm');
}

function checkLimits(order: PrnOrderLimits, amount: number, symptomWindowMinutes: number): void {
  if (order.maxDoses24h !== null && (!Number.isInteger(order.maxDoses24h) || order.maxDoses24h < 1)) {
    throw new RangeError(`The PRN maximum per 24 hours must be a whole number of at least 1, got ${String(order.maxDoses24h)}.`);
  }
  if (order.maxAmount24h !== null && (!Number.isFinite(order.maxAmount24h) || order.maxAmount24h <= 0)) {
    throw new RangeError(`The maximum amount per 24 hours must be more than 0, got ${String(order.maxAmount24h)}.`);
  }
  if (order.minIntervalMinutes !== null && (!Number.isFinite(order.minIntervalMinutes) || order.minIntervalMinutes < 0)) {
    throw new RangeError(`The PRN minimum interval must be 0 or more minutes, got ${String(order.minIntervalMinutes)}.`);
  }
  if (!Number.isFinite(amount) || amount <= 0) throw new RangeError(`A PRN dose amount must be more than 0, got ${String(amount)}.`);
  if (!Number.isFinite(symptomWindowMinutes) || symptomWindowMinutes < 0) {
    throw new RangeError(`The PRN symptom window must be 0 or more minutes, got ${String(symptomWindowMinutes)}.`);
  }
  if (order.symptomTrigger !== null && !Number.isInteger(order.symptomTrigger.minScore)) {
    throw new RangeError(`A symptom trigger's score is a whole number, got ${String(order.symptomTrigger.minScore)}.`);
  }
}

/**
 * Whether a PRN dose may be given at `at`: null when it may, else the first limit it breaks, in
 * this order: the maximum number of doses (this order), the maximum amount (the ingredient
 * across every order), the minimum interval (this order), the symptom trigger.
 *
 * Rolling 24 hours is (at - 24 h, at] in elapsed time, not a calendar day: a dose given exactly
 * 24 hours before no longer counts, one given 24 hours less a millisecond before still does,
 * and across a DST change the window still spans 24 real hours. The count and the amount look
 * back from `at`; the interval counts doses charted later in time too (late charting), as
 * checkPrnDose does. nextAllowedAt satisfies all three time limits at once; the symptom trigger
 * has no time, only a score (nextAllowedAt null).
 *
 * The symptom trigger wants a score on its scale with total >= minScore recorded in
 * [at - window, at]: a score taken exactly `window` minutes before still counts, one recorded
 * after the dose does not justify it.
 */
export function checkPrnEligibility(args: PrnEligibilityArgs): PrnIneligible | null {
  const { order, amount, zone } = args;
  checkLimits(order, amount, args.symptomWindowMinutes);
  const at = parseInstant(args.at, 'PRN dose time').toMillis();
  const own = args.priorDosesThisOrder.map((t) => parseInstant(t, 'Prior PRN dose time').toMillis());
  const ingredient = args.ingredientDoses.map((d) => {
    if (!Number.isFinite(d.amount) || d.amount < 0) throw new RangeError(`A given amount must be 0 or more, got ${String(d.amount)}.`);
    return { at: parseInstant(d.at, 'Given dose time').toMillis(), amount: d.amount };
  });
  const intervalMs = (order.minIntervalMinutes ?? 0) * 60_000;
  const unit = args.unit === undefined ? '' : ` ${args.unit}`;

  const countIn = (x: number) => own.filter((t) => t > x - DAY_MS && t <= x).length;
  const sumIn = (x: number) => round(ingredient.filter((d) => d.at > x - DAY_MS && d.at <= x).reduce((s, d) => s + d.amount, 0));
  const tooMany = (x: number) => order.maxDoses24h !== null && countIn(x) >= order.maxDoses24h;
  const tooMuch = (x: number) => order.maxAmount24h !== null && round(sumIn(x) + amount) > order.maxAmount24h;
  const tooSoon = (x: number) => intervalMs > 0 && own.some((t) => Math.abs(x - t) < intervalMs);
  const blocked = (x: number) => tooMany(x) || tooMuch(x) || tooSoon(x);

  // A limit only lets go where a dose leaves the window (t + 24 h) or an interval ends (t + interval).
  const next = (): number | null => {
    if (order.maxAmount24h !== null && amount > order.maxAmount24h) return null;
    const points = [...own.flatMap((t) => [t + DAY_MS, t + intervalMs]), ...ingredient.map((d) => d.at + DAY_MS)].filter((x) => x > at);
    return points.sort((a, b) => a - b).find((x) => !blocked(x)) ?? null;
  };
  const nextText = (n: number | null, what: string) => (n === null ? '' : ` Next ${what} allowed from ${when(n, zone)}.`);

  if (tooMany(at) || tooMuch(at) || tooSoon(at)) {
    const n = next();
    const nextAllowedAt = n === null ? null : toInstant(DateTime.fromMillis(n));
    if (tooMany(at)) {
      const count = countIn(at);
      return {
        code: 'prn_max',
        message: `This order allows ${order.maxDoses24h} PRN dose${order.maxDoses24h === 1 ? '' : 's'} in 24 hours, and ${count} ${count === 1 ? 'has' : 'have'} been given in the 24 hours before ${when(at, zone)}.${nextText(n, 'dose')}`,
        nextAllowedAt,
      };
    }
    if (tooMuch(at)) {
      const totalSoFar = sumIn(at);
      const cap = order.maxAmount24h as number;
      const message =
        amount > cap
          ? `${amount}${unit} is more than the 24-hour maximum of ${cap}${unit} on its own. Check the dose with the prescriber.`
          : `24-hour maximum reached: ${totalSoFar}${unit} of this medication has been given in the 24 hours before ${when(at, zone)} across all its orders, and ${amount}${unit} more would make ${round(totalSoFar + amount)}${unit} (maximum ${cap}${unit}).${nextText(n, `${amount}${unit} dose`)}`;
      return { code: 'prn_amount', message, totalSoFar, nextAllowedAt };
    }
    const close = own.filter((t) => Math.abs(at - t) < intervalMs).reduce((a, b) => Math.max(a, b));
    const minutes = Math.round(Math.abs(at - close) / 60_000);
    const relation =
      close <= at
        ? `the last PRN dose was given ${when(close, zone)}, ${minutes} minute${minutes === 1 ? '' : 's'} before`
        : `a PRN dose is recorded ${minutes} minute${minutes === 1 ? '' : 's'} after it, at ${when(close, zone)}`;
    return {
      code: 'prn_interval',
      message: `Too soon: ${relation}; this order needs at least ${order.minIntervalMinutes} minutes between doses.${nextText(n, 'dose')}`,
      nextAllowedAt,
    };
  }

  const trigger = order.symptomTrigger;
  if (trigger !== null) {
    const from = at - args.symptomWindowMinutes * 60_000;
    const onScale = args.scores
      .map((s) => ({ ...s, ms: parseInstant(s.at, 'Score time').toMillis() }))
      .filter((s) => s.scale === trigger.scale && s.ms >= from && s.ms <= at);
    if (!onScale.some((s) => s.total >= trigger.minScore)) {
      const latest = onScale.sort((a, b) => b.ms - a.ms)[0];
      const found =
        latest === undefined
          ? `no ${trigger.scale} score has been recorded in the ${args.symptomWindowMinutes} minutes before ${when(at, zone)}`
          : `the latest ${trigger.scale} in the ${args.symptomWindowMinutes} minutes before is ${latest.total} (${when(latest.ms, zone)})`;
      return {
        code: 'prn_symptom',
        message: `This PRN is given for withdrawal symptoms and needs a ${trigger.scale} score of ${trigger.minScore} or more first: ${found}. Record a ${trigger.scale} score now.`,
        nextAllowedAt: null,
      };
    }
  }
  return null;
}

/**
 * For Today's doses: whether a PRN dose of `amount` could be given at `now` as far as the time
 * limits go (count, amount across the ingredient, interval; the symptom trigger is asked at the
 * time of giving), and if not, from when. `nextAllowedAt` null with allowedNow false means no
 * time will do (an amount above the 24-hour maximum on its own).
 */
export function nextPrnAllowedAt(
  args: Omit<PrnEligibilityArgs, 'at' | 'scores' | 'symptomWindowMinutes'> & { now: string },
):
  | { allowedNow: true; nextAllowedAt: null }
  | { allowedNow: false; code: PrnEligibilityCode; nextAllowedAt: string | null; message: string } {
  const r = checkPrnEligibility({
    ...args,
    at: args.now,
    order: { ...args.order, symptomTrigger: null },
    scores: [],
    symptomWindowMinutes: 0,
  });
  return r === null
    ? { allowedNow: true, nextAllowedAt: null }
    : { allowedNow: false, code: r.code, nextAllowedAt: r.nextAllowedAt, message: r.message };
}

/**
 * After a PRN dose is given: whether it brought the order to one of its 24-hour caps, so the
 * MAR alerts the prescriber (issue 7 item 6, "a PRN cap reached"), not only when a later dose
 * is refused. A cap is reached when another dose of the same amount, at the same instant, would
 * be refused by it: the count of this order's doses in (at - 24 h, at] is at its maximum, or
 * the ingredient given across every order of the patient plus one more such dose would pass the
 * maximum amount. So a total exactly at the amount cap is reached; a total one dose below it is
 * not (one more dose still fits). Rolling 24 hours in elapsed time, as checkPrnEligibility:
 * a dose exactly 24 hours before no longer counts, across midnight and DST alike. The interval
 * and the symptom trigger are not caps and play no part.
 *
 * `dosesThisOrder` and `ingredientDoses` include the dose just given (entered-in-error left out).
 */
export function prnCapReachedBy(args: {
  at: string;
  zone?: string;
  order: Pick<PrnOrderLimits, 'maxDoses24h' | 'maxAmount24h'>;
  amount: number;
  unit?: string;
  dosesThisOrder: readonly string[];
  ingredientDoses: readonly { at: string; amount: number }[];
}): null | { code: 'prn_max' | 'prn_amount'; detail: string; nextAllowedAt: string | null } {
  const { order } = args;
  if (order.maxDoses24h === null && order.maxAmount24h === null) return null;
  const next = checkPrnEligibility({
    at: args.at,
    zone: args.zone,
    order: { maxDoses24h: order.maxDoses24h, maxAmount24h: order.maxAmount24h, minIntervalMinutes: null, symptomTrigger: null },
    amount: args.amount,
    unit: args.unit,
    priorDosesThisOrder: args.dosesThisOrder,
    ingredientDoses: args.ingredientDoses,
    scores: [],
    symptomWindowMinutes: 0,
  });
  if (next === null || (next.code !== 'prn_max' && next.code !== 'prn_amount')) return null;
  const unit = args.unit === undefined ? '' : ` ${args.unit}`;
  const from = next.nextAllowedAt === null ? '' : `; next dose allowed from ${when(Date.parse(next.nextAllowedAt), args.zone)}`;
  const at = parseInstant(args.at, 'PRN dose time').toMillis();
  const inWindow = args.dosesThisOrder.map((t) => parseInstant(t, 'PRN dose time').toMillis()).filter((t) => t > at - DAY_MS && t <= at);
  const detail =
    next.code === 'prn_max'
      ? `${inWindow.length} of ${order.maxDoses24h} doses in 24 hours${from}`
      : `${next.totalSoFar ?? 0}${unit} of ${order.maxAmount24h}${unit} in 24 hours across all its orders${from}`;
  return { code: next.code, detail, nextAllowedAt: next.nextAllowedAt };
}

// ---- The score a dose answers ----

export interface ScoreForDose {
  scale: PrnScale;
  total: number;
  /** When the score was taken. */
  at: string;
}

/**
 * Null when `score` may back a dose given at `at`, else why not in a nurse's words. A score
 * backs a dose when it was taken in [at - window, at] (the same window as the symptom trigger:
 * one taken exactly `window` minutes before still counts, one taken after the dose never
 * does), and, for a symptom-triggered PRN, is on the trigger's scale at or above its score.
 * Whose score it is and whether it was struck through are the caller's to check (records).
 */
export function scoreBackingProblem(
  score: ScoreForDose,
  ctx: { at: string; zone?: string; windowMinutes: number; trigger: { scale: PrnScale; minScore: number } | null },
): string | null {
  const at = parseInstant(ctx.at, 'Dose time').toMillis();
  const taken = parseInstant(score.at, 'Score time').toMillis();
  const what = `The ${score.scale} of ${score.total} (${when(taken, ctx.zone)})`;
  if (taken > at) return `${what} was taken after this dose (${when(at, ctx.zone)}); a dose can only answer a score taken before it.`;
  if (taken < at - ctx.windowMinutes * 60_000)
    return `${what} was taken more than ${ctx.windowMinutes} minutes before this dose (${when(at, ctx.zone)}). Record a new score.`;
  const t = ctx.trigger;
  if (t && score.scale !== t.scale) return `This PRN is given on a ${t.scale} score; ${what.charAt(0).toLowerCase()}${what.slice(1)} is on another scale.`;
  if (t && score.total < t.minScore) return `This PRN needs a ${t.scale} of ${t.minScore} or more; ${what.charAt(0).toLowerCase()}${what.slice(1)} is below it.`;
  return null;
}

/**
 * The scores that may back a dose at `at`, newest first (the dose dialog offers them and
 * defaults to the first). Same rule as scoreBackingProblem.
 */
export function scoresBackingDose<S extends ScoreForDose>(
  scores: readonly S[],
  ctx: { at: string; windowMinutes: number; trigger: { scale: PrnScale; minScore: number } | null },
): S[] {
  return scores
    .filter((s) => scoreBackingProblem(s, ctx) === null)
    .sort((a, b) => parseInstant(b.at, 'Score time').toMillis() - parseInstant(a.at, 'Score time').toMillis());
}
