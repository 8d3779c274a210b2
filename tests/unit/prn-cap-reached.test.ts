import { describe, expect, it } from 'vitest';
import { prnCapReachedBy, scoreBackingProblem, scoresBackingDose } from '../../main/domain/prn';

/**
 * A PRN dose given up to its cap alerts the prescriber (issue 7 item 6): the rule of when a
 * cap is "reached", at its edges, and the rule of which score a dose may answer.
 */
const NY = 'America/New_York';
const reached = (over: Partial<Parameters<typeof prnCapReachedBy>[0]>) =>
  prnCapReachedBy({
    at: '2026-12-01T20:00:00.000Z',
    zone: NY,
    order: { maxDoses24h: null, maxAmount24h: null },
    amount: 1,
    unit: 'mg',
    dosesThisOrder: [],
    ingredientDoses: [],
    ...over,
  });

describe('prnCapReachedBy: the dose count', () => {
  const order = { maxDoses24h: 3, maxAmount24h: null };
  it('is reached by the dose that makes the count equal the maximum, not by the one before', () => {
    const two = ['2026-12-01T12:00:00.000Z', '2026-12-01T20:00:00.000Z'];
    expect(reached({ order, dosesThisOrder: two })).toBeNull();
    const three = ['2026-12-01T08:00:00.000Z', ...two];
    expect(reached({ order, dosesThisOrder: three })).toEqual({
      code: 'prn_max',
      // The first of the three leaves the window 24 hours after it: Wed 2 Dec 03:00 in New York.
      detail: '3 of 3 doses in 24 hours; next dose allowed from Wed 2 Dec 03:00',
      nextAllowedAt: '2026-12-02T08:00:00.000Z',
    });
  });

  it('does not count a dose given exactly 24 hours before; one a millisecond later still counts', () => {
    const at = '2026-12-01T20:00:00.000Z';
    expect(reached({ order, at, dosesThisOrder: ['2026-11-30T20:00:00.000Z', '2026-12-01T10:00:00.000Z', at] })).toBeNull();
    expect(reached({ order, at, dosesThisOrder: ['2026-11-30T20:00:00.001Z', '2026-12-01T10:00:00.000Z', at] })?.code).toBe('prn_max');
    // The count said is the window's: the dose exactly 24 hours before is not one of the three.
    const four = ['2026-11-30T20:00:00.000Z', '2026-11-30T20:00:00.001Z', '2026-12-01T10:00:00.000Z', at];
    expect(reached({ order, at, dosesThisOrder: four })?.detail).toMatch(/^3 of 3 doses/);
  });

  it('counts 24 real hours across the fall-back night (25 clock hours in New York)', () => {
    // Sat 31 Oct 23:30 EDT is 03:30Z on 1 Nov; 24 hours later is Sun 1 Nov 22:30 EST.
    const first = '2026-11-01T03:30:00.000Z';
    const at = '2026-11-02T03:29:00.000Z';
    const order2 = { maxDoses24h: 2, maxAmount24h: null };
    const r = reached({ order: order2, at, dosesThisOrder: [first, at] });
    expect(r?.detail).toBe('2 of 2 doses in 24 hours; next dose allowed from Sun 1 Nov 22:30');
    expect(reached({ order: order2, at: '2026-11-02T03:30:00.000Z', dosesThisOrder: [first, '2026-11-02T03:30:00.000Z'] })).toBeNull();
  });
});

