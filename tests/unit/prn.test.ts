import { describe, expect, it } from 'vitest';
import { checkPrnDose, checkPrnEligibility, nextPrnAllowedAt, type PrnEligibilityArgs } from '../../main/domain/prn';

const T = (hhmm: string, day = '2026-03-10') => `${day}T${hhmm}:00.000Z`;

describe('checkPrnDose: minimum interval', () => {
  const limits = { maxDoses24h: null, minIntervalMinutes: 240 };

  it('allows a first dose', () => {
    expect(checkPrnDose({ ...limits, maxDoses24h: 4, priorGivenTimes: [], at: T('10:00') })).toBeNull();
  });

  it('refuses a dose one minute inside the interval', () => {
    expect(checkPrnDose({ ...limits, priorGivenTimes: [T('10:00')], at: T('13:59') })).toEqual({
      code: 'prn_interval',
      message:
        'PRN interval too short: this dose would be 239 minutes after the last dose (minimum 240 minutes). Next dose allowed from 2026-03-10T14:00:00.000Z.',
      nextAllowedAt: T('14:00'),
    });
  });

  it('allows a dose exactly at the interval boundary', () => {
    expect(checkPrnDose({ ...limits, priorGivenTimes: [T('10:00')], at: T('14:00') })).toBeNull();
  });

  it('measures from the latest dose, whatever the input order and offsets', () => {
    const r = checkPrnDose({ ...limits, priorGivenTimes: [T('11:00'), '2026-03-10T04:00:00-05:00'], at: T('12:00') });
    expect(r?.nextAllowedAt).toBe(T('15:00'));
    expect(r?.message).toMatch(/60 minutes after the last dose/);
  });

  it('counts a dose charted later in time (late charting) as too close too', () => {
    const r = checkPrnDose({ ...limits, priorGivenTimes: [T('12:00')], at: T('11:30') });
    expect(r?.code).toBe('prn_interval');
    expect(r?.message).toMatch(/30 minutes before a recorded dose/);
    expect(r?.nextAllowedAt).toBe(T('16:00'));
  });
});

describe('checkPrnDose: maximum per rolling 24 hours', () => {
  const limits = { maxDoses24h: 3, minIntervalMinutes: null };
  const given = [T('08:00'), T('12:00'), T('16:00')];

  it('allows doses up to the maximum', () => {
    expect(checkPrnDose({ ...limits, priorGivenTimes: given.slice(0, 2), at: T('20:00') })).toBeNull();
  });

  it('refuses one more inside the window and says when the oldest dose drops out', () => {
    expect(checkPrnDose({ ...limits, priorGivenTimes: given, at: T('07:59', '2026-03-11') })).toEqual({
      code: 'prn_max',
      message:
        'PRN maximum reached: 3 doses given in the 24 hours before this one (limit 3). Next dose allowed from 2026-03-11T08:00:00.000Z.',
      nextAllowedAt: T('08:00', '2026-03-11'),
    });
  });

  it('no longer counts a dose given exactly 24 hours before', () => {
    expect(checkPrnDose({ ...limits, priorGivenTimes: given, at: T('08:00', '2026-03-11') })).toBeNull();
  });

  it('counts a dose given 24 hours less one millisecond before', () => {
    const r = checkPrnDose({ ...limits, priorGivenTimes: given, at: '2026-03-11T07:59:59.999Z' });
    expect(r?.code).toBe('prn_max');
  });

  it('ignores doses older than 24 hours', () => {
    expect(checkPrnDose({ ...limits, priorGivenTimes: [T('08:00', '2026-03-09'), ...given.slice(1)], at: T('20:00') })).toBeNull();
  });

  it('with a maximum of one, the next dose is a day later', () => {
    const r = checkPrnDose({ maxDoses24h: 1, minIntervalMinutes: 60, priorGivenTimes: [T('08:00')], at: T('08:30') });
    expect(r?.code).toBe('prn_max');
    expect(r?.nextAllowedAt).toBe(T('08:00', '2026-03-11'));
  });
});

