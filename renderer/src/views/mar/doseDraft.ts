import { isOnTime } from '../../../../main/domain/doseStatus';
import type { InputOf } from '../../../../main/ipc/contract';
import type { NotGivenReasonCode } from '../../../../main/ipc/contract/administrations';
import type { Route } from '../orders/labels';
import { parseAmount } from '../orders/fields';
import { instantToLocal, localToInstant } from '../orders/time';
import { joinReason, type Outcome } from './labels';

/** The dose dialog as its inputs hold it. */
export interface DoseDraft {
  outcome: Outcome;
  amount: string;
  route: Route;
  site: string;
  /** Clinic wall clock (datetime-local). */
  timeLocal: string;
  /** Whether the nurse changed the time; untouched means "now" as main's clock reads it. */
  timeTouched: boolean;
  reasonCode: NotGivenReasonCode | '';
  reasonText: string;
  lateChoice: string;
  lateText: string;
  witnessLogin: string;
  witnessPassword: string;
  overrideReason: string;
  note: string;
  /** The withdrawal score the dose answers: its id, '' for none chosen yet, 'none' for deliberately none. */
  scoreId: string;
}

/** The dose to document, as the dialog needs it from a row of Today's doses, a PRN order or a MAR cell. */
export interface DoseTarget {
  orderId: number;
  /** The dose time being documented; null for a PRN dose. */
  scheduledFor: string | null;
  medicationName: string;
  controlled: boolean;
  /** The dose in effect (null when main has none for now). */
  amount: number | null;
  unit: string;
  route: string;
  patientName: string;
  /** For the score the dose answers (Today's doses and the end-of-shift list give these). */
  patientId?: number;
  /** A symptom-triggered PRN: the scale and score it needs. */
  symptomTrigger?: { scale: 'CIWA-Ar' | 'COWS'; minScore: number } | null;
  /** A withdrawal-management drug: its doses may answer a score. */
  withdrawalManagement?: boolean;
}

/** Whether the dialog asks which withdrawal score the dose answers. */
export const asksScore = (t: DoseTarget) => t.patientId !== undefined && (Boolean(t.symptomTrigger) || t.withdrawalManagement === true);

/** Routes where the nurse records where it went (a patch, an injection). */
export const SITE_ROUTES: readonly string[] = ['transdermal', 'intramuscular', 'subcutaneous', 'intravenous', 'topical'];

export function initialDraft(target: DoseTarget, outcome: Outcome, nowIso: string, zone: string): DoseDraft {
  return {
    outcome,
    amount: target.amount === null ? '' : String(target.amount),
    route: target.route as Route,
    site: '',
    timeLocal: instantToLocal(nowIso, zone),
    timeTouched: false,
    reasonCode: '',
    reasonText: '',
    lateChoice: '',
    lateText: '',
    witnessLogin: '',
    witnessPassword: '',
    overrideReason: '',
    note: '',
    scoreId: '',
  };
}

/** Whether the time given falls outside the on-time window of the dose time (a PRN has none). */
export function isLate(target: DoseTarget, draft: DoseDraft, nowIso: string, zone: string, windowMinutes: number): boolean {
  if (!target.scheduledFor) return false;
  const at = draft.timeTouched ? localToInstant(draft.timeLocal, zone) : nowIso;
  if (!at) return false;
  return !isOnTime(target.scheduledFor, at, windowMinutes);
}

type RecordInput = InputOf<'administrations.record'>;

/** What administrations.record takes (the order and dose time come from the target). */
export function toRecordInput(target: DoseTarget, d: DoseDraft, zone: string, late: boolean, withOverride: boolean): RecordInput {
  const given = d.outcome === 'given';
  return {
    orderId: target.orderId,
    scheduledFor: target.scheduledFor,
    outcome: d.outcome,
    amount: given ? parseAmount(d.amount) : null,
    route: given ? d.route : null,
    site: given && SITE_ROUTES.includes(d.route) && d.site.trim() ? d.site.trim() : null,
    administeredAt: d.timeTouched ? (localToInstant(d.timeLocal, zone) ?? d.timeLocal) : null,
    reasonCode: given ? null : d.reasonCode || null,
    reasonText: given ? null : d.reasonText.trim() || null,
    lateReason: late ? joinReason(d.lateChoice, d.lateText) || null : null,
    overrideReason: withOverride ? d.overrideReason.trim() || null : null,
    note: d.note.trim() || null,
    witness: given && target.controlled ? { login: d.witnessLogin.trim(), password: d.witnessPassword } : null,
    scoreId: given && asksScore(target) && /^\d+$/.test(d.scoreId) ? Number(d.scoreId) : null,
  };
}
