import { DateTime } from 'luxon';
import type { DoseVersion } from './doses';
import { assertZone, isFrequency, isScheduledFrequency, scheduledDoseTimes, type DoseTimes, type Frequency } from './frequency';
import { instantMillis } from './followups';

/**
 * Which staff-given doses of an order fall due in an interval: the rows of Today's doses, the
 * cells of the MAR and the end-of-shift list all come from here, so they can never disagree.
 *
 * Pure, and fast on purpose: Today's doses asks this for every order of the program on each
 * refresh, so clinic-local slot instants are remembered per (frequency, date, zone, times) and
 * stored instants are read with instantMillis rather than luxon.
 */
export interface ScheduleOrder {
  id: number;
  /** The order's frequency, used when a dose version names none (or an unknown one). */
  frequency: Frequency;
  administeredBy: 'staff' | 'patient';
  startAt: string;
  endAt: string | null;
  status: 'active' | 'held' | 'discontinued' | 'completed';
  /** When a discontinuation or completion took effect (or, for a held order with no open hold, when the hold began). */
  statusChangedAt: string | null;
  /** Hold periods, each [from, to); to null = still held. */
  holds: readonly { from: string; to: string | null }[];
  prn: boolean;
}

/** A home patient's attendance: weekly pattern (luxon weekdays, 1 = Monday .. 7 = Sunday) and one-off changes. */
export interface ProgramDays {
  weekdays: readonly number[];
  /** "YYYY-MM-DD" dates the patient will not attend, although the pattern says they would. */
  absences: readonly string[];
  /** "YYYY-MM-DD" dates the patient attends outside the pattern. */
  extraDays: readonly string[];
}

export interface DueDose {
  orderId: number;
  /** UTC ISO instant. */
  scheduledFor: string;
  /** Clinic-local calendar date the dose belongs to. */
  localDate: string;
  /** Clinic-local wall time "HH:mm" it is due at (a time moved out of a DST gap shows its moved time). */
  localTime: string;
  doseVersionId: number;
  amount: number;
  unit: string;
  frequency: Frequency;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SLOT_CACHE_LIMIT = 20_000;
const DAY_MS = 86_400_000;
/** A MAR shows at most 31 days; a year is a generous ceiling that still stops a runaway loop. */
const MAX_SPAN_DAYS = 400;

function checkDate(date: string, what: string): void {
  const ms = LOCAL_DATE.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`${what} "${String(date)}" is not a calendar date "YYYY-MM-DD".`);
  }
}

/**
 * Small memo for functions of a calendar date or an instant: Today's doses asks the same few
 * dates and instants for every order of the program, and building Date objects and ISO strings
 * for each was most of its time (issue 7 "Speed"). Cleared when full, so it stays small.
 */
function memo<K, V>(fn: (k: K) => V): (k: K) => V {
  const cache = new Map<K, V>();
  return (k) => {
    const hit = cache.get(k);
    if (hit !== undefined) return hit;
    const v = fn(k);
    if (cache.size >= SLOT_CACHE_LIMIT) cache.clear();
    cache.set(k, v);
    return v;
  };
}

/** Luxon weekday (1 = Monday .. 7 = Sunday) of a calendar date, with no zone involved. */
const weekdayOf = memo((date: string): number => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
});

const nextDate = memo((date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10));

/**
 * Whether a home patient attends on a clinic-local date: the weekly pattern, minus absences,
 * plus extra days. A date listed as both an absence and an extra day is an absence: the later,
 * more specific "will not be here" is what a nurse would act on, and a dose wrongly not listed
 * is caught by the program's attendance check, while one wrongly listed turns into a blank cell.
 */
export function isProgramDay(localDate: string, days: ProgramDays): boolean {
  checkDate(localDate, 'Program date');
  checkWeekdays(days);
  return attendsOn(localDate, days);
}

function checkWeekdays(days: ProgramDays): void {
  for (const w of days.weekdays) {
    if (!Number.isInteger(w) || w < 1 || w > 7) throw new RangeError(`Program weekday ${String(w)} is not 1 (Monday) to 7 (Sunday).`);
  }
}

