import { DateTime } from 'luxon';

/** An instant (UTC ISO from main) as the clinic's wall-clock time, with the zone's abbreviation. */
export function formatInstant(iso: string, zone: string | null): string {
  const dt = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone ?? 'local');
  return dt.isValid ? dt.toFormat('d LLL yyyy, HH:mm ZZZZ') : iso;
}

/** A calendar date ("YYYY-MM-DD") as people read it; no zone shift, a date is not an instant. */
export function formatDate(isoDate: string | null): string {
  if (!isoDate) return '—';
  const dt = DateTime.fromISO(isoDate, { zone: 'utc' });
  return dt.isValid ? dt.toFormat('d LLL yyyy') : isoDate;
}

/** 'medical_director' -> 'Medical director'. */
export function roleLabel(role: string): string {
  const words = role.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
