import { DateTime, IANAZone } from 'luxon';
import { formatInstant } from './display';

/**
 * Dose frequencies and the clock times scheduled doses fall on.
 *
 * Codes are internal identifiers only. What a person reads comes from frequencyInWords, which
 * never uses the Joint Commission "Do Not Use" abbreviations (QD, QOD and their variants) or the
 * ISMP error-prone ones (HS, qhs, q1d, TIW): "once daily" is never misread as "four times daily".
 */
export const FREQUENCIES = [
  'once',
  'daily',
  'bid',
  'tid',
  'qid',
  'q4h',
  'q6h',
  'q8h',
  'q12h',
  'at_bedtime',
  'every_other_day',
  'weekly',
  'prn',
] as const;

export type Frequency = (typeof FREQUENCIES)[number];

/** Local "HH:mm" clock times for each frequency: the clinic's standard administration times. */
export type DoseTimes = Readonly<Partial<Record<Frequency, readonly string[]>>>;

const WORDS: Readonly<Record<Frequency, string>> = {
  once: 'single dose',
  daily: 'once daily',
  bid: 'twice daily',
  tid: 'three times daily',
  qid: 'four times daily',
  q4h: 'every 4 hours',
  q6h: 'every 6 hours',
  q8h: 'every 8 hours',
  q12h: 'every 12 hours',
  at_bedtime: 'at bedtime',
  every_other_day: 'every other day',
  weekly: 'once weekly',
  prn: 'as needed',
};

/** How many times a day each scheduled frequency is given, for checking the settings. */
const TIMES_PER_DAY: Readonly<Record<Frequency, number>> = {
  once: 0,
  prn: 0,
  daily: 1,
  at_bedtime: 1,
  every_other_day: 1,
  weekly: 1,
  bid: 2,
  q12h: 2,
  tid: 3,
  q8h: 3,
  qid: 4,
  q6h: 4,
  q4h: 6,
};

/**
 * The most doses a frequency gives in one day, for the maximum-daily-dose check: a single dose
 * counts once, every other day and weekly count as the day they fall on, and PRN counts the
 * order's own maximum per 24 hours (the caller passes it; none means none may be checked).
 */
export function dosesPerDay(code: Frequency, prnMaxDoses24h?: number | null): number {
  if (!isFrequency(code)) throw new RangeError(`Unknown frequency "${String(code)}".`);
  if (code === 'once') return 1;
  if (code === 'prn') return prnMaxDoses24h ?? 0;
  return TIMES_PER_DAY[code];
}

const INTERVAL_HOURS: Readonly<Partial<Record<Frequency, number>>> = { q4h: 4, q6h: 6, q8h: 8, q12h: 12 };

/** Days between doses for the frequencies that skip days, counted from the order's start date. */
const CADENCE_DAYS: Readonly<Partial<Record<Frequency, number>>> = { every_other_day: 2, weekly: 7 };

export const DEFAULT_DOSE_TIMES: Readonly<Record<Frequency, readonly string[]>> = Object.freeze({
  once: [],
  prn: [],
  daily: ['09:00'],
  bid: ['09:00', '21:00'],
  tid: ['08:00', '14:00', '20:00'],
  qid: ['08:00', '12:00', '16:00', '20:00'],
  q4h: ['00:00', '04:00', '08:00', '12:00', '16:00', '20:00'],
  q6h: ['00:00', '06:00', '12:00', '18:00'],
  q8h: ['06:00', '14:00', '22:00'],
  q12h: ['09:00', '21:00'],
  at_bedtime: ['21:00'],
  every_other_day: ['09:00'],
  weekly: ['09:00'],
});

export function isFrequency(value: string): value is Frequency {
  return (FREQUENCIES as readonly string[]).includes(value);
}

export function frequencyInWords(code: Frequency): string {
  if (!isFrequency(code)) throw new RangeError(`Unknown frequency "${String(code)}".`);
  return WORDS[code];
}

