import { DateTime } from 'luxon';
import { assertZone, describeInstant, frequencyInWords, isFrequency, localInstant, parseInstant, parseLocalDate, toInstant, type Frequency } from './frequency';
import { dailyDoses, dailyTotal } from './taperDaily';
import { assertAmount, DoseTable, EPS, makeGrid, makeableUnits, toAmount, toUnits, type Grid } from './makeableDoses';

export { isMakeable, makeableDoses, roundToMakeable } from './makeableDoses';

/**
 * Taper plans: a series of future-dated dose versions, each lower than the one before.
 *
 * Doses are worked out in whole "units" of a common denominator of the available strengths
 * (for lorazepam 0.5/1/2 mg with halves, units of 0.25 mg), so no float error can produce a
 * dose like 0.30000000000000004 mg or call an unmakeable dose makeable.
 *
 * Rounding: a computed step is rounded to the NEAREST makeable dose (a tie goes to the lower
 * dose, the safer direction in a taper). If that would not reduce the dose, the step takes the
 * next makeable dose below the previous one instead, so every step really reduces. No step goes
 * below the floor, and the plan ends on the floor (0 = stop). "Makeable" means a sum of whole
 * tablets of any available strength, plus, with allowHalves (scored tablets), half tablets of
 * the smallest strength.
 */

export interface TaperOptions {
  /** The dose in effect before the first reduction. */
  startAmount: number;
  /** ISO instant of the first reduction; later steps keep its local clock time. */
  startAt: string;
  zone: string;
  /** fixed: subtract `step` each time; percent: reduce by `step` percent of the current dose. */
  mode: 'fixed' | 'percent';
  step: number;
  everyDays: number;
  /** Where the taper ends; 0 means the drug is stopped. */
  floor?: number;
  strengths: readonly number[];
  allowHalves?: boolean;
  /** Plan only the first N steps; the plan then ends above the floor (plan the rest later). */
  maxSteps?: number;
  /** For messages only, e.g. "mg". */
  unit?: string;
}

export interface TaperStep {
  effectiveFrom: string;
  /** Amount per dose. */
  amount: number;
  /** How often from this step on; none = the order's frequency (the dose in effect before the plan). */
  frequency?: Frequency;
}

function assertPositiveInteger(value: number | undefined, what: string): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new RangeError(`${what} must be a whole number of at least 1, got ${String(value)}.`);
}

/**
 * Percent mode reduces by a percentage of the CURRENT dose, so reductions shrink as the dose
 * falls, as benzodiazepine tapering guidance recommends (Joint Clinical Practice Guideline on
 * Benzodiazepine Tapering, 2025: 5-10% every 2-4 weeks, usually no more than 25% per 2 weeks).
 *
 * Step i falls i * everyDays calendar days after startAt at the same local clock time in the
 * zone, across DST changes (see localInstant for times that do not exist or happen twice).
 */
export function generateTaper(options: TaperOptions): TaperStep[] {
  const { startAmount, startAt, zone, mode, step, everyDays, strengths, maxSteps } = options;
  const floor = options.floor ?? 0;
  const allowHalves = options.allowHalves ?? false;
  assertZone(zone);
  const start = parseInstant(startAt, 'Taper start').setZone(zone);
  if (typeof startAmount !== 'number' || !Number.isFinite(startAmount) || startAmount <= 0) {
    throw new RangeError(`The starting dose must be above 0, got ${String(startAmount)}.`);
  }
  assertAmount(floor, 'The taper floor');
  if (floor >= startAmount) throw new RangeError(`The taper floor (${floor}) must be below the starting dose (${startAmount}).`);
  if (mode !== 'fixed' && mode !== 'percent') throw new RangeError(`Taper mode must be "fixed" or "percent", got "${String(mode)}".`);
  if (typeof step !== 'number' || !Number.isFinite(step) || step <= 0) throw new RangeError(`The taper step must be above 0, got ${String(step)}.`);
  if (mode === 'percent' && step > 100) throw new RangeError(`A percentage step must be at most 100, got ${step}.`);
  assertPositiveInteger(everyDays, 'Days between steps');
  assertPositiveInteger(maxSteps, 'Maximum number of steps');
  // Issue 8 item 4: a reduction larger than the dose used to come out as a one-step stop.
  if (mode === 'fixed' && step > startAmount + EPS) {
    const u = options.unit ? ` ${options.unit}` : '';
    throw new RangeError(
      `A reduction of ${step}${u} per step is more than the current dose (${startAmount}${u}): the plan would stop the drug in a single step. Enter a smaller reduction, or plan a stop as its own step.`,
    );
  }

  const grid = makeGrid(strengths, allowHalves);
  const floorUnits = toUnits(floor, grid);
  const startUnits = toUnits(startAmount, grid);
  const table = new DoseTable(grid, startUnits);
  if (!table.has(floorUnits)) throw new RangeError(`The taper floor ${floor} cannot be made from strengths ${strengths.join(', ')}.`);
  const stepUnits = mode === 'fixed' ? toUnits(step, grid) : 0;

  const steps: TaperStep[] = [];
  let previous = startUnits;
  while (previous > floorUnits && (maxSteps === undefined || steps.length < maxSteps)) {
    const target = mode === 'fixed' ? previous - stepUnits : previous * (1 - step / 100);
    let amount = table.nearest(Math.max(0, target));
    if (amount >= previous) amount = table.below(previous) ?? floorUnits;
    if (amount < floorUnits) amount = floorUnits;

    steps.push({ effectiveFrom: stepInstant(start, steps.length, everyDays, zone), amount: toAmount(amount, grid) });
    previous = amount;
  }
  return steps;
}

