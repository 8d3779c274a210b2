import { describe, expect, it } from 'vitest';
import { checkPrnDose } from '../../main/domain/prn';

const T = (hhmm: string, day = '2026-03-10') => `${day}T${hhmm}:00.000Z`;

describe('checkPrnDose: minimum interval', () => {
  const limits = { maxDoses24h: null, minIntervalMinutes: 240 };

  it('allows a first dose', () => {
    expect(checkPrnDose({ ...limits, maxDoses24h: 4, priorGivenTimes: [], at: T('10:00') })).toBeNull();
  });

  it('refuses a dose one minute inside the interval', () => {
    expect(checkPrnDose({ ...limits, priorGivenTimes: [T('10:00')], at: T('13:59') })).toEqual({
      code: 'prn_interval',
      message: 'PRN interval too short: this dose would be 239 minutes after the last dose (minimum 240 minutes). Next dose allowed from 2026-03-10T14:00:00.000Z.',
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
      message: 'PRN maximum reached: 3 doses given in the 24 hours before this one (limit 3). Next dose allowed from 2026-03-11T08:00:00.000Z.',
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
    expect(checkPrnDose({ maxDoses24h: null, minIntervalMinutes: null, priorGivenTimes: [T('08:00'), T('08:00')], at: T('08:00') })).toBeNull();
  });
});

describe('checkPrnDose: messages and input', () => {
  it('shows the next time in the clinic zone when given one', () => {
    const r = checkPrnDose({ maxDoses24h: null, minIntervalMinutes: 60, priorGivenTimes: [T('13:30')], at: T('14:00'), zone: 'America/New_York' });
    expect(r?.message).toMatch(/Next dose allowed from 2026-03-10 10:30 EDT\.$/);
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
