import { describe, expect, it } from 'vitest';
import {
  assessDose,
  doseRangeProblems,
  MIN_OVERRIDE_REASON_LENGTH,
  overrideReasonProblem,
  type DoseMedication,
} from '../../main/domain/doseRange';
import { dosesPerDay } from '../../main/domain/frequency';
import { FORMULARY_SEED } from '../../main/domain/formulary';

/** Lorazepam as shipped: 0.5/1/2 mg tablets, usual up to 2 mg a dose, 4 mg a dose, 10 mg a day. */
const lorazepam: DoseMedication = {
  name: 'Lorazepam',
  unit: 'mg',
  strengths: [0.5, 1, 2],
  range: { usualSingle: 2, maxSingle: 4, maxDaily: 10 },
};
const strict = { allowAboveMaximum: false };
const codes = (a: ReturnType<typeof assessDose>) => ({
  refused: a.refused.map((f) => f.code),
  needsOverride: a.needsOverride.map((f) => f.code),
});

describe('dose ranges', () => {
  it('passes a usual dose silently, at the edge too', () => {
    expect(codes(assessDose({ amount: 2, frequency: 'tid' }, lorazepam, strict))).toEqual({ refused: [], needsOverride: [] });
    expect(codes(assessDose({ amount: 0.5, frequency: 'q4h' }, lorazepam, strict))).toEqual({ refused: [], needsOverride: [] });
  });

  it('warns just above the usual single dose, and refuses just above the maximum single dose', () => {
    expect(codes(assessDose({ amount: 2.5, frequency: 'daily' }, lorazepam, strict))).toEqual({
      refused: [],
      needsOverride: ['above_usual'],
    });
    expect(codes(assessDose({ amount: 4, frequency: 'daily' }, lorazepam, strict))).toEqual({
      refused: [],
      needsOverride: ['above_usual'],
    });
    expect(codes(assessDose({ amount: 4.5, frequency: 'daily' }, lorazepam, strict))).toEqual({
      refused: ['above_maximum_single'],
      needsOverride: [],
    });
  });

  it('refuses a daily total above the maximum: amount times the doses per day of the frequency', () => {
    // q4h is six doses: 2 mg is 12 mg a day > 10. Four times daily is 8 mg: fine.
    expect(codes(assessDose({ amount: 2, frequency: 'q4h' }, lorazepam, strict))).toEqual({
      refused: ['above_maximum_daily'],
      needsOverride: [],
    });
    expect(codes(assessDose({ amount: 2, frequency: 'qid' }, lorazepam, strict))).toEqual({ refused: [], needsOverride: [] });
    // 2.5 mg x 4 = 10 mg: at the maximum, not above it.
    expect(codes(assessDose({ amount: 2.5, frequency: 'qid' }, lorazepam, strict)).refused).toEqual([]);
    const a = assessDose({ amount: 2, frequency: 'q4h' }, lorazepam, strict);
    expect(a.refused[0].message).toBe('2 mg every 4 hours is 12 mg a day, above the maximum daily dose of Lorazepam (10 mg).');
  });

  it('counts a PRN order by its own maximum doses per 24 hours', () => {
    const six = assessDose({ amount: 2, frequency: 'prn', prnMaxDoses24h: 6 }, lorazepam, strict);
    expect(codes(six).refused).toEqual(['above_maximum_daily']);
    expect(six.refused[0].message).toBe(
      '2 mg up to 6 doses in 24 hours is 12 mg a day, above the maximum daily dose of Lorazepam (10 mg).',
    );
    expect(codes(assessDose({ amount: 2, frequency: 'prn', prnMaxDoses24h: 5 }, lorazepam, strict)).refused).toEqual([]);
    expect([dosesPerDay('once'), dosesPerDay('weekly'), dosesPerDay('q6h'), dosesPerDay('prn', 3)]).toEqual([1, 1, 4, 3]);
  });

  it('the issue’s case: lorazepam 500 mg every 4 hours is refused twice over', () => {
    const a = assessDose({ amount: 500, frequency: 'q4h' }, lorazepam, strict);
    expect(codes(a).refused).toEqual(['above_maximum_single', 'above_maximum_daily']);
    expect(a.refused[1].message).toMatch(/3000 mg a day/);
  });

  it('turns the maximum into an override when the clinic allows it', () => {
    const a = assessDose({ amount: 500, frequency: 'q4h' }, lorazepam, { allowAboveMaximum: true });
    expect(codes(a)).toEqual({ refused: [], needsOverride: ['above_maximum_single', 'above_maximum_daily'] });
    expect(a.needsOverride[0].message).toMatch(/only with an override reason/);
  });

  it('refuses an amount the strengths cannot make, whatever the clinic allows', () => {
    const a = assessDose({ amount: 0.3, frequency: 'daily' }, lorazepam, { allowAboveMaximum: true });
    expect(codes(a).refused).toEqual(['unmakeable']);
    expect(a.refused[0].message).toBe(
      '0.3 mg of Lorazepam cannot be made from the strengths stocked (0.5, 1, 2 mg); choose a dose they add up to.',
    );
    expect(codes(assessDose({ amount: 1.5, frequency: 'daily' }, lorazepam, strict)).refused).toEqual([]);
  });

  it('does not check a limit the formulary leaves empty, and lets a taper’s stop step (0) through', () => {
    const open: DoseMedication = { ...lorazepam, range: { usualSingle: null, maxSingle: null, maxDaily: null } };
    expect(codes(assessDose({ amount: 500, frequency: 'q4h' }, open, strict))).toEqual({ refused: [], needsOverride: [] });
    expect(codes(assessDose({ amount: 0, frequency: 'q4h' }, lorazepam, strict))).toEqual({ refused: [], needsOverride: [] });
  });

  it('checks that a range is in order', () => {
    expect(doseRangeProblems({ usualSingle: 2, maxSingle: 4, maxDaily: 10 })).toEqual([]);
    expect(doseRangeProblems({ usualSingle: 5, maxSingle: 4, maxDaily: 10 })).toEqual([
      'The usual single dose cannot be above the maximum single dose.',
    ]);
    expect(doseRangeProblems({ usualSingle: 2, maxSingle: 12, maxDaily: 10 })).toEqual([
      'The maximum single dose cannot be above the maximum daily dose.',
    ]);
    expect(doseRangeProblems({ usualSingle: 0, maxSingle: null, maxDaily: null })).toHaveLength(1);
  });

  it('every shipped medication has a range in order, a cited source, and a usual dose its strengths can make', () => {
    for (const m of FORMULARY_SEED) {
      expect(doseRangeProblems(m.doseRange), m.name).toEqual([]);
      expect(m.doseRange.maxSingle, m.name).not.toBeNull();
      expect(m.doseRangeSource.length, m.name).toBeGreaterThan(20);
      const usual = assessDose(
        { amount: m.doseRange.usualSingle!, frequency: 'daily' },
        { name: m.name, unit: m.unit, strengths: m.strengths, range: m.doseRange },
        strict,
      );
      expect(usual.refused, m.name).toEqual([]);
    }
  });
});

describe('override reasons', () => {
  it('accepts a reason that says something, at the minimum length', () => {
    expect(overrideReasonProblem('Tolerant; on 6 mg before admission')).toBeNull();
    expect(overrideReasonProblem('a'.repeat(MIN_OVERRIDE_REASON_LENGTH - 3) + ' ok')).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['blank', '    '],
    ['missing', null],
    ['one character short', 'a'.repeat(MIN_OVERRIDE_REASON_LENGTH - 4) + ' ok'],
    ['one long word', 'overrideoverride'],
    ['one word repeated', 'ok ok ok ok ok ok ok'],
    ['one word repeated, cases mixed', 'Yes yes YES yes yes!'],
  ])('refuses %s', (_label, reason) => {
    expect(overrideReasonProblem(reason)).not.toBeNull();
  });
});
