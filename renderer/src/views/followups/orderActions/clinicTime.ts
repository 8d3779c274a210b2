import { DateTime } from 'luxon';

/** datetime-local values mean the clinic's wall clock, whatever zone this computer is set to. */
const LOCAL_INPUT = "yyyy-LL-dd'T'HH:mm";

/** Now on the clinic's clock, rounded up to the next 5 minutes (so it is not already past when saved). */
export function nextFiveMinutes(zone: string): string {
  const now = DateTime.now().setZone(zone).startOf('minute');
  return now.plus({ minutes: 5 - (now.minute % 5) }).toFormat(LOCAL_INPUT);
}

/** A datetime-local value read in the clinic's zone, as an ISO instant with its offset; '' when empty or invalid. */
export function localToInstant(local: string, zone: string): string {
  if (!local) return '';
  const dt = DateTime.fromISO(local, { zone });
  return dt.isValid ? (dt.toISO() ?? '') : '';
}
