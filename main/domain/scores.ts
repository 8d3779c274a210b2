/**
 * Withdrawal scale bands.
 *
 * CIWA-Ar (Clinical Institute Withdrawal Assessment for Alcohol, revised; Sullivan et al., Br J
 * Addict 1989;84:1353-7), 0-67. Published cut-offs vary (the form itself says "less than 8 to
 * 10"); we use one scheme, the ASAM Clinical Practice Guideline on Alcohol Withdrawal Management
 * (J Addict Med 2020;14(3S), Table 1): mild < 10, moderate 10-18, severe >= 19. ASAM's
 * "complicated" withdrawal (seizure, delirium, hallucinations) is a clinical finding, not a score
 * band, so it is not derived here.
 *
 * COWS (Clinical Opiate Withdrawal Scale; Wesson & Ling, J Psychoactive Drugs 2003;35(2):253-9),
 * 0-48: 5-12 mild, 13-24 moderate, 25-36 moderately severe, > 36 severe; below 5 is read as no
 * active withdrawal.
 */
import type { WithdrawalScale } from './enums';
export type { WithdrawalScale };

export type ScoreBandCode = 'none' | 'mild' | 'moderate' | 'moderately_severe' | 'severe';

export interface ScoreBandDef {
  band: ScoreBandCode;
  label: string;
  /** Inclusive. */
  min: number;
  /** Inclusive. */
  max: number;
}

export interface ScaleDef {
  min: number;
  max: number;
  source: string;
  bands: readonly ScoreBandDef[];
}

export const SCORE_BANDS: Readonly<Record<WithdrawalScale, ScaleDef>> = Object.freeze({
  'CIWA-Ar': {
    min: 0,
    max: 67,
    source: 'ASAM Clinical Practice Guideline on Alcohol Withdrawal Management, 2020',
    bands: [
      { band: 'mild', label: 'mild withdrawal', min: 0, max: 9 },
      { band: 'moderate', label: 'moderate withdrawal', min: 10, max: 18 },
      { band: 'severe', label: 'severe withdrawal', min: 19, max: 67 },
    ],
  },
  COWS: {
    min: 0,
    max: 48,
    source: 'Wesson & Ling 2003',
    bands: [
      { band: 'none', label: 'no active withdrawal', min: 0, max: 4 },
      { band: 'mild', label: 'mild withdrawal', min: 5, max: 12 },
      { band: 'moderate', label: 'moderate withdrawal', min: 13, max: 24 },
      { band: 'moderately_severe', label: 'moderately severe withdrawal', min: 25, max: 36 },
      { band: 'severe', label: 'severe withdrawal', min: 37, max: 48 },
    ],
  },
});

export type ScoreBandResult =
  | { ok: true; scale: WithdrawalScale; score: number; band: ScoreBandCode; label: string }
  | { ok: false; error: string };

export function isWithdrawalScale(value: string): value is WithdrawalScale {
  return Object.prototype.hasOwnProperty.call(SCORE_BANDS, value);
}

/** The band a total score falls in, or an error for an unknown scale or an impossible score. */
export function scoreBand(scale: WithdrawalScale, score: number): ScoreBandResult {
  if (typeof scale !== 'string' || !isWithdrawalScale(scale)) {
    return { ok: false, error: `Unknown withdrawal scale "${String(scale)}"; expected CIWA-Ar or COWS.` };
  }
  const def = SCORE_BANDS[scale];
  if (typeof score !== 'number' || !Number.isInteger(score)) {
    return { ok: false, error: `A ${scale} score is a whole number; got ${String(score)}.` };
  }
  if (score < def.min || score > def.max) {
    return { ok: false, error: `A ${scale} score runs from ${def.min} to ${def.max}; got ${score}.` };
  }
  const band = def.bands.find((b) => score >= b.min && score <= b.max);
  if (!band) return { ok: false, error: `No ${scale} band covers ${score}.` };
  return { ok: true, scale, score, band: band.band, label: band.label };
}