/**
 * Step i of a plan: i * everyDays calendar days after the first step, at its local clock time in
 * the zone, across DST changes (localInstant decides times that do not exist or happen twice).
 */
export function stepInstant(start: DateTime, i: number, everyDays: number, zone: string): string {
  if (i === 0) return toInstant(start);
  const day = DateTime.utc(start.year, start.month, start.day).plus({ days: i * everyDays });
  return toInstant(
    localInstant(zone, { year: day.year, month: day.month, day: day.day, hour: start.hour, minute: start.minute, second: start.second, millisecond: start.millisecond }),
  );
}

export type TaperProblemCode =
  | 'invalid_instant'
  | 'invalid_amount'
  | 'negative_amount'
  | 'unmakeable'
  | 'not_decreasing'
  | 'bad_frequency'
  | 'not_after_previous'
  | 'not_in_future';

export interface TaperProblem {
  /** Index of the step in the list given. */
  index: number;
  code: TaperProblemCode;
  message: string;
}

export interface TaperCheckContext {
  /** Every step must take effect after this instant. */
  now: string;
  strengths: readonly number[];
  allowHalves?: boolean;
  /** For messages only, e.g. "mg". */
  unit?: string;
  /** For messages only: times are shown in this zone. */
  zone?: string;
  /**
   * The frequency of the dose before the first step (the order's), which a step without its own
   * frequency keeps. Given, each step must lower the DAILY total (amount x doses a day), so a
   * step from four times to three times daily at the same amount is a reduction.
   */
  frequency?: string;
}

/**
 * Every problem with a proposed series of taper steps, in step order, each with a message a
 * prescriber can act on. Empty when the plan is sound. previousAmount is the dose in effect
 * before the first step.
 */
