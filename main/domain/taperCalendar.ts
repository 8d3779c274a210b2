import { doseInEffect, doseTimeline, type DoseVersion } from './doses';
import { dosesPerDay, isFrequency, parseInstant } from './frequency';

export type TaperStepState = 'past' | 'current' | 'planned';

export interface TaperCalendarStep<T extends DoseVersion> {
  version: T;
  /** When the next step takes over (exclusive); null for the last step, which runs on. */
  until: string | null;
  state: TaperStepState;
  /** Amount times doses per day; null where a day has no fixed count (as needed, once, every other day, weekly). */
  dailyTotal: number | null;
}

/**
 * An order's whole dose plan, for the printed medication list (issue 8 item 12): every dose the
 * order has had and will have, each with the instant the next takes over, whether it is past, in
 * effect at `at` or still planned, and its daily total. Voided versions never applied and are
 * left out; a version replaced at the very instant it starts (a same-instant re-entry, the higher
 * id wins as in doseInEffect) never applied either. An order without taper steps has no
 * calendar (empty), since its one line on the list already says everything.
 */
export function taperCalendar<T extends DoseVersion>(versions: readonly T[], at: string): TaperCalendarStep<T>[] {
  const timeline = doseTimeline(versions);
  if (!timeline.some((v) => v.kind === 'taper_step')) return [];
  const ms = (v: T) => parseInstant(v.effectiveFrom).toMillis();
  const applied = timeline.filter((v, i) => i === timeline.length - 1 || ms(timeline[i + 1]) > ms(v));
  const current = doseInEffect(applied, at);
  const atMs = parseInstant(at).toMillis();
  return applied.map((v, i) => ({
    version: v,
    until: applied[i + 1]?.effectiveFrom ?? null,
    state: v === current ? 'current' : ms(v) > atMs ? 'planned' : 'past',
    dailyTotal: dailyTotal(v),
  }));
}

const NO_FIXED_DAY = new Set(['prn', 'once', 'every_other_day', 'weekly']);

function dailyTotal(v: DoseVersion): number | null {
  if (!isFrequency(v.frequency) || NO_FIXED_DAY.has(v.frequency)) return null;
  // Float noise out (3 x 0.1 mg reads 0.3 mg, not 0.30000000000000004).
  return Math.round(v.amount * dosesPerDay(v.frequency) * 1e6) / 1e6;
}
