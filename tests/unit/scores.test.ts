import { describe, expect, it } from 'vitest';
import { SCORE_BANDS, type WithdrawalScale, isWithdrawalScale, scoreBand } from '../../main/domain/scores';
import { SCALE_ITEMS, validateScoreItems } from '../../main/domain/scoreItems';

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
    expect(scoreBand('CIWA' as WithdrawalScale, 5)).toEqual({
      ok: false,
      error: 'Unknown withdrawal scale "CIWA"; expected CIWA-Ar or COWS.',
    });
    expect(isWithdrawalScale('COWS')).toBe(true);
    expect(isWithdrawalScale('toString')).toBe(false);
  });
});

describe('SCORE_BANDS', () => {
  it("covers each scale's whole range with no gap or overlap", () => {
    for (const [scale, def] of Object.entries(SCORE_BANDS)) {
      expect(def.bands[0].min, scale).toBe(def.min);
      expect(def.bands[def.bands.length - 1].max, scale).toBe(def.max);
      def.bands.slice(1).forEach((b, i) => expect(b.min, `${scale} ${b.band}`).toBe(def.bands[i].max + 1));
      for (let s = def.min; s <= def.max; s++) expect(scoreBand(scale as WithdrawalScale, s).ok).toBe(true);
    }
  });
});

// ---- Item by item (main/domain/scoreItems.ts) ----

const allAt = (scale: 'CIWA-Ar' | 'COWS', pick: (values: readonly number[]) => number) =>
  Object.fromEntries(SCALE_ITEMS[scale].map((d) => [d.key, pick(d.values)]));

describe('SCALE_ITEMS: the published instruments', () => {
  it('CIWA-Ar has ten items, nine 0-7 and orientation 0-4, adding up to 67', () => {
    const items = SCALE_ITEMS['CIWA-Ar'];
    expect(items).toHaveLength(10);
    expect(items.filter((d) => d.values.join() === '0,1,2,3,4,5,6,7')).toHaveLength(9);
    expect(items.find((d) => d.key === 'orientation')?.values).toEqual([0, 1, 2, 3, 4]);
    expect(items.reduce((s, d) => s + Math.max(...d.values), 0)).toBe(67);
  });

  it('COWS has eleven items with their own allowed values, adding up to 48', () => {
    expect(Object.fromEntries(SCALE_ITEMS.COWS.map((d) => [d.key, d.values]))).toEqual({
      resting_pulse: [0, 1, 2, 4],
      sweating: [0, 1, 2, 3, 4],
      restlessness: [0, 1, 3, 5],
      pupil_size: [0, 1, 2, 5],
      bone_joint_aches: [0, 1, 2, 4],
      runny_nose_tearing: [0, 1, 2, 4],
      gi_upset: [0, 1, 2, 3, 5],
      tremor: [0, 1, 2, 4],
      yawning: [0, 1, 2, 4],
      anxiety_irritability: [0, 1, 2, 4],
      gooseflesh: [0, 3, 5],
    });
    expect(SCALE_ITEMS.COWS.reduce((s, d) => s + Math.max(...d.values), 0)).toBe(48);
  });

  it('words both ends of every item for the form, and only allowed values', () => {
    for (const defs of Object.values(SCALE_ITEMS)) {
      for (const d of defs) {
        expect(d.anchors[d.values[0]], d.key).toBeTruthy();
        expect(d.anchors[d.values[d.values.length - 1]], d.key).toBeTruthy();
        for (const v of Object.keys(d.anchors)) expect(d.values, d.key).toContain(Number(v));
      }
    }
  });
});

describe('validateScoreItems', () => {
  it('totals and bands a complete form', () => {
    expect(
      validateScoreItems(
        'CIWA-Ar',
        allAt('CIWA-Ar', (v) => v[0]),
      ),
    ).toEqual({ ok: true, total: 0, band: 'mild', label: 'mild withdrawal' });
    expect(
      validateScoreItems(
        'CIWA-Ar',
        allAt('CIWA-Ar', (v) => v[v.length - 1]),
      ),
    ).toMatchObject({ ok: true, total: 67, band: 'severe' });
    expect(
      validateScoreItems(
        'COWS',
        allAt('COWS', (v) => v[v.length - 1]),
      ),
    ).toMatchObject({ ok: true, total: 48, band: 'severe' });
    // CIWA-Ar 19 is severe, 18 moderate: the alert threshold sits on that edge.
    const nineteen = { ...allAt('CIWA-Ar', () => 2), orientation: 1 };
    expect(validateScoreItems('CIWA-Ar', nineteen)).toMatchObject({ ok: true, total: 19, band: 'severe' });
    expect(validateScoreItems('CIWA-Ar', { ...nineteen, orientation: 0 })).toMatchObject({ ok: true, total: 18, band: 'moderate' });
  });

  for (const scale of ['CIWA-Ar', 'COWS'] as const) {
    for (const def of SCALE_ITEMS[scale]) {
      it(`${scale} ${def.label}: accepts its lowest and highest value, refuses one past either`, () => {
        const base = allAt(scale, (v) => v[0]);
        const lo = def.values[0];
        const hi = def.values[def.values.length - 1];
        expect(validateScoreItems(scale, { ...base, [def.key]: lo }).ok).toBe(true);
        expect(validateScoreItems(scale, { ...base, [def.key]: hi }).ok).toBe(true);
        for (const bad of [lo - 1, hi + 1]) {
          const r = validateScoreItems(scale, { ...base, [def.key]: bad });
          expect(r).toEqual({
            ok: false,
            errors: [{ item: def.key, message: expect.stringContaining(`${def.label}: the score is`) as string }],
          });
        }
      });
    }
  }

  it('refuses a COWS value between the allowed ones, and says which are allowed', () => {
    const r = validateScoreItems('COWS', { ...allAt('COWS', (v) => v[0]), restlessness: 2 });
    expect(r).toEqual({
      ok: false,
      errors: [{ item: 'restlessness', message: 'Restlessness: the score is 0, 1, 3 or 5; 2 is not one of them.' }],
    });
    expect(validateScoreItems('COWS', { ...allAt('COWS', (v) => v[0]), gooseflesh: 1 }).ok).toBe(false);
  });

  it('refuses non-integers', () => {
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, '3' as unknown as number]) {
      const r = validateScoreItems('CIWA-Ar', { ...allAt('CIWA-Ar', (v) => v[0]), tremor: bad });
      expect(r).toEqual({ ok: false, errors: [{ item: 'tremor', message: 'Tremor: the score is a whole number, from 0 to 7.' }] });
    }
  });

  it('reports each missing and each extra item on its own', () => {
    const { tremor: _t, headache: _h, ...rest } = allAt('CIWA-Ar', (v) => v[0]);
    const r = validateScoreItems('CIWA-Ar', { ...rest, pulse: 3 });
    expect(r).toEqual({
      ok: false,
      errors: [
        { item: 'tremor', message: 'Tremor: choose a score.' },
        { item: 'headache', message: 'Headache, fullness in head: choose a score.' },
        { item: 'pulse', message: '"pulse" is not an item of the CIWA-Ar.' },
      ],
    });
  });

  it('refuses an unknown scale and a missing form', () => {
    expect(validateScoreItems('CINA' as 'COWS', {}).ok).toBe(false);
    expect(validateScoreItems('COWS', null as unknown as Record<string, number>)).toEqual({
      ok: false,
      errors: [{ item: 'items', message: 'Score every COWS item.' }],
    });
  });
});
