import { DateTime } from 'luxon';

/**
 * The clinical range every date and instant entering the app is held to (contract, files,
 * command line all validate through main/ipc/contract/common.ts, which calls this). Outside it
 * a value is a typo or a probe, never care: "9999-12-31" once broke every review screen, and
 * "+275760-09-13T00:00:00Z" is at the edge of what a JavaScript Date can hold.
 *
 * Windows are relative to the instant of validation (the app's clock), so they move with time
 * and with the tests' clock:
 *  - record: anything a record may mention (audit filters, generic instants):
 *            1900-01-01 up to 100 years from now;
 *  - birth:  a date of birth: 1900-01-01 up to today (a day of slack for zones ahead of UTC);
 *  - care:   when care happens (admission, discharge, review due dates, order and dose times):
 *            10 years back to 5 years ahead.
 */
export type DateWindow = 'record' | 'birth' | 'care';

const EARLIEST = DateTime.fromISO('1900-01-01', { zone: 'utc' });

export function windowAt(window: DateWindow, now: Date): { from: DateTime; to: DateTime } {
  const today = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('day');
  switch (window) {
    case 'record':
      return { from: EARLIEST, to: today.plus({ years: 100 }) };
    case 'birth':
      return { from: EARLIEST, to: today.plus({ days: 1 }) };
    case 'care':
      return { from: today.minus({ years: 10 }), to: today.plus({ years: 5 }) };
  }
}

const day = (d: DateTime) => d.toISODate() as string;

/**
 * Why a calendar date (YYYY-MM-DD, already known to exist) is outside its window at `now`,
 * in a clinician's words; null when it is inside. Both ends are inclusive.
 */
export function dateOutOfRange(date: string, window: DateWindow, now: Date): string | null {
  const { from, to } = windowAt(window, now);
  if (date >= day(from) && date <= day(to)) return null;
  return window === 'birth'
    ? `A date of birth must be between ${day(from)} and today.`
    : `Enter a date between ${day(from)} and ${day(to)}.`;
}

/** The same for an instant (milliseconds since the epoch): inside the window's first and last day. */
export function instantOutOfRange(ms: number, window: DateWindow, now: Date): string | null {
  const { from, to } = windowAt(window, now);
  if (Number.isFinite(ms) && ms >= from.toMillis() && ms < to.plus({ days: 1 }).toMillis()) return null;
  return `Enter a time between ${day(from)} and ${day(to)}.`;
}
