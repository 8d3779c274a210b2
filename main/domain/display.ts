import { DateTime } from 'luxon';

/**
 * The app's one way of writing times and dates, for the screen, prints, exports and the messages
 * main sends (issue 8 item 9: no raw UTC ISO instants in front of people). The renderer's
 * format.ts re-exports these, so screen and messages read the same.
 */
export const INSTANT_FORMAT = 'd LLL yyyy, HH:mm ZZZZ';
export const DATE_FORMAT = 'd LLL yyyy';

/** An instant (UTC ISO) on the clinic's wall clock, with the zone's abbreviation: "8 Mar 2026, 09:00 EST". */
export function formatInstant(iso: string, zone: string | null): string {
  const dt = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone ?? 'local');
  return dt.isValid ? dt.toFormat(INSTANT_FORMAT) : 'an unreadable time';
}

/** A calendar date ("YYYY-MM-DD") as people read it: "8 Mar 2026". No zone shift: a date is not an instant. */
export function formatDate(isoDate: string | null): string {
  if (!isoDate) return '—';
  const dt = DateTime.fromISO(isoDate, { zone: 'utc' });
  return dt.isValid ? dt.toFormat(DATE_FORMAT) : 'an unreadable date';
}

/** "the same day", "after 1 day", "after 14 days": never "after 0 day(s)". */
export function afterDays(days: number): string {
  if (days === 0) return 'the same day';
  return `after ${days} ${Math.abs(days) === 1 ? 'day' : 'days'}`;
}

/** "1 day", "3 days". */
export function dayCount(days: number): string {
  return `${days} ${Math.abs(days) === 1 ? 'day' : 'days'}`;
}
