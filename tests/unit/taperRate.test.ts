import { describe, expect, it } from 'vitest';
import { DEFAULT_TAPER_RATE, taperRateApplies, taperRateFindings, type DailyPoint } from '../../main/domain/taperRate';
import { dailyTotal } from '../../main/domain/taperDaily';

/**
 * The benzodiazepine and barbiturate taper-speed rule (issue 8 item 4): no more than 25 % of the
 * daily total every 14 days by default, judged against the total 14 calendar days before each step.
 */
const NY = 'America/New_York';
const point = (effectiveFrom: string, total: number): DailyPoint => ({ effectiveFrom, dailyTotal: total });
const base = [point('2026-02-01T14:00:00.000Z', 40)];
const findings = (proposed: DailyPoint[], history = base, rule = DEFAULT_TAPER_RATE) => taperRateFindings(history, proposed, rule, NY, 'mg');

describe('taperRateFindings', () => {
  it('passes exactly 25 % in 14 days and fails slightly more', () => {
    expect(findings([point('2026-02-10T14:00:00.000Z', 30)])).toEqual([]);
    const over = findings([point('2026-02-10T14:00:00.000Z', 29.9)]);
    expect(over.map((f) => [f.index, f.code, f.percent])).toEqual([[0, 'taper_too_fast', 25.3]]);
    expect(over[0].message).toBe(
      'Step 1 (10 Feb 2026, 09:00 EST) lowers the daily total to 29.9 mg, 25.3 % below the 40 mg a day of 14 days before. The clinic allows at most 25 % every 14 days for a benzodiazepine or barbiturate: stopping faster risks seizures and withdrawal delirium.',
    );
  });

  it('judges a multi-step plan against the total 14 days before each step, not the step before', () => {
    // 40 -> 30 (day 0) -> 22.5 (day 14) passes: each is 25 % of what stood 14 days earlier.
    expect(findings([point('2026-02-10T14:00:00.000Z', 30), point('2026-02-24T14:00:00.000Z', 22.5)])).toEqual([]);
    // The second step one minute early: 14 days before it, 40 was still in effect; 22.5 is 43.8 % below.
    const early = findings([point('2026-02-10T14:00:00.000Z', 30), point('2026-02-24T13:59:00.000Z', 22.5)]);
    expect(early.map((f) => [f.index, f.percent])).toEqual([[1, 43.8]]);
    // Two 10 % steps a week apart pass on their own, but a third in the same fortnight does not.
    const weekly = findings([point('2026-02-10T14:00:00.000Z', 36), point('2026-02-17T14:00:00.000Z', 32), point('2026-02-21T14:00:00.000Z', 29)]);
    expect(weekly.map((f) => f.index)).toEqual([2]);
  });

  it('says "stops the drug" for a stop, and counts frequency-reduction steps by their daily total', () => {
    const stop = findings([point('2026-02-10T14:00:00.000Z', 0)]);
    expect(stop[0].message).toMatch(/^Step 1 \(.*\) stops the drug, 100 % below the 40 mg a day/);
    // Chlordiazepoxide 25 mg four times daily (100 mg) -> three times daily (75 mg): exactly 25 %.
    const qid = [point('2026-02-01T14:00:00.000Z', dailyTotal(25, 'qid'))];
    expect(findings([point('2026-02-04T14:00:00.000Z', dailyTotal(25, 'tid'))], qid)).toEqual([]);
    // ...then twice daily three days later: 50 mg is half of the 100 mg of 14 days before.
    const fast = findings([point('2026-02-04T14:00:00.000Z', dailyTotal(25, 'tid')), point('2026-02-07T14:00:00.000Z', dailyTotal(25, 'bid'))], qid);
    expect(fast.map((f) => [f.index, f.percent])).toEqual([[1, 50]]);
  });

  it('counts 14 calendar days in the clinic zone across a DST change', () => {
    // Spring forward on 8 March 2026. 30 mg a day from 09:00 EST on 7 March (14:00Z); a step at
    // 09:00 EDT on 21 March (13:00Z) is exactly 14 calendar days later, so 30 is the reference and
    // 22.5 passes. Counted as 14 x 24 hours, the window would start at 13:00Z on 7 March, before
    // the 30 took effect, and the step would wrongly be judged against 40.
    const history = [point('2026-02-20T14:00:00.000Z', 40), point('2026-03-07T14:00:00.000Z', 30)];
    expect(findings([point('2026-03-21T13:00:00.000Z', 22.5)], history)).toEqual([]);
    expect(findings([point('2026-03-21T12:59:00.000Z', 22.5)], history).map((f) => f.index)).toEqual([0]);
  });

  it('uses the clinic setting, and the first known total before the order began', () => {
    const slow = { maxPercent: 10, perDays: 28 };
    expect(findings([point('2026-02-10T14:00:00.000Z', 36)], base, slow)).toEqual([]);
    expect(findings([point('2026-02-10T14:00:00.000Z', 35)], base, slow).map((f) => f.percent)).toEqual([12.5]);
    // An order started 3 days ago: a 50 % cut now is judged against its starting dose.
    expect(findings([point('2026-02-04T14:00:00.000Z', 20)]).map((f) => f.percent)).toEqual([50]);
    expect(() => findings([point('2026-02-10T14:00:00.000Z', 30)], base, { maxPercent: 0, perDays: 14 })).toThrow(/above 0/);
    expect(() => findings([point('2026-02-10T14:00:00.000Z', 30)], base, { maxPercent: 25, perDays: 0.5 })).toThrow(/whole number/);
  });

  it('applies to benzodiazepines and barbiturates only', () => {
    expect(taperRateApplies({ drugClass: 'benzodiazepine', sedatingClass: 'benzodiazepine' })).toBe(true);
    expect(taperRateApplies({ drugClass: 'barbiturate', sedatingClass: null })).toBe(true);
    expect(taperRateApplies({ drugClass: 'opioid agonist', sedatingClass: 'opioid' })).toBe(false);
    expect(taperRateApplies({ drugClass: 'anticonvulsant', sedatingClass: 'gabapentinoid' })).toBe(false);
  });
});