/** True for frequencies that put doses on the MAR at set times (not PRN, not a single dose). */
export function isScheduledFrequency(code: Frequency): boolean {
  return TIMES_PER_DAY[code] > 0;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T[^ ]+(Z|[+-]\d{2}(:?\d{2})?)$/i;

function minutesOf(hhmm: string): number {
  const m = HH_MM.exec(hhmm);
  if (!m) throw new RangeError(`Dose time "${hhmm}" is not a 24-hour "HH:mm" time.`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** A frequency's name at the start of a sentence: "Twice daily". */
const capitalised = (code: Frequency) => WORDS[code].charAt(0).toUpperCase() + WORDS[code].slice(1);

export interface DoseTimeProblem {
  frequency: Frequency;
  /** In a clinician's words, naming the frequency: "Twice daily needs 2 dose times; 1 entered." */
  message: string;
}

/**
 * Problems with a clinic's dose times, one per frequency at most, each naming the frequency:
 * the wrong number of times for it, a time that is not a 24-hour "HH:mm", a time entered twice,
 * every-N-hours times not N hours apart around the clock, and times on "as needed" or a single
 * dose (they have none). With `ordered` (a new entry on the settings screen) the times must also
 * be listed earliest first, as the MAR reads across the day; stored values written before that
 * rule (every 8 hours as 22:00, 06:00, 14:00) stay readable without it.
 */
export function doseTimeProblems(doseTimes: DoseTimes, opts: { ordered: boolean } = { ordered: false }): DoseTimeProblem[] {
  const problems: DoseTimeProblem[] = [];
  for (const code of FREQUENCIES) {
    const message = problemFor(code, doseTimes[code], opts.ordered);
    if (message) problems.push({ frequency: code, message });
  }
  return problems;
}

function problemFor(code: Frequency, times: readonly string[] | undefined, ordered: boolean): string | null {
  const expected = TIMES_PER_DAY[code];
  const name = capitalised(code);
  if (expected === 0) return times && times.length > 0 ? `${name} has no set dose times; remove ${times.join(', ')}.` : null;
  const count = times?.length ?? 0;
  if (!times || count !== expected) {
    return `${name} needs ${expected} dose time${expected === 1 ? '' : 's'}; ${count === 0 ? 'none' : count} entered.`;
  }
  const bad = times.filter((t) => !HH_MM.test(t));
  if (bad.length > 0) {
    return `${name}: ${bad.map((t) => `"${t}"`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not a 24-hour time such as 08:00 or 21:30.`;
  }
  const minutes = times.map(minutesOf);
  const twice = times.find((t, i) => minutes.indexOf(minutesOf(t)) !== i);
  if (twice !== undefined) return `${name}: ${twice} is entered twice; dose times must all differ.`;
  const sorted = [...minutes].sort((a, b) => a - b);
  const hours = INTERVAL_HOURS[code];
  if (hours !== undefined) {
    const gaps = sorted.map((m, i) => (sorted[(i + 1) % sorted.length] - m + 1440) % 1440 || 1440);
    if (gaps.some((g) => g !== hours * 60)) return `${name}: dose times must be ${hours} hours apart around the clock.`;
  }
  if (ordered && minutes.some((m, i) => i > 0 && m < minutes[i - 1])) {
    const inOrder = [...times].sort((a, b) => minutesOf(a) - minutesOf(b));
    return `${name}: list the times earliest first, as the day runs (${inOrder.join(', ')}).`;
  }
  return null;
}

/** The problems' messages (stored values: order not checked). Empty when the settings are usable. */
export function validateDoseTimes(doseTimes: DoseTimes): string[] {
  return doseTimeProblems(doseTimes).map((p) => p.message);
}

/** Zones already found valid: asking Intl costs about 0.2 ms here, and the nurses' screens ask per dose. */
const validZones = new Set<string>();

/** The one zone check of the domain (followups.ts re-exports it). */
export function assertZone(zone: string): void {
  if (validZones.has(zone)) return;
  if (typeof zone !== 'string' || !IANAZone.isValidZone(zone)) {
    throw new RangeError(`"${String(zone)}" is not an IANA time zone (for example "America/New_York").`);
  }
  validZones.add(zone);
}

/**
 * Parses an ISO-8601 instant. An offset or "Z" is required: a bare local time would be read in
 * the machine's zone, which is how doses end up an hour or a day off.
 */
export function parseInstant(iso: string, what = 'instant'): DateTime {
  const dt = typeof iso === 'string' && INSTANT.test(iso) ? DateTime.fromISO(iso, { setZone: true }) : null;
  if (!dt || !dt.isValid) {
    throw new RangeError(`${what} "${String(iso)}" is not an ISO-8601 instant with an offset (for example "2026-03-08T14:00:00Z").`);
  }
  return dt;
}

export function toInstant(dt: DateTime): string {
  const iso = dt.toUTC().toISO();
  if (iso === null) throw new RangeError('Invalid date-time.');
  return iso;
}

/** Parses a calendar date "YYYY-MM-DD" as a zone-free day, for counting days between dates. */
export function parseLocalDate(date: string, what = 'date'): DateTime {
  const dt = typeof date === 'string' && LOCAL_DATE.test(date) ? DateTime.fromISO(date, { zone: 'utc' }) : null;
  if (!dt || !dt.isValid) throw new RangeError(`${what} "${String(date)}" is not a calendar date "YYYY-MM-DD".`);
  return dt;
}

/**
 * The instant a local wall-clock time happens in a zone.
 *
 * Spring forward: a time that does not exist (02:30 in New York on 2026-03-08) moves forward by
 * the gap, as luxon does (to 03:30 EDT): the dose is late by the lost hour rather than skipped.
 * Fall back: a time that happens twice (01:30 on 2026-11-01) resolves to the first occurrence
 * (EDT), so a dose is never due an hour later than the clock on the wall first shows it.
 */
export function localInstant(
  zone: string,
  wall: { year: number; month: number; day: number; hour: number; minute: number; second?: number; millisecond?: number },
): DateTime {
  assertZone(zone);
  const dt = DateTime.fromObject(wall, { zone });
  if (!dt.isValid) throw new RangeError(`Invalid local time in ${zone}: ${dt.invalidExplanation ?? 'unknown reason'}.`);
  const candidates = dt.getPossibleOffsets();
  return candidates.length > 1 ? candidates.reduce((a, b) => (b.toMillis() < a.toMillis() ? b : a)) : dt;
}

/** Formats an instant for a message in the app's one format (display.ts: "8 Mar 2026, 09:00 EDT"), in the clinic's zone; with no zone, the UTC instant. */
export function describeInstant(iso: string, zone?: string): string {
  if (!zone) return iso;
  return formatInstant(iso, zone);
}

/**
 * The UTC instants (ISO strings, ascending) at which a scheduled dose is due on one calendar day
 * in the clinic's zone. PRN and single-dose orders have none. every_other_day and weekly doses
 * fall on days counted from anchorDate (the order's start date, "YYYY-MM-DD" in the zone); the
 * cadence is pure arithmetic, so whether the order is active that day is the caller's question.
 *
 * Times are clock times, as on a paper MAR: across a DST change the gap between two q6h doses
 * is 5 or 7 hours that night, not 6. A nonexistent time moves forward (see localInstant); if
 * that lands on another listed time the two doses become one.
 */
export function scheduledDoseTimes(
  frequency: Frequency,
  localDate: string,
  zone: string,
  doseTimes: DoseTimes,
  anchorDate?: string,
): string[] {
  if (!isFrequency(frequency)) throw new RangeError(`Unknown frequency "${String(frequency)}".`);
  assertZone(zone);
  const day = parseLocalDate(localDate, 'Dose date');
  if (!isScheduledFrequency(frequency)) return [];

  const cadence = CADENCE_DAYS[frequency];
  if (cadence !== undefined) {
    if (anchorDate === undefined) throw new RangeError(`${WORDS[frequency]} needs the order's start date to count days from.`);
    const anchor = parseLocalDate(anchorDate, 'Anchor date');
    const days = Math.round(day.diff(anchor, 'days').days);
    if (((days % cadence) + cadence) % cadence !== 0) return [];
  }

  const times = doseTimes[frequency];
  if (!times || times.length !== TIMES_PER_DAY[frequency]) {
    throw new RangeError(
      `The clinic's dose times for ${WORDS[frequency]} must list ${TIMES_PER_DAY[frequency]} time(s); got ${times?.length ?? 0}.`,
    );
  }
  const millis = new Set<number>();
  for (const t of times) {
    const m = minutesOf(t);
    const at = localInstant(zone, { year: day.year, month: day.month, day: day.day, hour: Math.floor(m / 60), minute: m % 60 });
    millis.add(at.toMillis());
  }
  return [...millis].sort((a, b) => a - b).map((ms) => toInstant(DateTime.fromMillis(ms)));
}