describe('checkPrnDose: both limits', () => {
  it('reports the maximum and a next time that satisfies both', () => {
    const r = checkPrnDose({ maxDoses24h: 2, minIntervalMinutes: 60, priorGivenTimes: [T('08:00'), T('09:00')], at: T('09:30') });
    expect(r?.code).toBe('prn_max');
    expect(r?.nextAllowedAt).toBe(T('08:00', '2026-03-11'));
  });

  it('finds a next time past an interval that the window alone would allow', () => {
    // At 08:00 on the 11th the 08:00 dose drops out, but a dose at 07:30 on the 11th is too close.
    const r = checkPrnDose({
      maxDoses24h: 2,
      minIntervalMinutes: 120,
      priorGivenTimes: [T('08:00'), T('07:30', '2026-03-11')],
      at: T('07:45', '2026-03-11'),
    });
    expect(r?.code).toBe('prn_max');
    expect(r?.nextAllowedAt).toBe(T('09:30', '2026-03-11'));
  });

  it('is within limits when neither is set', () => {
    expect(
      checkPrnDose({ maxDoses24h: null, minIntervalMinutes: null, priorGivenTimes: [T('08:00'), T('08:00')], at: T('08:00') }),
    ).toBeNull();
  });
});

describe('checkPrnDose: messages and input', () => {
  it('shows the next time in the clinic zone when given one', () => {
    const r = checkPrnDose({
      maxDoses24h: null,
      minIntervalMinutes: 60,
      priorGivenTimes: [T('13:30')],
      at: T('14:00'),
      zone: 'America/New_York',
    });
    expect(r?.message).toMatch(/Next dose allowed from 10 Mar 2026, 10:30 EDT\.$/);
    expect(r?.nextAllowedAt).toBe(T('14:30'));
  });

  it('rejects impossible limits and malformed times', () => {
    const base = { maxDoses24h: 3, minIntervalMinutes: 60, priorGivenTimes: [] as string[], at: T('10:00') };
    expect(() => checkPrnDose({ ...base, maxDoses24h: 0 })).toThrow(/at least 1/);
    expect(() => checkPrnDose({ ...base, maxDoses24h: 2.5 })).toThrow(/whole number/);
    expect(() => checkPrnDose({ ...base, minIntervalMinutes: -5 })).toThrow(/0 or more/);
    expect(() => checkPrnDose({ ...base, at: '2026-03-10 10:00' })).toThrow(/PRN dose time/);
    expect(() => checkPrnDose({ ...base, priorGivenTimes: ['nope'] })).toThrow(/Prior PRN dose time/);
  });
});

// ---- checkPrnEligibility: both 24-hour limits across the ingredient, interval, symptom trigger ----

const NY = 'America/New_York';
const none = { maxDoses24h: null, maxAmount24h: null, minIntervalMinutes: null, symptomTrigger: null };
const elig = (over: Partial<PrnEligibilityArgs>): ReturnType<typeof checkPrnEligibility> =>
  checkPrnEligibility({
    at: T('12:00'),
    zone: NY,
    order: none,
    amount: 1,
    unit: 'mg',
    priorDosesThisOrder: [],
    ingredientDoses: [],
    scores: [],
    symptomWindowMinutes: 60,
    ...over,
  });

