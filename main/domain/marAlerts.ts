import { SCORE_BANDS, scoreBand, type WithdrawalScale } from './scores';

/**
 * When the MAR puts a prescriber review due today on an order (kind 'mar_alert'): a severe
 * withdrawal score, a run of refused or missed doses of a withdrawal-management order, or a PRN
 * cap reached: a dose given up to it (domain/prn.ts prnCapReachedBy decides), a scheduled dose using
 * up its amount (domain/prnCapByScheduled.ts), or one refused at it. This only decides; the review machinery schedules it (one open per
 * order), so a second event while a review is open adds nothing.
 */
export interface MarAlertSettings {
  /** CIWA-Ar total at or above which the score is an alert (ASAM severe: 19). */
  ciwaSevere: number;
  /** COWS total at or above which the score is an alert (Wesson & Ling severe: over 36, so 37). */
  cowsSevere: number;
  /** How many refused or missed doses in a row of a withdrawal-management order make an alert. */
  consecutiveMissed: number;
}

export const DEFAULT_MAR_ALERT_SETTINGS: Readonly<MarAlertSettings> = Object.freeze({
  ciwaSevere: 19,
  cowsSevere: 37,
  consecutiveMissed: 2,
});

export type MarOutcome = 'given' | 'refused' | 'held' | 'missed';

export type MarAlertEvent =
  | { kind: 'score'; scale: WithdrawalScale; total: number }
  | {
      kind: 'outcomes';
      withdrawalManagement: boolean;
      /** This order's scheduled doses, newest last, entered-in-error left out. */
      recentOutcomes: readonly MarOutcome[];
    }
  /**
   * A PRN cap: a dose refused at it, or (given: true) a dose given that brought the order up to
   * it, or (scheduled: true) a scheduled dose of the same ingredient that used up its amount.
   */
  | { kind: 'prn_cap_reached'; detail?: string; given?: boolean; scheduled?: boolean };

/** Problems with the thresholds, in an administrator's words; empty when usable. */
export function validateMarAlertSettings(s: MarAlertSettings): string[] {
  const problems: string[] = [];
  const whole = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
  if (!whole(s.ciwaSevere, 1, SCORE_BANDS['CIWA-Ar'].max))
    problems.push(`The CIWA-Ar alert score must be a whole number from 1 to ${SCORE_BANDS['CIWA-Ar'].max}.`);
  if (!whole(s.cowsSevere, 1, SCORE_BANDS.COWS.max))
    problems.push(`The COWS alert score must be a whole number from 1 to ${SCORE_BANDS.COWS.max}.`);
  if (!whole(s.consecutiveMissed, 1, 20))
    problems.push('The number of refused or missed doses in a row must be a whole number from 1 to 20.');
  return problems;
}

/**
 * Null, or why the prescriber should review the order today.
 *
 * Outcomes: the newest dose must itself be refused or missed (so the alert comes with the dose
 * that completes the run), and counting back, `consecutiveMissed` refused or missed doses come
 * before a given one. A held dose is the nurse's or prescriber's own decision, so it neither
 * counts nor breaks the run: refused, held, refused is still two in a row of doses the patient
 * did not take. Only withdrawal-management orders alert this way.
 */
export function marAlertFor(event: MarAlertEvent, settings: MarAlertSettings): null | { reason: string } {
  const problems = validateMarAlertSettings(settings);
  if (problems.length > 0) throw new RangeError(problems.join(' '));

  if (event.kind === 'score') {
    const band = scoreBand(event.scale, event.total);
    if (!band.ok) throw new RangeError(band.error);
    const threshold = event.scale === 'CIWA-Ar' ? settings.ciwaSevere : settings.cowsSevere;
    if (event.total < threshold) return null;
    return {
      reason: `${event.scale} score ${event.total} (${band.label}; alert at ${threshold} or more): review the withdrawal plan today.`,
    };
  }

  if (event.kind === 'outcomes') {
    if (!event.withdrawalManagement) return null;
    const outcomes = event.recentOutcomes;
    const newest = outcomes[outcomes.length - 1];
    if (newest !== 'refused' && newest !== 'missed') return null;
    const run: MarOutcome[] = [];
    for (let i = outcomes.length - 1; i >= 0 && run.length < settings.consecutiveMissed; i--) {
      const o = outcomes[i];
      if (o === 'given') break;
      if (o === 'refused' || o === 'missed') run.push(o);
    }
    if (run.length < settings.consecutiveMissed) return null;
    const refused = run.filter((o) => o === 'refused').length;
    const missed = run.length - refused;
    const parts = [refused > 0 ? `${refused} refused` : '', missed > 0 ? `${missed} missed` : ''].filter((p) => p !== '').join(', ');
    return { reason: `${run.length} scheduled doses in a row not taken (${parts}) on a withdrawal-management order: review today.` };
  }

  const detail = event.detail ? ` (${event.detail})` : '';
  if (event.scheduled)
    return { reason: `A scheduled dose of the same medication brought this PRN order to its 24-hour maximum amount${detail}: review the PRN plan today.` };
  if (event.given) return { reason: `A PRN dose given brought this order to its 24-hour limit${detail}: review the PRN plan today.` };
  return { reason: `A PRN dose was refused at its 24-hour limit${detail}: review the PRN plan today.` };
}
