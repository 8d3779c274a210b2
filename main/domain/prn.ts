import { DateTime } from 'luxon';
import { describeInstant, parseInstant, toInstant } from './frequency';

/**
 * PRN ("as needed") limits from the order: a maximum number of doses in any rolling 24 hours and
 * a minimum interval between doses.
 *
 * The 24-hour window is the half-open interval (at - 24 h, at]: a dose given exactly 24 hours
 * before no longer counts. A dose exactly minIntervalMinutes after the last one is allowed.
 * Either limit may be null (no such limit).
 */
export interface PrnCheck {
  maxDoses24h: number | null;
  minIntervalMinutes: number | null;
  /** When earlier doses of this order were given (entered-in-error entries left out). */
  priorGivenTimes: readonly string[];
  /** When the new dose would be given. */
  at: string;
  /** For messages only: times are shown in this zone. */
  zone?: string;
}

export interface PrnRefusal {
  code: 'prn_max' | 'prn_interval';
  message: string;
  /** The earliest instant at or after `at` when a dose would be within both limits. */
  nextAllowedAt: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Null when a dose at `at` is within the limits, else why not and when it next would be.
 * Doses recorded after `at` (late charting) count for the interval both ways; the 24-hour
 * count looks back from `at`. When both limits are broken the maximum is reported first, as
 * it is the one that lasts longer in practice; nextAllowedAt satisfies both.
 */
export function checkPrnDose(check: PrnCheck): PrnRefusal | null {
  const { maxDoses24h, minIntervalMinutes } = check;
  if (maxDoses24h !== null && (!Number.isInteger(maxDoses24h) || maxDoses24h < 1)) {
    throw new RangeError(`The PRN maximum per 24 hours must be a whole number of at least 1, got ${String(maxDoses24h)}.`);
  }
  if (minIntervalMinutes !== null && (!Number.isFinite(minIntervalMinutes) || minIntervalMinutes < 0)) {
    throw new RangeError(`The PRN minimum interval must be 0 or more minutes, got ${String(minIntervalMinutes)}.`);
  }
  const at = parseInstant(check.at, 'PRN dose time').toMillis();
  const given = check.priorGivenTimes.map((t) => parseInstant(t, 'Prior PRN dose time').toMillis());
  const intervalMs = (minIntervalMinutes ?? 0) * 60_000;

  const inWindow = (x: number) => given.filter((t) => t > x - DAY_MS && t <= x);
  const tooMany = (x: number) => maxDoses24h !== null && inWindow(x).length >= maxDoses24h;
  const tooSoon = (x: number) => intervalMs > 0 && given.some((t) => Math.abs(x - t) < intervalMs);

  const maxBroken = tooMany(at);
  const intervalBroken = tooSoon(at);
  if (!maxBroken && !intervalBroken) return null;

  // An allowed stretch can only begin where a limit lets go: a dose leaving the window (t + 24 h)
  // or an interval ending (t + interval). The earliest such point that passes both is the answer.
  const candidates = given.flatMap((t) => [t + DAY_MS, t + intervalMs]).filter((x) => x > at);
  const next = candidates.sort((a, b) => a - b).find((x) => !tooMany(x) && !tooSoon(x));
  if (next === undefined) throw new RangeError('No later time satisfies the PRN limits.');
  const nextAllowedAt = toInstant(DateTime.fromMillis(next));
  const when = describeInstant(nextAllowedAt, check.zone);

  if (maxBroken) {
    const count = inWindow(at).length;
    return {
      code: 'prn_max',
      message: `PRN maximum reached: ${count} dose${count === 1 ? '' : 's'} given in the 24 hours before this one (limit ${maxDoses24h}). Next dose allowed from ${when}.`,
      nextAllowedAt,
    };
  }
  const last = given.filter((t) => Math.abs(at - t) < intervalMs).reduce((a, b) => Math.max(a, b));
  const minutesSince = Math.round((at - last) / 60_000);
  const relation =
    minutesSince >= 0 ? `${minutesSince} minute${minutesSince === 1 ? '' : 's'} after the last dose` : `${-minutesSince} minutes before a recorded dose`;
  return {
    code: 'prn_interval',
    message: `PRN interval too short: this dose would be ${relation} (minimum ${minIntervalMinutes} minutes). Next dose allowed from ${when}.`,
    nextAllowedAt,
  };
}
