import { formatDate } from './display';
import type { ReviewKind } from './enums';
import { addDays, localDate, startOfLocalDay, type InstantInput, type IsoDate } from './followups';
import type { UrgencyBand } from './overdue';

/**
 * The medical director's overdue-review report (distinct from the audit log, which records
 * every write): the rules that say which moment a report describes and how its filters read.
 */

/** The moment a report describes, or why none can be chosen. */
export type ReportMoment =
  | { readonly ok: true; readonly instant: Date; readonly date: IsoDate }
  | { readonly ok: false; readonly today: IsoDate; readonly message: string };

/**
 * A report "as of" a date describes the end of that date in the clinic's zone, or now when the
 * date is today. A later date has not happened: its figures would be today's under a future
 * heading, so it is refused in words (issue 8 item 10), naming the clinic's today.
 */
export function reportMoment(asOfDate: IsoDate | undefined, now: InstantInput, zone: string): ReportMoment {
  const at = typeof now === 'string' ? new Date(now) : now;
  const today = localDate(at, zone);
  if (!asOfDate || asOfDate === today) return { ok: true, instant: at, date: today };
  if (asOfDate > today) {
    return {
      ok: false,
      today,
      message: `The report cannot be as of ${formatDate(asOfDate)}: that date has not come yet (today is ${formatDate(today)} in the clinic). Choose today or an earlier date.`,
    };
  }
  return { ok: true, instant: new Date(startOfLocalDay(addDays(asOfDate, 1), zone).toMillis() - 1), date: asOfDate };
}

/** What a report was narrowed to, with the names people know (main looks the names up). */
export interface ReportScope {
  readonly prescriberName?: string | null;
  readonly patient?: { readonly name: string; readonly mrn: string } | null;
  readonly drugClass?: string | null;
  /** The chosen period for the third rate, when one was chosen. */
  readonly period?: readonly [IsoDate, IsoDate] | null;
}

/**
 * Each filter in words, in the order the form shows them; empty when the report covers the
 * whole team. The screen, the print, the CSV and the command line all say exactly this, so a
 * report narrowed to one prescriber never reads "across the team".
 */
export function scopeInWords(s: ReportScope): string[] {
  const words: string[] = [];
  if (s.prescriberName) words.push(`prescriber ${s.prescriberName}`);
  if (s.patient) words.push(`patient ${s.patient.name} (MRN ${s.patient.mrn})`);
  if (s.drugClass) words.push(`drug class ${s.drugClass}`);
  if (s.period) words.push(`chosen period ${formatDate(s.period[0])} to ${formatDate(s.period[1])}`);
  return words;
}

/** "across the team", or "for prescriber Dr A; drug class benzodiazepine". */
export function scopeSentence(words: readonly string[]): string {
  const narrowing = words.filter((w) => !w.startsWith('chosen period'));
  return narrowing.length === 0 ? 'across the team' : `for ${narrowing.join('; ')}`;
}

/** What each kind of review is about, in the words the medical team uses (screen and CSV). */
export const REVIEW_KIND_WORDS: Record<ReviewKind, string> = {
  order_start: 'Withdrawal order started',
  dose_change: 'Dose change',
  taper_step: 'Taper step',
  resume: 'Resumed',
  routine: 'Routine',
  discharge: 'Discharge',
  manual: 'Manual',
  mar_alert: 'MAR alert',
};

/** Every band has a name in words: colour only repeats what the text says. */
export const BAND_WORDS: Record<UrgencyBand, string> = {
  needs_attention: 'Needs attention: the due date cannot be read',
  critically_overdue: 'Critically overdue',
  overdue: 'Overdue',
  due_today: 'Due today',
  due_soon: 'Due soon',
  upcoming: 'Upcoming',
};
