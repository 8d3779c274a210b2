import { DOSE_STATUSES, NOT_GIVEN_REASONS, NOT_GIVEN_REASON_WORDS, type NotGivenReasonCode } from '../../../../main/ipc/contract/administrations';
import { DOSE_STATUS_WORDS } from '../../../../main/domain/doseStatus';
import type { Option } from '../../components/fields';

/**
 * What a due dose's status is called on screen (the domain's words, one source), and the class
 * that colours it. Every status has its own words; colour and the mark before the words only
 * repeat them (they help scanning, and they must survive a black-and-white print or colour
 * blindness).
 */
export type DoseStatus = (typeof DOSE_STATUSES)[number];

export const isDoseStatus = (s: string): s is DoseStatus => (DOSE_STATUSES as readonly string[]).includes(s);
export const doseStatusLabel = (s: string) => (isDoseStatus(s) ? DOSE_STATUS_WORDS[s] : 'Needs attention');
export const doseStatusClass = (s: string) => `dose-status dose-status-${isDoseStatus(s) ? s.replace(/_/g, '-') : 'unknown'}`;

/** The outcomes a nurse documents. */
export const OUTCOMES = ['given', 'refused', 'held', 'missed'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = { given: 'Given', refused: 'Refused', held: 'Held', missed: 'Missed' };
export const OUTCOME_OPTIONS: readonly Option<Outcome>[] = OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }));
export const outcomeLabel = (o: string) => (o in OUTCOME_LABELS ? OUTCOME_LABELS[o as Outcome] : o);

/** The short list of reasons a dose was not given, in main's codes and words; "Other" needs the free text. */
export const NOT_GIVEN_REASON_OPTIONS: readonly Option<NotGivenReasonCode | ''>[] = [
  { value: '', label: 'Choose a reason' },
  ...NOT_GIVEN_REASONS.map((r) => ({ value: r, label: NOT_GIVEN_REASON_WORDS[r] })),
];

export const LATE_REASONS: readonly string[] = ['Patient arrived late', 'Busy with an emergency', 'Charted after the fact', 'Other'];

/** Reasons for marking an entry entered-in-error. */
export const ERROR_REASONS: readonly string[] = ['Wrong patient', 'Wrong medication', 'Wrong time', 'Wrong amount', 'Documented twice', 'Other'];

/** "Patient declined" or "Other: …", one string for main's reason field. */
export function joinReason(choice: string, text: string): string {
  const t = text.trim();
  if (!choice) return t;
  if (choice === 'Other') return t;
  return t ? `${choice}: ${t}` : choice;
}

/** Initials for the MAR cell: "Nico Testdose" -> "NT". */
export function initials(name: string | null | undefined): string {
  if (!name) return '';
  return name
    .split(/\s+/)
    .filter((w) => /^[A-Za-z]/.test(w) && !/\.$/.test(w))
    .map((w) => w.charAt(0).toUpperCase())
    .join('');
}
