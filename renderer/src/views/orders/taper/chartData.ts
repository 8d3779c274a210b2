import { DateTime } from 'luxon';
import { dosesPerDay } from '../labels';

export interface DosePoint {
  /** A calendar date in the clinic's zone, "YYYY-MM-DD". */
  date: string;
  amount: number;
}

export interface PlannedVersion {
  effectiveFrom: string;
  amount: number;
  frequency: string;
}

const MIN_DAYS = 7;
const MAX_DAYS = 180;
// Days shown after the last change, so the final step reads as a level and not a point.
const TAIL_DAYS = 3;

/**
 * Planned amount per day: for each local day, the dose in effect at the end of that day times
 * the doses its frequency gives a day. A day a step falls on counts at its new dose, as the
 * plan intends. After the order's end the amount is 0.
 */
export function plannedPerDay(versions: readonly PlannedVersion[], zone: string, endAt: string | null = null): DosePoint[] {
  const valid = versions
    .map((v) => ({ ...v, at: DateTime.fromISO(v.effectiveFrom, { zone: 'utc' }) }))
    .filter((v) => v.at.isValid && Number.isFinite(v.amount))
    .sort((a, b) => a.at.toMillis() - b.at.toMillis());
  if (valid.length === 0) return [];
  const first = valid[0].at.setZone(zone).startOf('day');
  const last = valid[valid.length - 1].at.setZone(zone).startOf('day');
  const span = Math.min(MAX_DAYS, Math.max(MIN_DAYS, Math.round(last.diff(first, 'days').days) + TAIL_DAYS + 1));
  const end = endAt ? DateTime.fromISO(endAt, { zone: 'utc' }) : null;

  const points: DosePoint[] = [];
  for (let i = 0; i < span; i++) {
    const day = first.plus({ days: i });
    const dayEnd = day.endOf('day');
    const ended = end !== null && end.isValid && end <= day;
    let current: (typeof valid)[number] | null = null;
    for (const v of valid) if (v.at <= dayEnd) current = v;
    const amount = ended || !current ? 0 : current.amount * dosesPerDay(current.frequency);
    points.push({ date: day.toISODate() ?? '', amount: roundForDisplay(amount) });
  }
  return points;
}

/** Removes float noise (3 x 0.1 = 0.30000000000000004) from what the chart prints. */
export const roundForDisplay = (x: number) => Math.round(x * 1e6) / 1e6;

/** "16 mg a day until 4 Mar, then 12 mg from 5 Mar, ..." — the chart in words for its description. */
export function describeSeries(points: readonly DosePoint[], unit: string): string {
  if (points.length === 0) return 'No planned doses.';
  const changes: DosePoint[] = points.filter((p, i) => i === 0 || p.amount !== points[i - 1].amount);
  const day = (d: string) => DateTime.fromISO(d, { zone: 'utc' }).toFormat('d LLL');
  const parts = changes.slice(0, 15).map((p, i) => (i === 0 ? `${p.amount} ${unit} a day from ${day(p.date)}` : `${p.amount} ${unit} from ${day(p.date)}`));
  if (changes.length > 15) parts.push(`and ${changes.length - 15} more changes`);
  return `${parts.join(', then ')}. Chart covers ${day(points[0].date)} to ${day(points[points.length - 1].date)}.`;
}