describe('checkPrnEligibility: maximum amount per 24 hours across every order of the ingredient', () => {
  // Lorazepam: a scheduled 1 mg twice daily (order A) plus a PRN 1 mg (order B); cap 4 mg a day.
  const order = { ...none, maxAmount24h: 4 };
  const scheduledA = [
    { at: T('13:00', '2026-03-09'), amount: 1 },
    { at: T('01:00'), amount: 1 },
  ];
  const prnB = [{ at: T('05:00'), amount: 1 }];

  it('allows a dose that brings the sum to exactly the cap', () => {
    expect(elig({ order, ingredientDoses: [...scheduledA, ...prnB], at: T('12:00') })).toBeNull();
  });

  it('refuses a dose that passes the cap summed across both orders, with the total and the next time', () => {
    const r = elig({ order, amount: 2, ingredientDoses: [...scheduledA, ...prnB], at: T('12:00') });
    expect(r).toEqual({
      code: 'prn_amount',
      message:
        '24-hour maximum reached: 3 mg of this medication has been given in the 24 hours before Tue 10 Mar 08:00 across all its orders, and 2 mg more would make 5 mg (maximum 4 mg). Next 2 mg dose allowed from Tue 10 Mar 09:00.',
      totalSoFar: 3,
      nextAllowedAt: T('13:00'), // when the 13:00 UTC dose of the 9th leaves the window
    });
  });

  it('counts neither order alone: each is under the cap by itself', () => {
    expect(elig({ order, amount: 2, ingredientDoses: scheduledA })).toBeNull();
    expect(elig({ order, amount: 2, ingredientDoses: prnB })).toBeNull();
  });

  it('lets go exactly 24 hours after a dose, not a millisecond before', () => {
    const doses = [{ at: T('12:00', '2026-03-09'), amount: 4 }];
    expect(elig({ order, ingredientDoses: doses, at: T('12:00') })).toBeNull();
    expect(elig({ order, ingredientDoses: doses, at: '2026-03-10T11:59:59.999Z' })?.code).toBe('prn_amount');
  });

  it('sums decimal amounts without floating-point drift', () => {
    const doses = [0.1, 0.2].map((amount, i) => ({ at: T(`0${i + 1}:00`), amount }));
    expect(elig({ order: { ...none, maxAmount24h: 0.6 }, amount: 0.3, ingredientDoses: doses })).toBeNull();
  });

  it('never allows an amount above the cap on its own', () => {
    const r = elig({ order, amount: 5 });
    expect(r?.code).toBe('prn_amount');
    expect(r?.nextAllowedAt).toBeNull();
    expect(r?.message).toBe('5 mg is more than the 24-hour maximum of 4 mg on its own. Check the dose with the prescriber.');
  });
});

describe('checkPrnEligibility: a 24-hour window across midnight and a DST change', () => {
  // 14:00 EDT Saturday 31 Oct; 24 real hours later is 13:00 EST Sunday 1 Nov (the clocks fell back).
  const given = '2026-10-31T18:00:00.000Z';
  const order = { ...none, maxDoses24h: 1 };

  it('refuses a millisecond before 24 real hours and says the wall time in the clinic zone', () => {
    const r = elig({ order, priorDosesThisOrder: [given], at: '2026-11-01T17:59:59.999Z' });
    expect(r?.code).toBe('prn_max');
    expect(r?.nextAllowedAt).toBe('2026-11-01T18:00:00.000Z');
    expect(r?.message).toBe(
      'This order allows 1 PRN dose in 24 hours, and 1 has been given in the 24 hours before Sun 1 Nov 12:59. Next dose allowed from Sun 1 Nov 13:00.',
    );
  });

  it('allows the dose exactly 24 hours later', () => {
    expect(elig({ order, priorDosesThisOrder: [given], at: '2026-11-01T18:00:00.000Z' })).toBeNull();
  });
});

