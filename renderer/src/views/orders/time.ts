import { DateTime } from 'luxon';

/**
 * The clinic's wall clock and the instants main stores. Every datetime-local input means a time
 * in the clinic's zone, whatever zone this computer is set to.
 */
const LOCAL_INPUT = "yyyy-LL-dd'T'HH:mm";

/** A datetime-local value read in the clinic's zone, as a UTC instant; null when empty or invalid. */
export function localToInstant(local: string, zone: string): string | null {
  if (!local) return null;
  const dt = DateTime.fromISO(local, { zone });
  return dt.isValid ? dt.toUTC().toISO() : null;
}

/** An instant as a datetime-local value on the clinic's wall clock. */
export function instantToLocal(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toFormat(LOCAL_INPUT);
}

/** Now on the clinic's clock, rounded up to the next 5 minutes (a start that is not already past). */
export function nowLocal(zone: string): string {
  const now = DateTime.now().setZone(zone);
  const rounded = now.startOf('minute').plus({ minutes: 5 - (now.minute % 5) });
  return rounded.toFormat(LOCAL_INPUT);
}

/** The same wall-clock time `days` calendar days later (a week across a DST change is 7 days, not 168 h). */
export function addLocalDays(local: string, days: number, zone: string): string {
  const dt = DateTime.fromISO(local, { zone });
  return dt.isValid ? dt.plus({ days }).toFormat(LOCAL_INPUT) : local;
}

/** The calendar date ("YYYY-MM-DD") an instant falls on in the clinic's zone. */
export function localDateOf(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toISODate() ?? iso.slice(0, 10);
}
