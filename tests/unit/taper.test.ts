import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type TaperOptions, generateTaper, holdShiftDays, isMakeable, makeableDoses, shiftForHold, validateTaperSteps } from '../../main/domain/taper';
import { PRODUCTS, rng } from '../support/makeable';

/** Taper plans (main/domain/taper.ts): generated steps across DST, their validation, and holds. */
const NY = 'America/New_York';
const local = (iso: string, zone = NY) => DateTime.fromISO(iso, { zone }).toFormat('yyyy-LL-dd HH:mm ZZZZ');

const bup: TaperOptions = {
  startAmount: 16,
  startAt: '2026-02-22T14:00:00.000Z', // Sunday 09:00 EST
  zone: NY,
  mode: 'fixed',
  step: 2,
  everyDays: 7,
  strengths: [2, 8],
};

describe('generateTaper', () => {
  it('steps down by a fixed amount to zero', () => {
    expect(generateTaper(bup).map((s) => s.amount)).toEqual([14, 12, 10, 8, 6, 4, 2, 0]);
  });

  it('keeps the same local clock time across spring-forward (2026-03-08) and fall-back (2026-11-01)', () => {
    const spring = generateTaper(bup);
    expect(spring.slice(0, 4).map((s) => s.effectiveFrom)).toEqual([
      '2026-02-22T14:00:00.000Z',
      '2026-03-01T14:00:00.000Z',
      '2026-03-08T13:00:00.000Z', // 09:00 EDT on the change day
      '2026-03-15T13:00:00.000Z',
    ]);
    for (const s of spring) expect(local(s.effectiveFrom).slice(11, 16)).toBe('09:00');

    const fall = generateTaper({ ...bup, startAt: '2026-10-18T13:00:00.000Z', everyDays: 7 });
    expect(fall.slice(0, 4).map((s) => s.effectiveFrom)).toEqual([
      '2026-10-18T13:00:00.000Z',
      '2026-10-25T13:00:00.000Z',
      '2026-11-01T14:00:00.000Z', // 09:00 EST on the change day
      '2026-11-08T14:00:00.000Z',
    ]);
    for (const s of fall) expect(local(s.effectiveFrom).slice(11, 16)).toBe('09:00');
  });

  it('counts calendar days, not 24-hour blocks, for steps every 3 days across DST', () => {
    const steps = generateTaper({ ...bup, startAt: '2026-03-06T23:00:00.000Z', everyDays: 3 }); // 18:00 EST
    expect(steps.slice(0, 3).map((s) => local(s.effectiveFrom))).toEqual([
      '2026-03-06 18:00 EST',
      '2026-03-09 18:00 EDT',
      '2026-03-12 18:00 EDT',
    ]);
  });

  it('moves a step whose clock time does not exist forward by the gap, and the next one back', () => {
    const steps = generateTaper({ ...bup, startAt: '2026-03-01T07:30:00.000Z', everyDays: 7 }); // 02:30 EST
    expect(steps.slice(0, 3).map((s) => local(s.effectiveFrom))).toEqual([
      '2026-03-01 02:30 EST',
      '2026-03-08 03:30 EDT',
      '2026-03-15 02:30 EDT',
    ]);
  });

  /** Lorazepam 2 mg, reduced by a percentage every 14 days. */
  const lorazepamPercent = (step: number, allowHalves = false): TaperOptions => ({
    startAmount: 2,
    startAt: '2026-04-01T13:00:00.000Z',
    zone: NY,
    mode: 'percent',
    step,
    everyDays: 14,
    strengths: [0.5, 1, 2],
    allowHalves,
  });

  it('reduces by a percentage of the current dose, with half tablets', () => {
    const steps = generateTaper(lorazepamPercent(25, true));
    // 1.5; 1.125 ties 1 and 1.25 -> 1; 0.75; 0.5625 -> 0.5; 0.375 ties -> 0.25; 0.1875 -> 0.25 is no lower -> 0
    expect(steps.map((s) => s.amount)).toEqual([1.5, 1, 0.75, 0.5, 0.25, 0]);
  });

  it('takes the next lower makeable dose when rounding would not reduce', () => {
    const steps = generateTaper(lorazepamPercent(10));
    expect(steps.map((s) => s.amount)).toEqual([1.5, 1, 0.5, 0]);
    expect(generateTaper({ ...bup, startAmount: 8, step: 0.5 }).map((s) => s.amount)).toEqual([6, 4, 2, 0]);
  });

  it('tapers clonidine without float noise', () => {
    const steps = generateTaper({ ...bup, startAmount: 0.3, step: 0.1, strengths: [0.1, 0.2, 0.3] });
    expect(steps.map((s) => s.amount)).toEqual([0.2, 0.1, 0]);
  });

  it('starts from an unmakeable current dose', () => {
    expect(generateTaper({ ...bup, startAmount: 7, step: 2 }).map((s) => s.amount)).toEqual([4, 2, 0]);
  });

  it('stops at the floor and never goes below it', () => {
    const diazepam = { ...bup, startAmount: 20, step: 5, strengths: [2, 5, 10] };
    expect(generateTaper({ ...diazepam, floor: 5 }).map((s) => s.amount)).toEqual([15, 10, 5]);
    expect(generateTaper({ ...diazepam, floor: 6 }).map((s) => s.amount)).toEqual([15, 10, 6]);
    // A reduction larger than the dose is refused in words, no longer a silent one-step stop (issue 8 item 4).
    expect(() => generateTaper({ ...bup, step: 100 })).toThrow(/more than the current dose \(16\)/);
    expect(generateTaper({ ...bup, step: 16 }).map((s) => s.amount)).toEqual([0]);
  });

  it('truncates to maxSteps, leaving the plan above the floor', () => {
    const steps = generateTaper({ ...bup, maxSteps: 3 });
    expect(steps.map((s) => s.amount)).toEqual([14, 12, 10]);
  });

  it('always strictly decreases, makes only makeable doses, ends on the floor (property loop)', () => {
    const next = rng(42);
    for (let trial = 0; trial < 300; trial++) {
      const p = PRODUCTS[Math.floor(next() * PRODUCTS.length)];
      const makeable = makeableDoses(p.strengths, p.max, p.halves);
      const startAmount = makeable[Math.floor(next() * makeable.length)];
      const floorChoices = [0, ...makeable.filter((m) => m < startAmount)];
      const floor = next() < 0.7 ? 0 : floorChoices[Math.floor(next() * floorChoices.length)];
      const percent = next() < 0.5;
      const options: TaperOptions = {
        startAmount,
        startAt: '2026-02-20T15:30:00.000Z',
        zone: NY,
        mode: percent ? 'percent' : 'fixed',
        step: percent ? 1 + Math.floor(next() * 50) : Math.max(p.strengths[0] * next(), 0.01),
        everyDays: 1 + Math.floor(next() * 14),
        floor,
        strengths: p.strengths,
        allowHalves: p.halves,
      };
      const steps = generateTaper(options);
      const label = JSON.stringify(options);
      expect(steps.length, label).toBeGreaterThan(0);
      expect(steps[steps.length - 1].amount, label).toBe(floor);
      let prev = startAmount;
      let prevAt = 0;
      for (const s of steps) {
        expect(s.amount, label).toBeLessThan(prev);
        expect(s.amount, label).toBeGreaterThanOrEqual(floor);
        expect(isMakeable(s.amount, p.strengths, p.halves), `${label}: ${s.amount}`).toBe(true);
        const at = Date.parse(s.effectiveFrom);
        expect(at, label).toBeGreaterThan(prevAt);
        prev = s.amount;
        prevAt = at;
      }
      expect(validateTaperSteps(startAmount, steps, { now: '2026-02-20T00:00:00Z', strengths: p.strengths, allowHalves: p.halves }), label).toEqual([]);
    }
  });

  it('rejects unusable options with clear messages', () => {
    expect(() => generateTaper({ ...bup, floor: 3 })).toThrow(/floor 3 cannot be made/);
    expect(() => generateTaper({ ...bup, floor: 16 })).toThrow(/must be below the starting dose/);
    expect(() => generateTaper({ ...bup, startAmount: 0 })).toThrow(/starting dose must be above 0/);
    expect(() => generateTaper({ ...bup, step: 0 })).toThrow(/step must be above 0/);
    expect(() => generateTaper({ ...bup, mode: 'percent', step: 150 })).toThrow(/at most 100/);
    expect(() => generateTaper({ ...bup, everyDays: 1.5 })).toThrow(/Days between steps/);
    expect(() => generateTaper({ ...bup, maxSteps: 0 })).toThrow(/Maximum number of steps/);
    expect(() => generateTaper({ ...bup, zone: 'Eastern' })).toThrow(/IANA/);
    expect(() => generateTaper({ ...bup, startAt: '2026-02-22 09:00' })).toThrow(/Taper start/);
  });
});

