import { DateTime } from 'luxon';
import { DATE_FORMAT } from '../../main/domain/display';

/**
 * Dates and clinic times as people type and read them, in the app's one format ("1 Dec 2026",
 * "1 Dec 2026, 08:00", 24-hour), instead of the browser's mm/dd/yyyy with AM/PM (issue 8 item 9).
 * The values exchanged with forms stay what the native inputs gave: "YYYY-MM-DD" and the
 * clinic wall-clock "YYYY-MM-DDTHH:mm", so a form swaps its input without other changes.
 * Slashed dates are refused: 03/04/2026 reads differently in different countries.
 */
const DATE_INPUTS = ['d LLL yyyy', 'd LLLL yyyy', 'd-LLL-yyyy', 'yyyy-LL-dd', 'd LLL, yyyy', 'LLL d yyyy', 'LLL d, yyyy'];
const WALL = "yyyy-LL-dd'T'HH:mm";
export const DATE_TIME_FORMAT = `${DATE_FORMAT}, HH:mm`;

const tidy = (text: string) => text.trim().replace(/\s+/g, ' ');

/** "1 dec 2026" or "2026-12-01" -> "2026-12-01"; '' for empty; null when it is not a date. */
export function parseDateText(text: string): string | null {
  const t = tidy(text);
  if (t === '') return '';
  for (const f of DATE_INPUTS) {
    const dt = DateTime.fromFormat(t, f, { zone: 'utc', locale: 'en-GB' });
    if (dt.isValid && dt.year >= 1000) return dt.toISODate();
  }
  return null;
}

/** "1 Dec 2026, 08:00", "1 Dec 2026 8:00" or "2026-12-01T08:00" -> "2026-12-01T08:00"; '' for empty; null otherwise. */
export function parseDateTimeText(text: string): string | null {
  const t = tidy(text);
  if (t === '') return '';
  const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}:\d{2})$/.exec(t);
  const [datePart, timePart] = iso ? [iso[1], iso[2]] : splitDateTime(t);
  if (!datePart || !timePart) return null;
  const date = parseDateText(datePart);
  if (!date) return null;
  // 24-hour clock, 00:00 to 23:59 (luxon would read "24:00" as the next midnight).
  const time = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(timePart);
  return time ? `${date}T${time[1].padStart(2, '0')}:${time[2]}` : null;
}

/** "1 Dec 2026, 08:00" -> ["1 Dec 2026", "08:00"]: the time is the last word. */
function splitDateTime(t: string): [string, string] | [null, null] {
  const m = /^(.*?)[,\s]+(\d{1,2}:\d{2})$/.exec(t);
  return m ? [m[1], m[2]] : [null, null];
}

/** "2026-12-01" -> "1 Dec 2026"; what cannot be read is shown as it is, to be corrected. */
export function dateText(value: string): string {
  const dt = DateTime.fromISO(value, { zone: 'utc' });
  return value && dt.isValid ? dt.toFormat(DATE_FORMAT) : value;
}

/** "2026-12-01T08:00" -> "1 Dec 2026, 08:00". */
export function dateTimeText(value: string): string {
  const dt = DateTime.fromFormat(value, WALL, { zone: 'utc' });
  return value && dt.isValid ? dt.toFormat(DATE_TIME_FORMAT) : value;
}