describe('prnCapReachedBy: the amount across the ingredient', () => {
  const order = { maxDoses24h: null, maxAmount24h: 4 };
  it('is reached exactly at the cap across a scheduled and a PRN order; one dose below it is not', () => {
    const scheduled = { at: '2026-12-01T14:00:00.000Z', amount: 2 };
    const prn = { at: '2026-12-01T20:00:00.000Z', amount: 1 };
    // 3 of 4 mg: a 1 mg dose still fits.
    expect(reached({ order, ingredientDoses: [scheduled, prn] })).toBeNull();
    const more = { at: '2026-12-01T18:00:00.000Z', amount: 1 };
    expect(reached({ order, ingredientDoses: [scheduled, more, prn] })).toMatchObject({
      code: 'prn_amount',
      detail: '4 mg of 4 mg in 24 hours across all its orders; next dose allowed from Wed 2 Dec 09:00',
    });
  });

  it('is reached below the cap when the next dose of this size would pass it', () => {
    // 3 of 4 mg given, and this order gives 2 mg: no further dose fits.
    const r = reached({ order, amount: 2, ingredientDoses: [{ at: '2026-12-01T14:00:00.000Z', amount: 1 }, { at: '2026-12-01T20:00:00.000Z', amount: 2 }] });
    expect(r?.detail).toMatch(/^3 mg of 4 mg in 24 hours/);
  });

  it('reports the dose count first when both caps are reached, and nothing without caps', () => {
    const at = '2026-12-01T20:00:00.000Z';
    expect(reached({ order: { maxDoses24h: 1, maxAmount24h: 1 }, dosesThisOrder: [at], ingredientDoses: [{ at, amount: 1 }] })?.code).toBe('prn_max');
    expect(reached({ dosesThisOrder: [at], ingredientDoses: [{ at, amount: 100 }] })).toBeNull();
  });
});

describe('scoreBackingProblem: the score a dose answers', () => {
  const at = '2026-12-01T15:00:00.000Z'; // 10:00 in New York
  const trigger = { scale: 'COWS' as const, minScore: 5 };
  const ctx = { at, zone: NY, windowMinutes: 60, trigger };
  it('accepts a qualifying score taken up to exactly the window before, and not a minute more', () => {
    expect(scoreBackingProblem({ scale: 'COWS', total: 5, at: '2026-12-01T14:00:00.000Z' }, ctx)).toBeNull();
    expect(scoreBackingProblem({ scale: 'COWS', total: 5, at }, ctx)).toBeNull();
    expect(scoreBackingProblem({ scale: 'COWS', total: 5, at: '2026-12-01T13:59:00.000Z' }, ctx)).toBe(
      'The COWS of 5 (Tue 1 Dec 08:59) was taken more than 60 minutes before this dose (Tue 1 Dec 10:00). Record a new score.',
    );
  });

  it('refuses a score taken after the dose, one below the trigger and one on another scale', () => {
    expect(scoreBackingProblem({ scale: 'COWS', total: 9, at: '2026-12-01T15:00:00.001Z' }, ctx)).toMatch(/taken after this dose/);
    expect(scoreBackingProblem({ scale: 'COWS', total: 4, at }, ctx)).toBe('This PRN needs a COWS of 5 or more; the COWS of 4 (Tue 1 Dec 10:00) is below it.');
    expect(scoreBackingProblem({ scale: 'CIWA-Ar', total: 20, at }, ctx)).toMatch(/given on a COWS score; the CIWA-Ar of 20 .* is on another scale/);
    // Without a trigger any scale and total in the window backs the dose.
    expect(scoreBackingProblem({ scale: 'CIWA-Ar', total: 2, at }, { ...ctx, trigger: null })).toBeNull();
  });

  it('offers the qualifying scores newest first', () => {
    const scores = [
      { id: 1, scale: 'COWS' as const, total: 6, at: '2026-12-01T14:10:00.000Z' },
      { id: 2, scale: 'COWS' as const, total: 3, at: '2026-12-01T14:40:00.000Z' },
      { id: 3, scale: 'COWS' as const, total: 7, at: '2026-12-01T14:30:00.000Z' },
      { id: 4, scale: 'COWS' as const, total: 9, at: '2026-12-01T13:00:00.000Z' },
    ];
    expect(scoresBackingDose(scores, ctx).map((s) => s.id)).toEqual([3, 1]);
  });
});
