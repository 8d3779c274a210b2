import { describe, expect, it } from 'vitest';
import { SCORE_BANDS, type WithdrawalScale, isWithdrawalScale, scoreBand } from '../../main/domain/scores';

function band(scale: WithdrawalScale, score: number): string {
  const r = scoreBand(scale, score);
  if (!r.ok) throw new Error(r.error);
  return r.band;
}

describe('CIWA-Ar bands (ASAM 2020)', () => {
  it.each([
    [0, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [18, 'moderate'],
    [19, 'severe'],
    [67, 'severe'],
  ])('%i is %s', (score, expected) => {
    expect(band('CIWA-Ar', score)).toBe(expected);
  });

  it('returns the label and the score', () => {
    expect(scoreBand('CIWA-Ar', 12)).toEqual({ ok: true, scale: 'CIWA-Ar', score: 12, band: 'moderate', label: 'moderate withdrawal' });
  });
});

describe('COWS bands (Wesson & Ling 2003)', () => {
  it.each([
    [0, 'none'],
    [4, 'none'],
    [5, 'mild'],
    [12, 'mild'],
    [13, 'moderate'],
    [24, 'moderate'],
    [25, 'moderately_severe'],
    [36, 'moderately_severe'],
    [37, 'severe'],
    [48, 'severe'],
  ])('%i is %s', (score, expected) => {
    expect(band('COWS', score)).toBe(expected);
  });
});

describe('impossible scores', () => {
  it.each([
    ['CIWA-Ar', -1, 'A CIWA-Ar score runs from 0 to 67; got -1.'],
    ['CIWA-Ar', 68, 'A CIWA-Ar score runs from 0 to 67; got 68.'],
    ['COWS', 49, 'A COWS score runs from 0 to 48; got 49.'],
    ['COWS', -1, 'A COWS score runs from 0 to 48; got -1.'],
    ['COWS', 7.5, 'A COWS score is a whole number; got 7.5.'],
    ['CIWA-Ar', Number.NaN, 'A CIWA-Ar score is a whole number; got NaN.'],
    ['CIWA-Ar', Number.POSITIVE_INFINITY, 'A CIWA-Ar score is a whole number; got Infinity.'],
  ] as const)('%s %d is an error', (scale, score, error) => {
    expect(scoreBand(scale, score)).toEqual({ ok: false, error });
  });

  it('rejects an unknown scale', () => {
    expect(scoreBand('CIWA' as WithdrawalScale, 5)).toEqual({ ok: false, error: 'Unknown withdrawal scale "CIWA"; expected CIWA-Ar or COWS.' });
    expect(isWithdrawalScale('COWS')).toBe(true);
    expect(isWithdrawalScale('toString')).toBe(false);
  });
});

describe('SCORE_BANDS', () => {
  it('covers each scale\'s whole range with no gap or overlap', () => {
    for (const [scale, def] of Object.entries(SCORE_BANDS)) {
      expect(def.bands[0].min, scale).toBe(def.min);
      expect(def.bands[def.bands.length - 1].max, scale).toBe(def.max);
      def.bands.slice(1).forEach((b, i) => expect(b.min, `${scale} ${b.band}`).toBe(def.bands[i].max + 1));
      for (let s = def.min; s <= def.max; s++) expect(scoreBand(scale as WithdrawalScale, s).ok).toBe(true);
    }
  });
});
