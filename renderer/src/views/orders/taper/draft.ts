import { isFrequency } from '../../../../../main/domain/frequency';
import { roundToMakeable, validateTaperSteps, type TaperProblem, type TaperStep } from '../../../../../main/domain/taper';
import { addLocalDays, instantToLocal, localToInstant } from '../time';

/** One row of the steps editor, as the inputs hold it (clinic wall-clock time, amount as typed). */
export interface StepDraft {
  key: number;
  local: string;
  amount: string;
  /** A frequency code, or '' for the order's frequency (the dose before the plan). */
  frequency: string;
}

let nextKey = 1;
export const newKey = () => nextKey++;

export function draftsFrom(steps: readonly TaperStep[], zone: string): StepDraft[] {
  return steps.map((s) => ({ key: newKey(), local: instantToLocal(s.effectiveFrom, zone), amount: String(s.amount), frequency: s.frequency ?? '' }));
}

/**
 * The steps as main takes them. An empty or impossible time is passed through as typed, so
 * validateTaperSteps reports it with its own message instead of the row silently vanishing.
 */
export function toTaperSteps(drafts: readonly StepDraft[], zone: string): TaperStep[] {
  return drafts.map((d) => ({
    effectiveFrom: localToInstant(d.local, zone) ?? (d.local || '(no date)'),
    amount: d.amount.trim() === '' ? Number.NaN : Number(d.amount),
    ...(isFrequency(d.frequency) ? { frequency: d.frequency } : {}),
  }));
}

export interface TaperCheck {
  problems: TaperProblem[];
  /** A problem with the plan as a whole (no current dose to reduce from, bad strengths). */
  general: string | null;
}

/** The same check main runs on save, run on every edit so the prescriber sees problems at once. */
export function checkTaper(
  baseAmount: number,
  drafts: readonly StepDraft[],
  /** frequency: the dose's before the plan, so steps that change it are judged by the daily total. */
  context: { now: string; strengths: readonly number[]; unit: string; zone: string; frequency: string },
): TaperCheck {
  if (drafts.length === 0) return { problems: [], general: null };
  if (!Number.isFinite(baseAmount) || baseAmount <= 0) return { problems: [], general: 'Enter the starting dose first: each step must reduce it.' };
  try {
    return { problems: validateTaperSteps(baseAmount, toTaperSteps(drafts, context.zone), context), general: null };
  } catch (err) {
    return { problems: [], general: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * A sensible next row when building a plan by hand: `everyDays` after the last step (or the
 * base), one smallest-strength lower, rounded to a dose the strengths can make. The prescriber
 * edits it; the check above says if it is wrong.
 */
export function nextStepDraft(drafts: readonly StepDraft[], base: { local: string; amount: number }, strengths: readonly number[], zone: string, everyDays: number): StepDraft {
  const last = drafts[drafts.length - 1];
  const fromLocal = last?.local || base.local;
  const fromAmount = last ? Number(last.amount) : base.amount;
  const smallest = Math.min(...strengths);
  let amount = 0;
  if (Number.isFinite(fromAmount) && fromAmount > smallest) {
    try {
      amount = roundToMakeable(fromAmount - smallest, strengths);
    } catch {
      amount = 0;
    }
  }
  return { key: newKey(), local: fromLocal ? addLocalDays(fromLocal, everyDays, zone) : '', amount: String(amount), frequency: last?.frequency ?? '' };
}
