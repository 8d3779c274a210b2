import { describe, expect, it } from 'vitest';
import { isMakeable, makeableDoses, roundToMakeable } from '../../main/domain/makeableDoses';
import { oracleMakeable, PRODUCTS, rng } from '../support/makeable';

/** The doses a product's tablet strengths can make (main/domain/makeableDoses.ts), against an independent oracle. */
describe('makeableDoses', () => {
  it('lists sums of whole tablets', () => {
    expect(makeableDoses([2, 8], 12)).toEqual([2, 4, 6, 8, 10, 12]);
    expect(makeableDoses([5, 10, 25], 30)).toEqual([5, 10, 15, 20, 25, 30]);
    expect(makeableDoses([0.3, 0.7], 1.5)).toEqual([0.3, 0.6, 0.7, 0.9, 1, 1.2, 1.3, 1.4, 1.5]);
  });

  it('gives exact decimal values, not float noise', () => {
    expect(makeableDoses([0.1], 0.6)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    expect(makeableDoses([0.18], 0.72)).toEqual([0.18, 0.36, 0.54, 0.72]);
  });

  it('adds half tablets of the smallest strength when allowed', () => {
    expect(makeableDoses([0.5, 1, 2], 1.5, true)).toEqual([0.25, 0.5, 0.75, 1, 1.25, 1.5]);
    expect(makeableDoses([2, 8], 5, true)).toEqual([1, 2, 3, 4, 5]);
    expect(makeableDoses([0.1], 0.2, true)).toEqual([0.05, 0.1, 0.15, 0.2]);
  });

  it('matches the independent oracle for every product', () => {
    for (const p of PRODUCTS) {
      const oracle = [...oracleMakeable(p.strengths, p.halves, p.max)].filter((x) => x > 0).sort((a, b) => a - b);
      const got = makeableDoses(p.strengths, p.max, p.halves).map((x) => Math.round(x * 1e6));
      expect(got, p.name).toEqual(oracle);
    }
  });

  it('rejects unusable strengths', () => {
    expect(() => makeableDoses([], 10)).toThrow(/At least one/);
    expect(() => makeableDoses([0], 10)).toThrow(/positive/);
    expect(() => makeableDoses([-2], 10)).toThrow(/positive/);
    expect(() => makeableDoses([Number.NaN], 10)).toThrow(/positive/);
    expect(() => makeableDoses([0.1 + 0.2], 10)).toThrow(/decimal places/);
    expect(() => makeableDoses([2], -1)).toThrow(/at least 0/);
  });
});

describe('roundToMakeable', () => {
  it('rounds to the nearest makeable dose, a tie going down', () => {
    expect(roundToMakeable(7, [2, 8])).toBe(6);
    expect(roundToMakeable(7.01, [2, 8])).toBe(8);
    expect(roundToMakeable(12, [5, 10, 25])).toBe(10);
    expect(roundToMakeable(13, [5, 10, 25])).toBe(15);
    expect(roundToMakeable(0.8, [0.5, 1, 2])).toBe(1);
    expect(roundToMakeable(0.75, [0.5, 1, 2], true)).toBe(0.75);
    expect(roundToMakeable(0.7, [0.5, 1, 2])).toBe(0.5);
  });

  it('keeps a makeable dose as it is, despite float noise in the input', () => {
    expect(roundToMakeable(0.1 + 0.2, [0.1])).toBe(0.3);
    expect(roundToMakeable(0.54, [0.18])).toBe(0.54);
    expect(roundToMakeable(16, [2, 8])).toBe(16);
  });

  it('returns 0 when the amount is nearer nothing than the smallest dose', () => {
    expect(roundToMakeable(0.9, [2, 8])).toBe(0);
    expect(roundToMakeable(1, [2, 8])).toBe(0);
    expect(roundToMakeable(1.01, [2, 8])).toBe(2);
    expect(roundToMakeable(0, [2, 8])).toBe(0);
  });

  it('never returns a dose the strengths cannot make, and always the nearest (property loop)', () => {
    const next = rng(20260308);
    let checked = 0;
    for (const p of PRODUCTS) {
      const oracle = oracleMakeable(p.strengths, p.halves, p.max * 2);
      const sorted = [...oracle].sort((a, b) => a - b);
      const amounts: number[] = [];
      for (let i = 0; i <= 400; i++) amounts.push((p.max * i) / 400);
      for (let i = 0; i < 400; i++) amounts.push(next() * p.max);
      for (const amount of amounts) {
        const r = roundToMakeable(amount, p.strengths, p.halves);
        const micro = Math.round(r * 1e6);
        expect(Math.abs(r * 1e6 - micro), `${p.name} ${amount} -> ${r}`).toBeLessThan(1e-3);
        expect(oracle.has(micro), `${p.name}: ${amount} rounded to unmakeable ${r}`).toBe(true);
        expect(isMakeable(r, p.strengths, p.halves)).toBe(true);
        const best = Math.min(...sorted.map((m) => Math.abs(m - amount * 1e6)));
        expect(Math.abs(micro - amount * 1e6) - best, `${p.name}: ${amount} -> ${r} is not nearest`).toBeLessThan(1e-3);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('rejects a negative or non-numeric amount', () => {
    expect(() => roundToMakeable(-1, [2])).toThrow(/at least 0/);
    expect(() => roundToMakeable(Number.POSITIVE_INFINITY, [2])).toThrow(/at least 0/);
  });
});

describe('isMakeable', () => {
  it('agrees with the independent oracle on every grid point', () => {
    for (const p of PRODUCTS) {
      const oracle = oracleMakeable(p.strengths, p.halves, p.max);
      const step = Math.min(...p.strengths) / (p.halves ? 4 : 2);
      for (let i = 0; i * step <= p.max; i++) {
        const amount = Number((i * step).toFixed(6));
        expect(isMakeable(amount, p.strengths, p.halves), `${p.name} ${amount}`).toBe(oracle.has(Math.round(amount * 1e6)));
      }
    }
  });

  it('tells makeable from unmakeable doses', () => {
    expect(isMakeable(10, [2, 8])).toBe(true);
    expect(isMakeable(0, [2, 8])).toBe(true);
    expect(isMakeable(3, [2, 8])).toBe(false);
    expect(isMakeable(3, [2, 8], true)).toBe(true);
    expect(isMakeable(0.25, [0.5, 1, 2])).toBe(false);
    expect(isMakeable(0.25, [0.5, 1, 2], true)).toBe(true);
    expect(isMakeable(0.125, [0.5, 1, 2], true)).toBe(false);
    expect(isMakeable(-2, [2])).toBe(false);
    expect(isMakeable(Number.NaN, [2])).toBe(false);
    expect(isMakeable(0.36, [0.18])).toBe(true);
    expect(isMakeable(0.35, [0.18])).toBe(false);
  });
});