describe('validateTaperSteps', () => {
  const ctx = { now: '2026-03-01T00:00:00.000Z', strengths: [2, 8], unit: 'mg' };

  it('accepts a sound plan', () => {
    const steps = [
      { effectiveFrom: '2026-03-02T14:00:00.000Z', amount: 12 },
      { effectiveFrom: '2026-03-09T13:00:00.000Z', amount: 8 },
      { effectiveFrom: '2026-03-16T13:00:00.000Z', amount: 0 },
    ];
    expect(validateTaperSteps(16, steps, ctx)).toEqual([]);
  });

  it('reports each kind of problem against the right step', () => {
    const steps = [
      { effectiveFrom: '2026-02-28T14:00:00.000Z', amount: 16 }, // past, not lower
      { effectiveFrom: '2026-03-05T14:00:00.000Z', amount: 18 }, // higher
      { effectiveFrom: '2026-03-05T14:00:00.000Z', amount: 7 }, // same time, unmakeable
      { effectiveFrom: 'next week', amount: 6 },
      { effectiveFrom: '2026-03-20T14:00:00.000Z', amount: -2 },
      { effectiveFrom: '2026-03-21T14:00:00.000Z', amount: Number.NaN },
    ];
    const problems = validateTaperSteps(16, steps, ctx);
    expect(problems.map((p) => [p.index, p.code])).toEqual([
      [0, 'not_in_future'],
      [0, 'not_decreasing'],
      [1, 'not_decreasing'],
      [2, 'not_after_previous'],
      [2, 'unmakeable'],
      [3, 'invalid_instant'],
      [4, 'negative_amount'],
      [5, 'invalid_amount'],
    ]);
    expect(problems[1].message).toBe(
      'Step 1 (2026-02-28T14:00:00.000Z): 16 mg is the same as the dose before it (16 mg); each taper step must reduce the dose.',
    );
    expect(problems[2].message).toMatch(/Step 2 .*18 mg is higher than the dose before it \(16 mg\)/);
    expect(problems[4].message).toMatch(/7 mg cannot be made from the available strengths \(2, 8\)/);
    expect(problems[3].message).toMatch(/must take effect after the step before it/);
  });

  it('judges a huge dose without building a huge table', () => {
    expect(validateTaperSteps(16, [{ effectiveFrom: '2026-03-02T14:00:00.000Z', amount: 1e12 }], ctx).map((p) => p.code)).toEqual([
      'not_decreasing',
    ]);
    expect(validateTaperSteps(16, [{ effectiveFrom: '2026-03-02T14:00:00.000Z', amount: 1e12 + 1 }], ctx).map((p) => p.code)).toEqual([
      'unmakeable',
      'not_decreasing',
    ]);
    expect(isMakeable(1e12, [0.3, 0.7])).toBe(true);
    expect(isMakeable(1e9 + 0.05, [0.1], true)).toBe(true);
  });

  it('treats a step exactly at now as not in the future', () => {
    const problems = validateTaperSteps(16, [{ effectiveFrom: ctx.now, amount: 8 }], ctx);
    expect(problems.map((p) => p.code)).toEqual(['not_in_future']);
  });

  it('shows times in the clinic zone when given one', () => {
    const problems = validateTaperSteps(8, [{ effectiveFrom: '2026-03-09T13:00:00.000Z', amount: 8 }], { ...ctx, zone: NY });
    expect(problems[0].message).toMatch(/^Step 1 \(9 Mar 2026, 09:00 EDT\)/);
  });

  it('accepts half tablets only when allowed', () => {
    const steps = [{ effectiveFrom: '2026-03-02T14:00:00.000Z', amount: 0.25 }];
    expect(validateTaperSteps(0.5, steps, { ...ctx, strengths: [0.5, 1, 2] }).map((p) => p.code)).toEqual(['unmakeable']);
    expect(validateTaperSteps(0.5, steps, { ...ctx, strengths: [0.5, 1, 2], allowHalves: true })).toEqual([]);
  });
});

