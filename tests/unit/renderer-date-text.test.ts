import { describe, expect, it } from 'vitest';
import { dateText, dateTimeText, parseDateText, parseDateTimeText } from '../../renderer/src/dateText';

/** The app's date and time inputs (issue 8 item 9): its own format in, the forms' values out. */
describe('date text', () => {
  it('reads dates as people write them, and the ISO form', () => {
    expect(parseDateText('1 Dec 2026')).toBe('2026-12-01');
    expect(parseDateText(' 1  december 2026 ')).toBe('2026-12-01');
    expect(parseDateText('Dec 1, 2026')).toBe('2026-12-01');
    expect(parseDateText('2026-12-01')).toBe('2026-12-01');
    expect(parseDateText('')).toBe('');
  });

  it('refuses what is not one date', () => {
    expect(parseDateText('30 Feb 2026')).toBeNull();
    expect(parseDateText('03/04/2026')).toBeNull();
    expect(parseDateText('tomorrow')).toBeNull();
    expect(parseDateText('1 Dec')).toBeNull();
  });

  it('reads clinic times in 24 hours, never AM/PM', () => {
    expect(parseDateTimeText('1 Dec 2026, 08:00')).toBe('2026-12-01T08:00');
    expect(parseDateTimeText('1 Dec 2026 8:05')).toBe('2026-12-01T08:05');
    expect(parseDateTimeText('2026-12-01T21:30')).toBe('2026-12-01T21:30');
    expect(parseDateTimeText('1 Dec 2026, 24:00')).toBeNull();
    expect(parseDateTimeText('1 Dec 2026, 8:00 PM')).toBeNull();
    expect(parseDateTimeText('1 Dec 2026')).toBeNull();
  });

  it('shows values in the app format', () => {
    expect(dateText('2026-03-08')).toBe('8 Mar 2026');
    expect(dateTimeText('2026-03-08T02:30')).toBe('8 Mar 2026, 02:30');
    expect(dateText('')).toBe('');
  });
});
