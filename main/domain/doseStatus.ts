import { DateTime } from 'luxon';
import { localInstant } from './frequency';
import { assertZone, instantMillis } from './followups';

/**
 * Where a due dose stands at an instant, as Today's doses, the MAR and the end-of-shift list
 * show it. Words and colours come from the renderer; the rule lives here.
 */
export type DoseStatus = 'not_yet_due' | 'due_now' | 'late' | 'given' | 'refused' | 'held' | 'missed' | 'not_documented';

export type DoseOutcome = 'given' | 'refused' | 'held' | 'missed';

/** The words a nurse reads; colour is never the only signal. */
export const DOSE_STATUS_WORDS: Readonly<Record<DoseStatus, string>> = Object.freeze({
  not_yet_due: 'Not yet due',
  due_now: 'Due now',
  late: 'Late',
  given: 'Given',
  refused: 'Refused',
  held: 'Held',
  missed: 'Missed',
  not_documented: 'Not documented',
});

function checkWindow(windowMinutes: number): number {
  if (!Number.isFinite(windowMinutes) || windowMinutes < 0) {
    throw new RangeError(`The on-time window must be 0 or more minutes, got ${String(windowMinutes)}.`);
  }
  return windowMinutes * 60_000;
}

/**
 * Whether a dose given at `administeredAt` counts as on time for `scheduledFor`: within the
 * window either side, edges included (exactly 60 minutes late is on time with a 60-minute
 * window; 60 minutes and 1 millisecond is late).
 */
export function isOnTime(scheduledFor: string, administeredAt: string, windowMinutes: number): boolean {
  const window = checkWindow(windowMinutes);
  return Math.abs(instantMillis(administeredAt) - instantMillis(scheduledFor)) <= window;
}

/**
 * The status of one due dose at `now`.
 *
 * Documented: its outcome (given, refused, held, missed), whenever it was charted.
 * Undocumented:
 * - before scheduledFor - window: not yet due;
 * - within the window either side, edges included: due now;
 * - past the window: late, until the shift the dose belongs to has ended (shiftEnd, the end of
 *   the shift containing scheduledFor, see shiftBounds); from then on "not documented", the
 *   blank cell the end-of-shift list exists to catch. A dose whose window runs past the shift
 *   change stays "due now" for the next shift until its window closes.
 * Without shiftEnd an undocumented dose past its window stays "late".
 */
export function dueDoseStatus(args: {
  scheduledFor: string;
  now: string;
  onTimeWindowMinutes: number;
  documented: { outcome: DoseOutcome; administeredAt: string } | null;
  shiftEnd?: string;
}): DoseStatus {
  const window = checkWindow(args.onTimeWindowMinutes);
  if (args.documented !== null) return args.documented.outcome;
  const due = instantMillis(args.scheduledFor);
  const now = instantMillis(args.now);
  if (now < due - window) return 'not_yet_due';
  if (now <= due + window) return 'due_now';
  if (args.shiftEnd !== undefined && now >= instantMillis(args.shiftEnd)) return 'not_documented';
  return 'late';
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(hhmm: string): number {
  const m = HH_MM.exec(hhmm);
  if (!m) throw new RangeError(`Shift start "${String(hhmm)}" is not a 24-hour "HH:mm" time.`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** "Tue 1 Dec 14:30" in the zone: how times read on the nurse's screens and in refusals. */
export function clinicTime(iso: string, zone: string): string {
  assertZone(zone);
  return DateTime.fromMillis(instantMillis(iso), { zone }).setLocale('en-GB').toFormat('ccc d LLL HH:mm');
}

const startsCache = new Map<string, readonly number[]>();

/** Shift start instants on the local day before, of and after `day`, ascending; remembered, as the MAR asks per dose. */
function shiftStartsAround(day: DateTime, zone: string, minutes: readonly number[]): readonly number[] {
  const key = `${day.toISODate() as string}|${zone}|${minutes.join(',')}`;
  const hit = startsCache.get(key);
  if (hit) return hit;
  const starts = new Set<number>();
  for (const offset of [-1, 0, 1]) {
    const d = day.plus({ days: offset });
    for (const m of minutes) {
      starts.add(localInstant(zone, { year: d.year, month: d.month, day: d.day, hour: Math.floor(m / 60), minute: m % 60 }).toMillis());
    }
  }
  const sorted = [...starts].sort((a, b) => a - b);
  if (startsCache.size >= 5000) startsCache.clear();
  startsCache.set(key, sorted);
  return sorted;
}

/**
 * shiftBounds without the label, in epoch milliseconds: the MAR asks it for every dose time and
 * needs only the end, and formatting the label was most of its time.
 */
export function shiftInstants(now: string, zone: string, shiftStarts: readonly string[]): { startMs: number; endMs: number } {
  assertZone(zone);
  if (shiftStarts.length === 0) throw new RangeError('The clinic needs at least one shift start time.');
  const minutes = shiftStarts.map(minutesOf);
  if (new Set(minutes).size !== minutes.length) throw new RangeError('Shift start times must all differ.');
  const at = instantMillis(now);
  const sorted = shiftStartsAround(DateTime.fromMillis(at, { zone }), zone, minutes);
  const startMs = sorted.filter((s) => s <= at).pop();
  const endMs = sorted.find((s) => s > at);
  if (startMs === undefined || endMs === undefined) throw new RangeError('No shift contains that time.');
  return { startMs, endMs };
}

/**
 * The shift containing `now`: from the latest shift start at or before it to the next one.
 * Shift starts are clinic wall-clock times; across a DST change a shift is an hour shorter or
 * longer (a 19:00-07:00 night is 11 or 13 hours), as the clock on the wall says. A start in the
 * spring-forward gap moves forward like a dose time; one in the fall-back overlap is the first.
 * The label names the shift by its wall times, e.g. "Tue 1 Dec 07:00 to 19:00" or
 * "Tue 1 Dec 19:00 to Wed 2 Dec 07:00".
 */
export function shiftBounds(now: string, zone: string, shiftStarts: readonly string[]): { start: string; end: string; label: string } {
  const { startMs, endMs } = shiftInstants(now, zone, shiftStarts);
  const s = DateTime.fromMillis(startMs, { zone }).setLocale('en-GB');
  const e = DateTime.fromMillis(endMs, { zone }).setLocale('en-GB');
  const label = s.hasSame(e, 'day')
    ? `${s.toFormat('ccc d LLL HH:mm')} to ${e.toFormat('HH:mm')}`
    : `${s.toFormat('ccc d LLL HH:mm')} to ${e.toFormat('ccc d LLL HH:mm')}`;
  return { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString(), label };
}