export function validateTaperSteps(previousAmount: number, steps: readonly TaperStep[], context: TaperCheckContext): TaperProblem[] {
  assertAmount(previousAmount, 'The current dose');
  const now = parseInstant(context.now, 'now').toMillis();
  const grid = makeGrid(context.strengths, context.allowHalves ?? false);
  const table = new DoseTable(grid, toUnits(previousAmount, grid));
  const show = (amount: number) => (context.unit ? `${amount} ${context.unit}` : String(amount));

  const baseFrequency = context.frequency !== undefined && isFrequency(context.frequency) ? context.frequency : undefined;
  const problems: TaperProblem[] = [];
  let prevAmount = previousAmount;
  let prevFrequency: Frequency | undefined = baseFrequency;
  let prevAt: number | null = null;
  steps.forEach((s, index) => {
    let at: number | null = null;
    let label = `Step ${index + 1}`;
    const add = (code: TaperProblemCode, detail: string) => problems.push({ index, code, message: `${label}: ${detail}` });
    try {
      const dt = parseInstant(s.effectiveFrom);
      at = dt.toMillis();
      label += ` (${describeInstant(toInstant(dt), context.zone)})`;
    } catch {
      add('invalid_instant', `"${String(s.effectiveFrom)}" is not a valid date and time with an offset.`);
    }
    if (at !== null) {
      if (at <= now) add('not_in_future', 'takes effect in the past or right now; taper steps must be planned for the future.');
      if (prevAt !== null && at <= prevAt) add('not_after_previous', 'must take effect after the step before it.');
      prevAt = at;
    }

    const amount = s.amount;
    if (typeof amount !== 'number' || !Number.isFinite(amount)) {
      add('invalid_amount', `the dose "${String(amount)}" is not a number.`);
      return;
    }
    if (amount < 0) {
      add('negative_amount', `the dose ${show(amount)} is below zero.`);
    } else if (!isMakeableIn(amount, grid, table)) {
      add('unmakeable', `${show(amount)} cannot be made from the available strengths (${context.strengths.join(', ')}${context.allowHalves ? ', halves of the smallest allowed' : ''}).`);
    }
    const frequency = s.frequency ?? baseFrequency;
    if (frequency !== undefined && !isTaperFrequency(frequency)) {
      add('bad_frequency', `"${isFrequency(frequency) ? frequencyInWords(frequency) : String(frequency)}" cannot be a taper step's frequency; choose a regular schedule such as twice daily.`);
      prevAmount = amount;
      return;
    }
    if (frequency === undefined || prevFrequency === undefined || frequency === prevFrequency) {
      if (Math.abs(amount - prevAmount) <= EPS * Math.max(1, prevAmount)) {
        add('not_decreasing', `${show(amount)} is the same as the dose before it (${show(prevAmount)}); each taper step must reduce the dose.`);
      } else if (amount > prevAmount) {
        add('not_decreasing', `${show(amount)} is higher than the dose before it (${show(prevAmount)}); each taper step must reduce the dose.`);
      }
    } else {
      // A change of frequency: what must fall is the day's total.
      const total = dailyTotal(amount, frequency);
      const before = dailyTotal(prevAmount, prevFrequency);
      const words = (a: number, f: Frequency) => `${show(a)} ${frequencyInWords(f)} (${show(round(dailyTotal(a, f)))} a day)`;
      if (total >= before - EPS * Math.max(1, before)) {
        add('not_decreasing', `${words(amount, frequency)} is not less than the dose before it, ${words(prevAmount, prevFrequency)}; each taper step must reduce the daily total.`);
      }
    }
    prevAmount = amount;
    prevFrequency = frequency;
  });
  return problems;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** A frequency a taper step may have: a regular schedule (not as needed, not a single dose). */
function isTaperFrequency(f: string): f is Frequency {
  return isFrequency(f) && dailyDoses(f) !== null;
}

function isMakeableIn(amount: number, grid: Grid, table: DoseTable): boolean {
  const units = toUnits(amount, grid);
  return Number.isInteger(units) && (table.has(units) || makeableUnits(units, grid));
}

/**
 * Whole calendar days a hold lasted in the clinic's zone: the number of local midnights between
 * holding and resuming. Held and resumed on the same day: 0. Held at 23:00 and resumed at 01:00:
 * 1, as the patient missed that day's dosing.
 */
export function holdShiftDays(heldAt: string, resumedAt: string, zone: string): number {
  assertZone(zone);
  const held = parseInstant(heldAt, 'Held at').setZone(zone);
  const resumed = parseInstant(resumedAt, 'Resumed at').setZone(zone);
  if (resumed.toMillis() < held.toMillis()) throw new RangeError('An order cannot resume before it was held.');
  const day = (dt: DateTime) => parseLocalDate(dt.toFormat('yyyy-LL-dd'));
  return Math.round(day(resumed).diff(day(held), 'days').days);
}

/**
 * Moves the remaining steps of a taper after a hold. Steps already in effect when the order was
 * held (effectiveFrom <= heldAt) stay as they were; every later step moves by holdShiftDays,
 * keeping its local clock time in the zone. Returns all steps in the order given (with any
 * other fields kept), so the caller can void and re-add the ones whose effectiveFrom changed.
 * A step that fell during a same-day hold keeps its time and applies from the resumption.
 */
export function shiftForHold<T extends { effectiveFrom: string }>(steps: readonly T[], heldAt: string, resumedAt: string, zone: string): T[] {
  const days = holdShiftDays(heldAt, resumedAt, zone);
  const held = parseInstant(heldAt, 'Held at').toMillis();
  return steps.map((s) => {
    const at = parseInstant(s.effectiveFrom, 'Taper step effectiveFrom').setZone(zone);
    if (at.toMillis() <= held || days === 0) return s;
    const day = DateTime.utc(at.year, at.month, at.day).plus({ days });
    const moved = localInstant(zone, {
      year: day.year,
      month: day.month,
      day: day.day,
      hour: at.hour,
      minute: at.minute,
      second: at.second,
      millisecond: at.millisecond,
    });
    return { ...s, effectiveFrom: toInstant(moved) };
  });
}
