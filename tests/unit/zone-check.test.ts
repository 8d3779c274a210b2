import { DateTime, IANAZone } from 'luxon';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assertZone, scheduledDoseTimes, DEFAULT_DOSE_TIMES } from '../../main/domain/frequency';
import { assertZone as reviewsAssertZone, localDate } from '../../main/domain/followups';
import { dosesDue } from '../../main/domain/schedule';

/**
 * The clinic zone is checked everywhere a rule uses it, once per zone: Today's doses asks for
 * every dose, and asking Intl each time was its main cost (issue 7 "Speed"). No timings here:
 * what is checked is that Intl is asked once per good zone, and that a bad zone is refused
 * every time, before and after good ones were remembered.
 */
afterEach(() => vi.restoreAllMocks());

describe('assertZone', () => {
  it('is one check for the whole domain', () => {
    expect(reviewsAssertZone).toBe(assertZone);
  });

  it('asks Intl about a good zone only on its first use, however many doses use it', () => {
    const zone = 'Pacific/Chatham'; // a zone no other test in this file uses
    assertZone(zone); // the first use asks; so does luxon, once, when it first builds the zone
    DateTime.fromMillis(0, { zone });
    const isValid = vi.spyOn(IANAZone, 'isValidZone');
    for (let i = 0; i < 50; i++) assertZone(zone);
    scheduledDoseTimes('bid', '2026-11-27', zone, DEFAULT_DOSE_TIMES);
    localDate('2026-11-27T15:00:00Z', zone);
    dosesDue({
      order: { id: 1, frequency: 'bid', administeredBy: 'staff', startAt: '2026-11-01T00:00:00Z', endAt: null, status: 'active', statusChangedAt: null, holds: [], prn: false },
      versions: [{ id: 1, amount: 5, unit: 'mg', frequency: 'bid', effectiveFrom: '2026-11-01T00:00:00Z', voidedAt: null, kind: 'initial' }],
      residence: 'facility',
      programDays: null,
      zone,
      doseTimes: DEFAULT_DOSE_TIMES,
      from: '2026-11-27T00:00:00Z',
      to: '2026-11-29T00:00:00Z',
    });
    expect(isValid.mock.calls.filter(([z]) => z === zone)).toEqual([]);
  });

  it('refuses a bad zone every time, in a clinician-readable message, after good ones were remembered', () => {
    assertZone('America/New_York');
    for (let i = 0; i < 3; i++) {
      expect(() => assertZone('Mars/Olympus')).toThrow('"Mars/Olympus" is not an IANA time zone (for example "America/New_York").');
      expect(() => localDate('2026-11-27T15:00:00Z', 'Eastern')).toThrow(/IANA time zone/);
    }
    expect(() => assertZone('')).toThrow(/IANA/);
  });
});
