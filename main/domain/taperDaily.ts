import { dosesPerDay, type Frequency } from './frequency';

/**
 * The daily total of a dose (amount per dose x doses a day), the measure a taper that changes
 * frequency is judged by (issue 8 item 4): chlordiazepoxide 25 mg four times daily is 100 mg a
 * day; three times daily at the same amount is a 25 % reduction though the amount is unchanged.
 */

/**
 * Average doses a day of a regular schedule: every other day counts a half and weekly a seventh
 * (a taper judged by the day a dose falls on would read every other day as no reduction at all).
 * Null for "as needed" and a single dose, which have no daily total to taper.
 */
export function dailyDoses(frequency: Frequency): number | null {
  if (frequency === 'prn' || frequency === 'once') return null;
  if (frequency === 'every_other_day') return 0.5;
  if (frequency === 'weekly') return 1 / 7;
  return dosesPerDay(frequency);
}

/** amount x dailyDoses; throws for a frequency with no daily total (the caller checks first). */
export function dailyTotal(amount: number, frequency: Frequency): number {
  const n = dailyDoses(frequency);
  if (n === null) throw new RangeError(`"${frequency}" has no daily total.`);
  return amount * n;
}

/**
 * The usual fixed-schedule steps down in doses per day: four times daily, three times, twice,
 * then once at bedtime (the classic chlordiazepoxide alcohol-withdrawal schedule). Interval
 * frequencies step to the next lower count: every 4 hours (6 a day) to four times daily, every
 * 6 hours to three times, every 8 hours to twice, every 12 hours to at bedtime.
 */
const NEXT_LOWER: Readonly<Partial<Record<Frequency, Frequency>>> = {
  q4h: 'qid',
  q6h: 'tid',
  q8h: 'bid',
  q12h: 'at_bedtime',
  qid: 'tid',
  tid: 'bid',
  bid: 'at_bedtime',
};

/**
 * The frequencies after `from`, one fewer dose a day each, down to once daily at bedtime.
 * Empty when `from` is already once a day; null when `from` is not a schedule this can reduce
 * (every other day, weekly, as needed, a single dose).
 */
export function fewerDosesLadder(from: Frequency): Frequency[] | null {
  if (from === 'daily' || from === 'at_bedtime') return [];
  if (NEXT_LOWER[from] === undefined) return null;
  const out: Frequency[] = [];
  for (let f: Frequency | undefined = NEXT_LOWER[from]; f !== undefined; f = NEXT_LOWER[f]) out.push(f);
  return out;
}
