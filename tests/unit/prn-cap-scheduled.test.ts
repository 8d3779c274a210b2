import { describe, expect, it } from 'vitest';
import { prnCapsReachedByScheduledDose } from '../../main/domain/prnCapByScheduled';

/**
 * A scheduled dose that uses up a PRN order's 24-hour amount alerts the prescriber (issue 7
 * item 6): the rule at its edges. The clinic is in New York; 09:00 local on Tue 1 Dec 2026 is
 * 14:00 UTC. The PRN lorazepam gives 1 mg with at most 4 mg of lorazepam in 24 hours.
 */
const NY = 'America/New_York';
const NINE = '2026-12-01T14:00:00.000Z';
const prn1mg = { orderId: 7, maxAmount24h: 4, amount: 1 };
const run = (over: Partial<Parameters<typeof prnCapsReachedByScheduledDose>[0]>) =>
  prnCapsReachedByScheduledDose({ at: NINE, zone: NY, unit: 'mg', amount: 2, prnOrders: [prn1mg], otherDoses: [], ...over });

describe('prnCapsReachedByScheduledDose', () => {
  it('alerts when the scheduled dose brings the total exactly to the cap, not when it leaves one PRN dose of room', () => {
    // 2 mg PRN at 05:00 + 2 mg scheduled at 09:00 = 4 of 4 mg.
    expect(run({ otherDoses: [{ at: '2026-12-01T10:00:00.000Z', amount: 2 }] })).toEqual([
      { orderId: 7, detail: '4 mg of 4 mg in 24 hours across all its orders; next dose allowed from Wed 2 Dec 05:00', nextAllowedAt: '2026-12-02T10:00:00.000Z' },
    ]);
    // 1 mg + 2 mg = 3 of 4 mg: the 1 mg PRN still fits.
    expect(run({ otherDoses: [{ at: '2026-12-01T10:00:00.000Z', amount: 1 }] })).toEqual([]);
  });

  it('alerts when the dose goes past the cap, and not again when the cap was already reached before it', () => {
    // 2.5 mg before left room for 1 mg; 2 mg more makes 4.5 mg.
    expect(run({ otherDoses: [{ at: '2026-12-01T10:00:00.000Z', amount: 2.5 }] }).map((r) => r.detail)).toEqual([
      '4.5 mg of 4 mg in 24 hours across all its orders; next dose allowed from Wed 2 Dec 05:00',
    ]);
    // 3.5 mg given before already left no room for 1 mg: the dose that did that alerted then.
    expect(run({ otherDoses: [{ at: '2026-12-01T10:00:00.000Z', amount: 3.5 }] })).toEqual([]);
  });

  it('sums the ingredient across two orders, and decides each PRN order by its own dose', () => {
    // Yesterday evening's scheduled 1 mg and this morning's PRN 0.5 mg, plus 2 mg now: 3.5 mg.
    const otherDoses = [
      { at: '2026-12-01T02:00:00.000Z', amount: 1 },
      { at: '2026-12-01T11:00:00.000Z', amount: 0.5 },
    ];
    const half = { orderId: 8, maxAmount24h: 4, amount: 0.5 };
    // 1 mg more would make 4.5 (no room); 0.5 mg more makes exactly 4 (still fits).
    expect(run({ otherDoses, prnOrders: [prn1mg, half] }).map((r) => r.orderId)).toEqual([7]);
    expect(run({ otherDoses, prnOrders: [half] })).toEqual([]);
  });

  it('does not count a dose given exactly 24 hours before; one a minute later still counts', () => {
    expect(run({ otherDoses: [{ at: '2026-11-30T14:00:00.000Z', amount: 2 }] })).toEqual([]);
    expect(run({ otherDoses: [{ at: '2026-11-30T14:01:00.000Z', amount: 2 }] }).map((r) => r.orderId)).toEqual([7]);
    // And a dose a minute after this one is not in its window at all.
    expect(run({ otherDoses: [{ at: '2026-12-01T14:01:00.000Z', amount: 2 }] })).toEqual([]);
  });

  it('counts 24 real hours across the fall-back night, not 24 clock hours', () => {
    // 2 mg at Sat 31 Oct 21:00 EDT (01:00Z). Sun 1 Nov 20:00 EST is 23 clock hours but 24 real hours later.
    const otherDoses = [{ at: '2026-11-01T01:00:00.000Z', amount: 2 }];
    expect(run({ at: '2026-11-02T01:00:00.000Z', otherDoses })).toEqual([]);
    const r = run({ at: '2026-11-02T00:59:00.000Z', otherDoses });
    expect(r.map((x) => x.detail)).toEqual(['4 mg of 4 mg in 24 hours across all its orders; next dose allowed from Sun 1 Nov 20:00']);
  });

  it('says nothing without a capped PRN order, and refuses a dose amount that is not a dose', () => {
    expect(run({ prnOrders: [], otherDoses: [{ at: '2026-12-01T10:00:00.000Z', amount: 2 }] })).toEqual([]);
    expect(() => run({ amount: 0 })).toThrow(/more than 0/);
    expect(() => run({ at: '2026-12-01 09:00' })).toThrow(/ISO-8601/);
  });
});