describe('checkPrnEligibility: count, interval and their order', () => {
  it('refuses inside the interval and names the last dose', () => {
    const r = elig({ order: { ...none, minIntervalMinutes: 240 }, priorDosesThisOrder: [T('10:30')], at: T('12:00') });
    expect(r).toEqual({
      code: 'prn_interval',
      message:
        'Too soon: the last PRN dose was given Tue 10 Mar 06:30, 90 minutes before; this order needs at least 240 minutes between doses. Next dose allowed from Tue 10 Mar 10:30.',
      nextAllowedAt: T('14:30'),
    });
    expect(elig({ order: { ...none, minIntervalMinutes: 240 }, priorDosesThisOrder: [T('08:00')], at: T('12:00') })).toBeNull();
  });

  it('reports the count before the amount, and a next time that passes all limits', () => {
    const order = { ...none, maxDoses24h: 2, maxAmount24h: 3, minIntervalMinutes: 60 };
    const own = [T('08:00'), T('11:30')];
    const ingredient = [{ at: T('20:00', '2026-03-09'), amount: 1 }, ...own.map((at) => ({ at, amount: 1 }))];
    const r = elig({ order, priorDosesThisOrder: own, ingredientDoses: ingredient, at: T('12:00') });
    expect(r?.code).toBe('prn_max');
    // 08:00 on the 11th frees the count; the amount was freed at 20:00 on the 10th; the interval long since.
    expect(r?.nextAllowedAt).toBe(T('08:00', '2026-03-11'));
  });

  it('leaves entered-in-error doses to the caller: only the doses passed count', () => {
    expect(elig({ order: { ...none, maxDoses24h: 1 }, priorDosesThisOrder: [], at: T('12:00') })).toBeNull();
  });
});

describe('checkPrnEligibility: symptom trigger', () => {
  const order = { ...none, symptomTrigger: { scale: 'CIWA-Ar' as const, minScore: 10 } };

  it('allows a dose with a qualifying score within the window, edge included', () => {
    expect(elig({ order, scores: [{ scale: 'CIWA-Ar', total: 10, at: T('11:00') }] })).toBeNull();
  });

  it('refuses with no score, a score a minute too old, too low, on the other scale, or after the dose', () => {
    for (const s of [
      { scale: 'CIWA-Ar' as const, total: 12, at: T('10:59') },
      { scale: 'CIWA-Ar' as const, total: 9, at: T('11:30') },
      { scale: 'COWS' as const, total: 20, at: T('11:30') },
      { scale: 'CIWA-Ar' as const, total: 15, at: T('12:01') },
    ]) {
      expect(elig({ order, scores: [s] })?.code).toBe('prn_symptom');
    }
    expect(elig({ order })).toEqual({
      code: 'prn_symptom',
      message:
        'This PRN is given for withdrawal symptoms and needs a CIWA-Ar score of 10 or more first: no CIWA-Ar score has been recorded in the 60 minutes before Tue 10 Mar 08:00. Record a CIWA-Ar score now.',
      nextAllowedAt: null,
    });
    expect(elig({ order, scores: [{ scale: 'CIWA-Ar', total: 9, at: T('11:30') }] })?.message).toMatch(
      /the latest CIWA-Ar in the 60 minutes before is 9 \(Tue 10 Mar 07:30\)/,
    );
  });

  it('rejects impossible limits', () => {
    expect(() => elig({ order: { ...none, maxAmount24h: 0 } })).toThrow(/more than 0/);
    expect(() => elig({ amount: -1 })).toThrow(/more than 0/);
    expect(() => elig({ order: { ...none, maxDoses24h: 1.5 } })).toThrow(/whole number/);
    expect(() => elig({ symptomWindowMinutes: -1 })).toThrow(/0 or more/);
  });
});

describe('nextPrnAllowedAt', () => {
  const base = {
    zone: NY,
    unit: 'mg',
    amount: 1,
    priorDosesThisOrder: [] as string[],
    ingredientDoses: [] as { at: string; amount: number }[],
  };

  it('says a dose may be given now, ignoring the symptom trigger (asked at the time of giving)', () => {
    const order = { ...none, symptomTrigger: { scale: 'COWS' as const, minScore: 8 } };
    expect(nextPrnAllowedAt({ ...base, order, now: T('12:00') })).toEqual({ allowedNow: true, nextAllowedAt: null });
  });

  it('gives the next allowed time when a limit is reached', () => {
    const r = nextPrnAllowedAt({
      ...base,
      order: { ...none, minIntervalMinutes: 120 },
      priorDosesThisOrder: [T('11:00')],
      now: T('12:00'),
    });
    expect(r).toMatchObject({ allowedNow: false, code: 'prn_interval', nextAllowedAt: T('13:00') });
  });
});
