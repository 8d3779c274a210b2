import type { FollowupView } from '../../../../main/ipc/contract/followups';
import type { UrgencyBand } from '../../../../main/domain/overdue';
import { DateTime } from 'luxon';
import { BAND_WORDS, REVIEW_KIND_WORDS } from '../../../../main/domain/overdueReport';

export type Review = FollowupView;
export type ReviewKind = Review['kind'];
export type Outcome = NonNullable<Review['outcome']>;

/** Kinds and bands in words: one map in main/domain, shared by the screen and the report's CSV. */
export const KIND_LABELS = REVIEW_KIND_WORDS;
export const BAND_LABELS = BAND_WORDS;

export const OUTCOME_LABELS: Record<Outcome, string> = {
  continue: 'Continue',
  adjust: 'Adjust the dose',
  stop: 'Stop the order',
};

export const bandClass = (band: UrgencyBand) => `band band-${band.replace(/_/g, '-')}`;

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Chlordiazepoxide" or, for a review of the whole patient, what it is about. */
export const reviewSubject = (r: Review) => r.medicationName ?? 'Whole medication list';

/** "3 days" (under a "Late" heading), or a dash while the review is not late. */
export function lateness(r: Review): string {
  return r.daysLate > 0 ? plural(r.daysLate, 'day') : '—';
}

/** Where a past review ended: on time, late (by how much), or cancelled and why. */
export function pastStatus(r: Review): string {
  if (r.status === 'cancelled') return r.cancelledReason ? `Cancelled: ${r.cancelledReason}` : 'Cancelled';
  if (r.onTime) return 'Completed on time';
  return r.daysLate > 0 ? `Completed late (${plural(r.daysLate, 'day')} after due)` : 'Completed late';
}

/** A calendar date with its weekday: people plan reviews by the day of the week. */
export function dueLabel(date: string): string {
  const dt = DateTime.fromISO(date, { zone: 'utc' });
  return dt.isValid ? dt.toFormat('ccc d LLL yyyy') : date;
}

/** One line that names a review in buttons and notices. */
export const reviewName = (r: Review) => `${r.patientName}, ${reviewSubject(r)} (${KIND_LABELS[r.kind].toLowerCase()})`;
