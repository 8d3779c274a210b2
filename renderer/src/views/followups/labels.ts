import type { FollowupView } from '../../../../main/ipc/contract/followups';
import type { UrgencyBand } from '../../../../main/domain/overdue';
import { DateTime } from 'luxon';

export type Review = FollowupView;
export type ReviewKind = Review['kind'];
export type Outcome = NonNullable<Review['outcome']>;

/** What each kind of review is about, in the words the medical team uses. */
export const KIND_LABELS: Record<ReviewKind, string> = {
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
export const BAND_LABELS: Record<UrgencyBand, string> = {
  needs_attention: 'Needs attention: the due date cannot be read',
  critically_overdue: 'Critically overdue',
  overdue: 'Overdue',
  due_today: 'Due today',
  due_soon: 'Due soon',
  upcoming: 'Upcoming',
};

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