describe('holds', () => {
  const plan = [
    { id: 11, effectiveFrom: '2026-03-01T14:00:00.000Z', amount: 12 }, // 09:00 EST
    { id: 12, effectiveFrom: '2026-03-06T14:00:00.000Z', amount: 8 }, // 09:00 EST
    { id: 13, effectiveFrom: '2026-03-13T13:00:00.000Z', amount: 4 }, // 09:00 EDT
  ];

  it('shifts nothing for a hold resumed the same day', () => {
    const held = '2026-03-06T13:00:00.000Z'; // 08:00 EST, before the 09:00 step
    const resumed = '2026-03-06T20:00:00.000Z';
    expect(holdShiftDays(held, resumed, NY)).toBe(0);
    expect(shiftForHold(plan, held, resumed, NY)).toEqual(plan);
  });

  it('shifts remaining steps by whole local days, keeping the clock time across DST', () => {
    const held = '2026-03-04T15:00:00.000Z'; // 10:00 EST
    const resumed = '2026-03-09T14:00:00.000Z'; // 10:00 EDT
    expect(holdShiftDays(held, resumed, NY)).toBe(5);
    const shifted = shiftForHold(plan, held, resumed, NY);
    expect(shifted[0]).toBe(plan[0]);
    expect(shifted.map((s) => [s.id, local(s.effectiveFrom), s.amount])).toEqual([
      [11, '2026-03-01 09:00 EST', 12],
      [12, '2026-03-11 09:00 EDT', 8],
      [13, '2026-03-18 09:00 EDT', 4],
    ]);
  });

  it('leaves a step effective exactly at the hold unchanged', () => {
    const shifted = shiftForHold(plan, plan[1].effectiveFrom, '2026-03-08T15:00:00.000Z', NY);
    expect(shifted[1]).toBe(plan[1]);
    expect(local(shifted[2].effectiveFrom)).toBe('2026-03-15 09:00 EDT');
  });

  it('counts local midnights: held 23:00, resumed 01:00 is one day', () => {
    expect(holdShiftDays('2026-03-05T04:00:00.000Z', '2026-03-05T06:00:00.000Z', NY)).toBe(1); // 23:00 -> 01:00 EST
    expect(holdShiftDays('2026-03-05T04:00:00.000Z', '2026-03-05T06:00:00.000Z', 'UTC')).toBe(0);
  });

  it('rejects a resumption before the hold', () => {
    expect(() => shiftForHold(plan, '2026-03-05T00:00:00Z', '2026-03-04T00:00:00Z', NY)).toThrow(/cannot resume before/);
  });
});