/**
 * Whether staff-given doses can fall due for a patient on a clinic-local date: every day for a
 * resident, on program days for a home patient (none without program days). Services use it to
 * leave out, before loading their orders, patients with no dose in a shift.
 */
export function dosesFallOn(localDate: string, residence: 'facility' | 'home', programDays: ProgramDays | null): boolean {
  checkDate(localDate, 'Dose date');
  if (programDays !== null) checkWeekdays(programDays);
  return fallsOn(localDate, residence, programDays);
}

function fallsOn(localDate: string, residence: 'facility' | 'home', programDays: ProgramDays | null): boolean {
  return residence === 'facility' || (programDays !== null && attendsOn(localDate, programDays));
}

/** isProgramDay without the checks, for dates this module made itself. */
function attendsOn(localDate: string, days: ProgramDays): boolean {
  if (days.absences.includes(localDate)) return false;
  if (days.extraDays.includes(localDate)) return true;
  return days.weekdays.includes(weekdayOf(localDate));
}

/** instantMillis, remembered: a refresh of Today's doses reads the same few hundred stored instants again. */
const ms = memo(instantMillis);

// ---- Remembered clinic-local slots ----

interface Slot {
  ms: number;
  iso: string;
  localTime: string;
}

const slotCache = new Map<string, readonly Slot[]>();

/** scheduledDoseTimes (which owns the DST gap and overlap rules), remembered with each slot's wall time. */
function slotsOn(frequency: Frequency, date: string, zone: string, doseTimes: DoseTimes, anchorDate: string): readonly Slot[] {
  const times = doseTimes[frequency];
  const key = `${frequency}|${date}|${zone}|${times ? times.join(',') : ''}|${anchorDate}`;
  const hit = slotCache.get(key);
  if (hit) return hit;
  const slots = scheduledDoseTimes(frequency, date, zone, doseTimes, anchorDate).map((iso) => {
    const dt = DateTime.fromISO(iso, { zone });
    return { ms: dt.toMillis(), iso, localTime: dt.toFormat('HH:mm') };
  });
  if (slotCache.size >= SLOT_CACHE_LIMIT) slotCache.clear();
  slotCache.set(key, slots);
  return slots;
}

/** Per zone: the clinic-local date of an instant, remembered (Today's doses asks the same two many times). */
const dateCaches = new Map<string, (ms: number) => string>();

function localDateOf(ms: number, zone: string): string {
  let byMs = dateCaches.get(zone);
  if (byMs === undefined) {
    byMs = memo((at: number) => DateTime.fromMillis(at, { zone }).toISODate() as string);
    dateCaches.set(zone, byMs);
  }
  return byMs(ms);
}

// ---- Doses due ----

interface LiveVersion {
  v: DoseVersion;
  at: number;
  frequency: Frequency;
}

/** Non-voided versions by effectiveFrom then id: the same order doseInEffect decides by (the later entry wins a tie). */
function timeline(versions: readonly DoseVersion[], fallback: Frequency): LiveVersion[] {
  return versions
    .filter((v) => v.voidedAt === null)
    .map((v) => ({ v, at: ms(v.effectiveFrom), frequency: isFrequency(v.frequency) ? v.frequency : fallback }))
    .sort((a, b) => a.at - b.at || a.v.id - b.v.id);
}

function inEffectAt(line: readonly LiveVersion[], ms: number): LiveVersion | null {
  let found: LiveVersion | null = null;
  for (const k of line) {
    if (k.at > ms) break;
    found = k;
  }
  return found;
}

/**
 * The staff-given doses of one order due in [from, to), ascending.
 *
 * - PRN orders and patient-administered orders have none; a single-dose ("once") order has one,
 *   at its start.
 * - Residents (facility) get doses every day; home patients only on program days (none when
 *   programDays is null).
 * - The dose version in effect at each dose time gives the amount, the unit and the frequency,
 *   so a taper step between two dose times of one day changes only the later dose, and a step
 *   that changes the frequency switches the day's times from that moment on.
 * - Nothing before startAt, at or after endAt, at or after a discontinuation or completion, or
 *   inside a hold [from, to). A dose time with no dose version in effect is not due.
 */
