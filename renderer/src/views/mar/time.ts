import { DateTime } from 'luxon';

/** "09:00": the clinic's wall-clock time of an instant. */
export const clockTime = (iso: string, zone: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toFormat('HH:mm');

/** "Tue 2 Jun, 09:00": a time that may not be today. */
export const dayAndTime = (iso: string, zone: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toFormat('ccc d LLL, HH:mm');

/** "Tue 2 Jun": a clinic calendar date ("YYYY-MM-DD"). */
export const dayLabel = (date: string) => {
  const dt = DateTime.fromISO(date, { zone: 'utc' });
  return dt.isValid ? dt.toFormat('ccc d LLL') : date;
};
