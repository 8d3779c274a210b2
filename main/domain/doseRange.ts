import { dosesPerDay, frequencyInWords, type Frequency } from './frequency';
import { isMakeable } from './taper';

/**
 * Dose-range checks for every dose a prescriber writes: an order's first dose, a dose change and
 * each taper step (DESIGN.md, "Rules that must hold"; issue 8 item 1).
 *
 * - An amount the listed strengths cannot make is refused (isMakeable, the taper code's check).
 * - Above the medication's usual single dose: a warning that needs an override reason.
 * - Above its maximum single dose, or a daily total (amount x doses per day) above its maximum
 *   daily dose: refused, unless the clinic allows overriding the maximum; then it is a warning
 *   that needs an override reason like any other.
 * A limit the formulary does not list (null) is not checked.
 */
export interface DoseRange {
  /** Upper end of the usual single dose. */
  usualSingle: number | null;
  maxSingle: number | null;
  maxDaily: number | null;
}

export interface DoseToCheck {
  amount: number;
  frequency: Frequency;
  /** For PRN orders: their own maximum doses per 24 hours, which sets the daily total. */
  prnMaxDoses24h?: number | null;
}

export interface DoseMedication {
  name: string;
  unit: string;
  strengths: readonly number[];
  range: DoseRange;
}

export type DoseFindingCode = 'unmakeable' | 'above_usual' | 'above_maximum_single' | 'above_maximum_daily';

export interface DoseFinding {
  code: DoseFindingCode;
  message: string;
}

export interface DoseAssessment {
  /** Refused whatever reason is given. */
  refused: DoseFinding[];
  /** Allowed only with an override reason (see overrideReasonProblem). */
  needsOverride: DoseFinding[];
}

const EPS = 1e-9;
const above = (value: number, limit: number | null): limit is number => limit !== null && value > limit * (1 + EPS);
/** 0.1 + 0.2 style noise never shows in a message. */
const show = (n: number) => String(Math.round(n * 1e6) / 1e6);

export function assessDose(dose: DoseToCheck, med: DoseMedication, options: { allowAboveMaximum: boolean }): DoseAssessment {
  const refused: DoseFinding[] = [];
  const needsOverride: DoseFinding[] = [];
  const { amount } = dose;
  const u = (n: number) => `${show(n)} ${med.unit}`;
  // 0 is a taper's stop step: nothing to make, nothing above any limit.
  if (amount === 0) return { refused, needsOverride };
  if (!isMakeable(amount, med.strengths)) {
    refused.push({
      code: 'unmakeable',
      message: `${u(amount)} of ${med.name} cannot be made from the strengths stocked (${med.strengths.map(show).join(', ')} ${med.unit}); choose a dose they add up to.`,
    });
  }
  const maximum = options.allowAboveMaximum ? needsOverride : refused;
  const overrideNote = options.allowAboveMaximum ? ' The clinic allows this only with an override reason.' : '';
  if (above(amount, med.range.maxSingle)) {
    maximum.push({
      code: 'above_maximum_single',
      message: `${u(amount)} is above the maximum single dose of ${med.name} (${u(med.range.maxSingle)}).${overrideNote}`,
    });
  } else if (above(amount, med.range.usualSingle)) {
    needsOverride.push({
      code: 'above_usual',
      message: `${u(amount)} is above the usual single dose of ${med.name} (up to ${u(med.range.usualSingle)}).`,
    });
  }
  const perDay = dosesPerDay(dose.frequency, dose.prnMaxDoses24h);
  const daily = amount * perDay;
  if (perDay > 0 && above(daily, med.range.maxDaily)) {
    const how = dose.frequency === 'prn' ? `up to ${perDay} doses in 24 hours` : frequencyInWords(dose.frequency);
    maximum.push({
      code: 'above_maximum_daily',
      message: `${u(amount)} ${how} is ${u(daily)} a day, above the maximum daily dose of ${med.name} (${u(med.range.maxDaily)}).${overrideNote}`,
    });
  }
  return { refused, needsOverride };
}

/** Problems with a formulary entry's dose range, in words; empty when it is usable. */
export function doseRangeProblems(range: DoseRange): string[] {
  const problems: string[] = [];
  const { usualSingle, maxSingle, maxDaily } = range;
  for (const [label, v] of [
    ['The usual single dose', usualSingle],
    ['The maximum single dose', maxSingle],
    ['The maximum daily dose', maxDaily],
  ] as const) {
    if (v !== null && !(Number.isFinite(v) && v > 0)) problems.push(`${label} must be a number above zero, or left empty.`);
  }
  if (problems.length) return problems;
  if (usualSingle !== null && maxSingle !== null && usualSingle > maxSingle)
    problems.push('The usual single dose cannot be above the maximum single dose.');
  if (maxSingle !== null && maxDaily !== null && maxSingle > maxDaily)
    problems.push('The maximum single dose cannot be above the maximum daily dose.');
  if (usualSingle !== null && maxDaily !== null && usualSingle > maxDaily)
    problems.push('The usual single dose cannot be above the maximum daily dose.');
  return problems;
}

/** The shortest override reason accepted, after trimming. */
export const MIN_OVERRIDE_REASON_LENGTH = 15;

/**
 * Why an override reason does not say enough, or null when it does. One rule for every place a
 * reason overrides a safety check (order warnings, dose ranges, and any later override): at least
 * MIN_OVERRIDE_REASON_LENGTH characters, and at least two different words, so "ok", "override"
 * or "yes yes yes yes yes" are refused.
 */
export function overrideReasonProblem(reason: string | null | undefined): string | null {
  const text = (reason ?? '').trim();
  if (text === '') return 'Give an override reason: why this is right for this patient.';
  if (text.length < MIN_OVERRIDE_REASON_LENGTH) {
    return `The override reason is too short; say why in at least ${MIN_OVERRIDE_REASON_LENGTH} characters.`;
  }
  const words = new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  if (words.size < 2) return 'The override reason must say why in words, not one word repeated.';
  return null;
}
