import { describe, expect, it } from 'vitest';
import { dosesFallOn } from '../../main/domain/schedule';

/** Which patients can have a staff-given dose on a clinic-local date (Today's doses loads only theirs). */
const pattern = { weekdays: [1, 3, 5], absences: ['2026-12-02'], extraDays: ['2026-12-03'] };

describe('dosesFallOn', () => {
  it('is every day for a resident, with or without program days', () => {
    expect(dosesFallOn('2026-12-01', 'facility', null)).toBe(true);
    expect(dosesFallOn('2026-12-06', 'facility', pattern)).toBe(true);
  });

  it('is program days only for a home patient: the pattern, minus absences, plus extra days', () => {
    expect(dosesFallOn('2026-11-30', 'home', pattern)).toBe(true); // Monday
    expect(dosesFallOn('2026-12-01', 'home', pattern)).toBe(false); // Tuesday
    expect(dosesFallOn('2026-12-02', 'home', pattern)).toBe(false); // Wednesday, absent
    expect(dosesFallOn('2026-12-03', 'home', pattern)).toBe(true); // Thursday, extra day
    expect(dosesFallOn('2026-12-01', 'home', null)).toBe(false); // no program days set
  });

  it('refuses a date or a weekday it cannot read', () => {
    expect(() => dosesFallOn('2026-02-30', 'home', pattern)).toThrow(/calendar date/);
    expect(() => dosesFallOn('2026-12-01', 'home', { weekdays: [8], absences: [], extraDays: [] })).toThrow(/Program weekday 8/);
  });
});
