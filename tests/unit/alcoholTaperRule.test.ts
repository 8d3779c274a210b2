import { describe, expect, it } from 'vitest';
import { DEFAULT_TAPER_RATE, isAlcoholWithdrawalIndication, taperRateFindings, taperRuleFor, type DailyPoint } from '../../main/domain/taperRate';

/**
 * The clinical decision of issue 8 item 4: alcohol-withdrawal tapers (a withdrawal-management
 * drug ordered for alcohol withdrawal) get the medical director's own speed limit; until it is
 * set, and for every other order, the benzodiazepine rule stands.
 */
const NY = 'America/New_York';
const point = (effectiveFrom: string, total: number): DailyPoint => ({ effectiveFrom, dailyTotal: total });
const alcoholOrder = { indication: 'Alcohol withdrawal', withdrawalManagementDrug: true };
const DIRECTOR = { maxPercent: 50, perDays: 2 };

describe('isAlcoholWithdrawalIndication', () => {
  it.each(['Alcohol withdrawal', 'alcohol withdrawal syndrome', 'ALCOHOL-WITHDRAWAL', 'AWS', 'Ethanol withdrawal, CIWA-guided', 'EtOH withdrawal'])(
    'reads %j as alcohol withdrawal',
    (indication) => expect(isAlcoholWithdrawalIndication(indication)).toBe(true),
  );
  it.each(['Benzodiazepine withdrawal', 'Alcohol use disorder', 'Anxiety', 'withdrawal', 'alcoholwithdrawal', 'paws', 'Alcohol withdrawl', ''])(
    'does not read %j as alcohol withdrawal (the stricter rule stays)',
    (indication) => expect(isAlcoholWithdrawalIndication(indication)).toBe(false),
  );
});

describe('taperRuleFor', () => {
  it('keeps the benzodiazepine rule until the director sets both numbers', () => {
    expect(taperRuleFor(alcoholOrder, DEFAULT_TAPER_RATE, { maxPercent: null, perDays: null })).toBe(DEFAULT_TAPER_RATE);
    expect(taperRuleFor(alcoholOrder, DEFAULT_TAPER_RATE, { maxPercent: 50, perDays: null })).toBe(DEFAULT_TAPER_RATE);
    expect(taperRuleFor(alcoholOrder, DEFAULT_TAPER_RATE, { maxPercent: null, perDays: 2 })).toBe(DEFAULT_TAPER_RATE);
  });

  it("gives an alcohol-withdrawal order of a withdrawal-management drug the director's limit, and no other order", () => {
    expect(taperRuleFor(alcoholOrder, DEFAULT_TAPER_RATE, DIRECTOR)).toEqual({ ...DIRECTOR, kind: 'alcohol_withdrawal' });
    // Lorazepam for anxiety, or a drug not flagged for withdrawal management, keeps the slow rule.
    expect(taperRuleFor({ indication: 'Anxiety', withdrawalManagementDrug: true }, DEFAULT_TAPER_RATE, DIRECTOR)).toBe(DEFAULT_TAPER_RATE);
    expect(taperRuleFor({ indication: 'Alcohol withdrawal', withdrawalManagementDrug: false }, DEFAULT_TAPER_RATE, DIRECTOR)).toBe(DEFAULT_TAPER_RATE);
  });
});

describe("the director's limit applied", () => {
  const rule = taperRuleFor(alcoholOrder, DEFAULT_TAPER_RATE, DIRECTOR);
  const start = [point('2026-06-01T12:00:00.000Z', 100)];

  it('passes exactly 50 % in 2 days, fails slightly more, and says whose limit it is', () => {
    expect(taperRateFindings(start, [point('2026-06-03T12:00:00.000Z', 50)], rule, NY, 'mg')).toEqual([]);
    const over = taperRateFindings(start, [point('2026-06-03T12:00:00.000Z', 49)], rule, NY, 'mg');
    expect(over.map((f) => f.percent)).toEqual([51]);
    expect(over[0].message).toContain('The medical director allows at most 50 % every 2 days for an alcohol-withdrawal taper');
    // The same step under the benzodiazepine rule is refused far sooner (the behaviour until the director decides).
    expect(taperRateFindings(start, [point('2026-06-03T12:00:00.000Z', 74)], DEFAULT_TAPER_RATE, NY, 'mg')[0].message).toContain(
      'The clinic allows at most 25 % every 14 days for a benzodiazepine or barbiturate',
    );
  });

  it('a usual four-day chlordiazepoxide taper (100, 75, 50, 25 mg a day) passes a director\'s 50 % a day but not the benzodiazepine rule', () => {
    const daily = taperRuleFor(alcoholOrder, DEFAULT_TAPER_RATE, { maxPercent: 50, perDays: 1 });
    const steps = [point('2026-06-02T12:00:00.000Z', 75), point('2026-06-03T12:00:00.000Z', 50), point('2026-06-04T12:00:00.000Z', 25)];
    expect(taperRateFindings(start, steps, daily, NY, 'mg')).toEqual([]);
    // Under the director's 50 % every 2 days the last step is 66.7 % below the 75 mg of 2 days before.
    expect(taperRateFindings(start, steps, rule, NY, 'mg').map((f) => f.percent)).toEqual([66.7]);
    expect(taperRateFindings(start, steps, DEFAULT_TAPER_RATE, NY, 'mg').map((f) => f.index)).toEqual([1, 2]);
  });

  it('counts the days as calendar days across the spring DST change, not 24-hour blocks', () => {
    // One day = the same wall-clock time the day before. 24 hours before 08:00 EDT on 8 Mar is
    // 07:00 EST on 7 Mar, before the 80 mg step at 07:30; the calendar day before is 08:00 EST, after it.
    const oneDay = taperRuleFor(alcoholOrder, DEFAULT_TAPER_RATE, { maxPercent: 50, perDays: 1 });
    const history = [point('2026-03-01T14:00:00.000Z', 100), point('2026-03-07T12:30:00.000Z', 80)];
    expect(taperRateFindings(history, [point('2026-03-08T12:00:00.000Z', 40)], oneDay, NY, 'mg')).toEqual([]);
    // A minute earlier than 07:30 on the day before would be outside: against 100, 40 is 60 % below.
    const later = [point('2026-03-01T14:00:00.000Z', 100), point('2026-03-07T13:01:00.000Z', 80)];
    expect(taperRateFindings(later, [point('2026-03-08T12:00:00.000Z', 40)], oneDay, NY, 'mg').map((f) => f.percent)).toEqual([60]);
  });
});
