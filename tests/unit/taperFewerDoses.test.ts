import { describe, expect, it } from 'vitest';
import { generateTaper, validateTaperSteps } from '../../main/domain/taper';
import { dailyDoses, dailyTotal, fewerDosesLadder } from '../../main/domain/taperDaily';
import { generateFewerDosesTaper } from '../../main/domain/taperFewerDoses';

/** Tapers that change frequency (issue 8 item 4): steps carry their own frequency, judged by the daily total. */
const NY = 'America/New_York';
const local = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: NY }).slice(0, 16);

describe('fewer doses per day', () => {
  it('steps chlordiazepoxide 25 mg four times daily to three times, twice, at bedtime, then stops', () => {
    const steps = generateFewerDosesTaper({ startAmount: 25, startFrequency: 'qid', startAt: '2026-03-05T14:00:00.000Z', zone: NY, everyDays: 2, thenStop: true });
    expect(steps.map((s) => [local(s.effectiveFrom), s.amount, s.frequency])).toEqual([
      ['2026-03-05 09:00', 25, 'tid'],
      ['2026-03-07 09:00', 25, 'bid'],
      // Across the spring-forward change (8 March) the steps keep 09:00 on the clinic clock.
      ['2026-03-09 09:00', 25, 'at_bedtime'],
      ['2026-03-11 09:00', 0, 'at_bedtime'],
    ]);
    expect(steps.map((s) => dailyTotal(s.amount, s.frequency!))).toEqual([75, 50, 25, 0]);
    expect(generateFewerDosesTaper({ startAmount: 25, startFrequency: 'qid', startAt: '2026-03-05T14:00:00.000Z', zone: NY, everyDays: 2, thenStop: false }).map((s) => s.frequency)).toEqual(['tid', 'bid', 'at_bedtime']);
  });

  it('joins interval schedules at the next lower count and refuses schedules it cannot reduce, in words', () => {
    expect(fewerDosesLadder('q4h')).toEqual(['qid', 'tid', 'bid', 'at_bedtime']);
    expect(fewerDosesLadder('q6h')).toEqual(['tid', 'bid', 'at_bedtime']);
    expect(fewerDosesLadder('q12h')).toEqual(['at_bedtime']);
    expect(fewerDosesLadder('bid')).toEqual(['at_bedtime']);
    expect(fewerDosesLadder('daily')).toEqual([]);
    expect(fewerDosesLadder('weekly')).toBeNull();
    const start = { startAmount: 10, startAt: '2026-03-05T14:00:00.000Z', zone: NY, everyDays: 3 };
    expect(() => generateFewerDosesTaper({ ...start, startFrequency: 'every_other_day', thenStop: true })).toThrow(/every other day cannot be reduced step by step; reduce the amount/);
    expect(() => generateFewerDosesTaper({ ...start, startFrequency: 'daily', thenStop: false })).toThrow(/already given once a day/);
    expect(generateFewerDosesTaper({ ...start, startFrequency: 'daily', thenStop: true }).map((s) => [s.amount, s.frequency])).toEqual([[0, 'daily']]);
  });

  it('counts every other day as half a dose a day and has no daily total for as-needed or single doses', () => {
    expect(dailyDoses('every_other_day')).toBe(0.5);
    expect(dailyDoses('weekly')).toBeCloseTo(1 / 7);
    expect(dailyDoses('q8h')).toBe(3);
    expect(dailyDoses('prn')).toBeNull();
    expect(dailyDoses('once')).toBeNull();
  });
});

describe('validateTaperSteps with step frequencies', () => {
  const ctx = { now: '2026-03-01T00:00:00Z', strengths: [5, 10, 25], unit: 'mg', zone: NY, frequency: 'qid' };
  it('accepts the same amount given fewer times a day, and an amount up with the daily total down', () => {
    const steps = [
      { effectiveFrom: '2026-03-05T14:00:00Z', amount: 25, frequency: 'tid' as const },
      { effectiveFrom: '2026-03-08T13:00:00Z', amount: 30, frequency: 'bid' as const },
    ];
    expect(validateTaperSteps(25, steps, ctx)).toEqual([]);
  });

  it('refuses a step whose daily total does not fall, and a step given as needed', () => {
    const problems = validateTaperSteps(
      25,
      [
        { effectiveFrom: '2026-03-05T14:00:00Z', amount: 35, frequency: 'tid' },
        { effectiveFrom: '2026-03-06T14:00:00Z', amount: 20, frequency: 'prn' },
      ],
      ctx,
    );
    expect(problems.map((p) => [p.index, p.code])).toEqual([
      [0, 'not_decreasing'],
      [1, 'bad_frequency'],
    ]);
    expect(problems[0].message).toBe(
      'Step 1 (5 Mar 2026, 09:00 EST): 35 mg three times daily (105 mg a day) is not less than the dose before it, 25 mg four times daily (100 mg a day); each taper step must reduce the daily total.',
    );
    expect(problems[1].message).toMatch(/"as needed" cannot be a taper step's frequency/);
    // Exactly the same daily total is not a reduction either: 25 mg x 4 = 50 mg x 2.
    expect(validateTaperSteps(25, [{ effectiveFrom: '2026-03-05T14:00:00Z', amount: 50, frequency: 'bid' }], ctx).map((p) => p.code)).toEqual(['not_decreasing']);
  });

  it("gives a step without a frequency the order's", () => {
    // Back to four times daily after twice daily: 25 x 4 is higher than 25 x 2.
    const problems = validateTaperSteps(25, [{ effectiveFrom: '2026-03-05T14:00:00Z', amount: 25, frequency: 'bid' }, { effectiveFrom: '2026-03-07T14:00:00Z', amount: 20 }], ctx);
    expect(problems.map((p) => [p.index, p.code])).toEqual([[1, 'not_decreasing']]);
  });
});

describe('a reduction larger than the dose', () => {
  it('is refused in words instead of coming out as a one-step stop', () => {
    const options = { startAmount: 2, startAt: '2026-03-05T14:00:00.000Z', zone: NY, mode: 'fixed' as const, everyDays: 3, strengths: [0.5, 1, 2], allowHalves: true };
    expect(() => generateTaper({ ...options, step: 2.5 })).toThrow(
      'A reduction of 2.5 per step is more than the current dose (2): the plan would stop the drug in a single step. Enter a smaller reduction, or plan a stop as its own step.',
    );
    // A reduction equal to the dose is a deliberate one-step stop and still allowed.
    expect(generateTaper({ ...options, step: 2 }).map((s) => s.amount)).toEqual([0]);
  });
});
