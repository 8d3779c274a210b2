import { describe, expect, it } from 'vitest';
import { afterDays, dayCount, formatDate, formatInstant } from '../../main/domain/display';

/** The app's one format for times and dates (issue 8 item 9): clinic zone, never a raw ISO instant. */
describe('display formats', () => {
  it('writes an instant on the clinic clock, across a DST change', () => {
    expect(formatInstant('2026-03-08T06:59:00.000Z', 'America/New_York')).toBe('8 Mar 2026, 01:59 EST');
    expect(formatInstant('2026-03-08T07:00:00.000Z', 'America/New_York')).toBe('8 Mar 2026, 03:00 EDT');
    expect(formatInstant('2026-11-01T12:00:00Z', 'Europe/London')).toBe('1 Nov 2026, 12:00 GMT');
    expect(formatInstant('not a time', 'America/New_York')).toBe('an unreadable time');
  });

  it('writes a calendar date without a zone shift', () => {
    expect(formatDate('2026-11-30')).toBe('30 Nov 2026');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('2026-02-30')).toBe('an unreadable date');
  });

  it('counts days in words, never "0 day(s)"', () => {
    expect(afterDays(0)).toBe('the same day');
    expect(afterDays(1)).toBe('after 1 day');
    expect(afterDays(14)).toBe('after 14 days');
    expect(dayCount(1)).toBe('1 day');
    expect(dayCount(3)).toBe('3 days');
  });
});
