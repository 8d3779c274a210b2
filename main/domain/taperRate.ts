import { DateTime } from 'luxon';
import type { SedatingClass } from './enums';
import { assertZone, describeInstant, parseInstant } from './frequency';

/**
 * How fast a benzodiazepine or barbiturate may be reduced before the prescriber must confirm it
 * with a reason (issue 8 item 4).
 *
 * Source of the default: the Joint Clinical Practice Guideline on Benzodiazepine Tapering (ASAM
 * with the VA and others, 2025) advises reductions of 5-10 % every 2-4 weeks and, in general, no
 * more than 25 % of the daily dose every 2 weeks; the VA/DoD benzodiazepine taper guidance says
 * the same. Faster stops risk seizures and withdrawal delirium. Barbiturates carry the same risk
 * and are held to the same rule. The clinic may change both numbers (settings).
 *
 * The rule: at every step, the daily total (amount x doses a day) must be at least
 * (100 - maxPercent) % of the daily total that was in effect `perDays` calendar days before the
 * step, in the clinic's zone (so "14 days" across a DST change is two calendar weeks). Exactly
 * the limit passes. Before the first known dose, the first known daily total is the reference.
 */
export interface TaperRateRule {
  maxPercent: number;
  perDays: number;
  /** Whose limit this is, for the message: the benzodiazepine rule (default) or alcohol withdrawal's. */
  kind?: 'benzodiazepine' | 'alcohol_withdrawal';
}

export const DEFAULT_TAPER_RATE: TaperRateRule = { maxPercent: 25, perDays: 14 };

/**
 * Alcohol-withdrawal management (the clinical decision of issue 8 item 4). A chlordiazepoxide
 * taper for alcohol withdrawal runs over days (SAMHSA TIP 63, the ASAM alcohol withdrawal
 * guideline), always faster than the benzodiazepine rule above, so every one asked for a reason.
 * The medical director may set a separate limit for them. Unset (null), they keep the
 * benzodiazepine rule: safety first, nothing changes until the director decides.
 *
 * An order counts as alcohol-withdrawal management when its medication is a withdrawal-management
 * drug in the formulary AND its indication says alcohol withdrawal ("Alcohol withdrawal",
 * "alcohol withdrawal syndrome", "AWS", "ethanol withdrawal"). Anything else, including a
 * misspelt or vague indication, keeps the stricter rule.
 */
export interface AlcoholTaperLimit {
  maxPercent: number | null;
  perDays: number | null;
}

export function isAlcoholWithdrawalIndication(indication: string): boolean {
  const words = indication
    .normalize('NFKD')
    .toLocaleLowerCase('en-US')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (/(^| )aws( |$)/.test(words)) return true;
  return /(^| )(alcohol|ethanol|etoh)( |$)/.test(words) && /(^| )withdrawal( |$)/.test(words);
}

/** The taper-speed limit for one order: alcohol withdrawal's when the director set it and the order is one, else the benzodiazepine rule. */
export function taperRuleFor(
  order: { indication: string; withdrawalManagementDrug: boolean },
  benzodiazepine: TaperRateRule,
  alcohol: AlcoholTaperLimit,
): TaperRateRule {
  if (alcohol.maxPercent === null || alcohol.perDays === null) return benzodiazepine;
  if (!order.withdrawalManagementDrug || !isAlcoholWithdrawalIndication(order.indication)) return benzodiazepine;
  return { maxPercent: alcohol.maxPercent, perDays: alcohol.perDays, kind: 'alcohol_withdrawal' };
}

/** Drug classes the rule applies to. */
export function taperRateApplies(med: { drugClass: string; sedatingClass: SedatingClass | string | null }): boolean {
  const slow = (c: string | null) => c === 'benzodiazepine' || c === 'barbiturate';
  return slow(med.sedatingClass) || slow(med.drugClass);
}

export interface DailyPoint {
  /** ISO instant the daily total takes effect. */
  effectiveFrom: string;
  dailyTotal: number;
}

export interface TaperRateFinding {
  /** Index into `proposed`. */
  index: number;
  code: 'taper_too_fast';
  /** What the prescriber reads: the step, the drop, and the clinic's limit. */
  message: string;
  /** The drop against the reference, in percent (for the audit entry). */
  percent: number;
}

const EPS = 1e-9;
const round1 = (x: number) => Math.round(x * 10) / 10;
const show = (x: number) => String(Math.round(x * 1e6) / 1e6);

/** Checks the rule's own numbers; the settings schema holds the same bounds. */
export function assertTaperRateRule(rule: TaperRateRule): void {
  if (!Number.isFinite(rule.maxPercent) || rule.maxPercent <= 0 || rule.maxPercent > 100) throw new RangeError('The largest reduction must be above 0 and at most 100 percent.');
  if (!Number.isInteger(rule.perDays) || rule.perDays < 1) throw new RangeError('The period must be a whole number of days, at least 1.');
}

/**
 * Every proposed step that reduces faster than the rule allows. `history` is the daily totals
 * already on record (in effect or past); `proposed` the new ones, each checked against the whole
 * timeline (history and the proposed steps before it). Labels name steps "Step 1".. by index.
 */
export function taperRateFindings(
  history: readonly DailyPoint[],
  proposed: readonly DailyPoint[],
  rule: TaperRateRule,
  zone: string,
  unit: string,
  label: (index: number) => string = (i) => `Step ${i + 1}`,
): TaperRateFinding[] {
  assertZone(zone);
  assertTaperRateRule(rule);
  const keyed = (p: DailyPoint, proposedIndex: number | null) => ({ ...p, at: parseInstant(p.effectiveFrom).toMillis(), proposedIndex });
  // History first at the same instant: a proposed step at the same moment replaces what is on record.
  const line = [...history.map((p) => keyed(p, null)), ...proposed.map((p, i) => keyed(p, i))].sort(
    (a, b) => a.at - b.at || (a.proposedIndex ?? -1) - (b.proposedIndex ?? -1),
  );
  if (line.length === 0) return [];
  const findings: TaperRateFinding[] = [];
  for (const point of line) {
    if (point.proposedIndex === null) continue;
    const windowStart = DateTime.fromMillis(point.at, { zone }).minus({ days: rule.perDays }).toMillis();
    let reference = line[0].dailyTotal;
    for (const p of line) {
      if (p.at > windowStart) break;
      reference = p.dailyTotal;
    }
    if (reference <= 0) continue;
    const lowest = reference * (1 - rule.maxPercent / 100);
    if (point.dailyTotal >= lowest - EPS * Math.max(1, reference)) continue;
    const percent = round1(((reference - point.dailyTotal) / reference) * 100);
    const what = point.dailyTotal === 0 ? 'stops the drug' : `lowers the daily total to ${show(point.dailyTotal)} ${unit}`;
    findings.push({
      index: point.proposedIndex,
      code: 'taper_too_fast',
      percent,
      message: `${label(point.proposedIndex)} (${describeInstant(point.effectiveFrom, zone)}) ${what}, ${percent} % below the ${show(reference)} ${unit} a day of ${rule.perDays} days before. ${
        rule.kind === 'alcohol_withdrawal'
          ? `The medical director allows at most ${rule.maxPercent} % every ${rule.perDays} days for an alcohol-withdrawal taper`
          : `The clinic allows at most ${rule.maxPercent} % every ${rule.perDays} days for a benzodiazepine or barbiturate`
      }: stopping faster risks seizures and withdrawal delirium.`,
    });
  }
  return findings.sort((a, b) => a.index - b.index);
}