export function dosesDue(args: {
  order: ScheduleOrder;
  versions: readonly DoseVersion[];
  residence: 'facility' | 'home';
  programDays: ProgramDays | null;
  zone: string;
  doseTimes: DoseTimes;
  from: string;
  to: string;
}): DueDose[] {
  const { order, zone, doseTimes } = args;
  assertZone(zone);
  const from = ms(args.from);
  const to = ms(args.to);
  if (to < from) throw new RangeError('The end of the interval is before its start.');
  if (to - from > MAX_SPAN_DAYS * DAY_MS) throw new RangeError(`Doses are listed for at most ${MAX_SPAN_DAYS} days at a time.`);
  if (order.prn || order.administeredBy !== 'staff' || to === from) return [];

  const start = ms(order.startAt);
  let end = order.endAt === null ? Number.POSITIVE_INFINITY : ms(order.endAt);
  if ((order.status === 'discontinued' || order.status === 'completed') && order.statusChangedAt !== null) {
    end = Math.min(end, ms(order.statusChangedAt));
  }
  const holds = order.holds.map((h) => ({ from: ms(h.from), to: h.to === null ? Number.POSITIVE_INFINITY : ms(h.to) }));
  if (order.status === 'held' && !holds.some((h) => h.to === Number.POSITIVE_INFINITY)) {
    // A held order whose open hold is not in the list: held from the status change (or all along).
    holds.push({ from: order.statusChangedAt === null ? Number.NEGATIVE_INFINITY : ms(order.statusChangedAt), to: Number.POSITIVE_INFINITY });
  }
  const lo = Math.max(from, start);
  const hi = Math.min(to, end);
  if (hi <= lo) return [];

  const line = timeline(args.versions, order.frequency);
  if (line.length === 0) return [];
  const programDays = args.programDays;
  if (programDays !== null) checkWeekdays(programDays);
  const attends = (date: string): boolean => fallsOn(date, args.residence, programDays);
  const allowed = (ms: number): boolean => ms >= lo && ms < hi && !holds.some((h) => ms >= h.from && ms < h.to);
  const anchorDate = localDateOf(start, zone);

  const due: DueDose[] = [];
  const push = (iso: string, date: string, localTime: string, k: LiveVersion): void => {
    due.push({ orderId: order.id, scheduledFor: iso, localDate: date, localTime, doseVersionId: k.v.id, amount: k.v.amount, unit: k.v.unit, frequency: k.frequency });
  };

  // A single dose: due once, at the order's start, if the version then in effect says so.
  const first = inEffectAt(line, start);
  if (first !== null && first.frequency === 'once' && allowed(start) && attends(anchorDate)) {
    const dt = DateTime.fromMillis(start, { zone });
    push(new Date(start).toISOString(), anchorDate, dt.toFormat('HH:mm'), first);
  }

  // Every scheduled frequency any version uses: each day's slots of each are kept only where
  // the version in effect at that slot has that frequency.
  const candidates = new Set<Frequency>();
  for (const k of line) if (isScheduledFrequency(k.frequency)) candidates.add(k.frequency);
  const lastDate = localDateOf(hi - 1, zone);
  for (let date = localDateOf(lo, zone); date <= lastDate; date = nextDate(date)) {
    if (!attends(date)) continue;
    const seen = new Set<number>();
    const daySlots: { slot: Slot; k: LiveVersion }[] = [];
    for (const frequency of candidates) {
      for (const slot of slotsOn(frequency, date, zone, doseTimes, anchorDate)) {
        if (seen.has(slot.ms) || !allowed(slot.ms)) continue;
        const k = inEffectAt(line, slot.ms);
        if (k === null || k.frequency !== frequency) continue;
        seen.add(slot.ms);
        daySlots.push({ slot, k });
      }
    }
    daySlots.sort((a, b) => a.slot.ms - b.slot.ms);
    for (const { slot, k } of daySlots) push(slot.iso, date, slot.localTime, k);
  }
  return due.sort((a, b) => ms(a.scheduledFor) - ms(b.scheduledFor));
}
