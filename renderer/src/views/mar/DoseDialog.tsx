import { useEffect, useState, type FormEvent } from 'react';
import type { OutputOf } from '../../../../main/ipc/contract';
import { call } from '../../api';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../hooks';
import { amountWithUnit } from '../orders/labels';
import { DoseFields } from './DoseFields';
import { initialDraft, isLate, toRecordInput, type DoseDraft, type DoseTarget } from './doseDraft';
import type { Outcome } from './labels';
import { DialogError } from './DialogError';
import { Modal } from './Modal';
import { clockTime } from './time';
import { localToInstant } from '../orders/time';

export type RecordResult = OutputOf<'administrations.record'>;

/** Checks main would make anyway, said before the round trip where the field is simply empty. */
export function localProblems(target: DoseTarget, d: DoseDraft, late: boolean): Record<string, string> {
  const problems: Record<string, string> = {};
  if (d.outcome === 'given' && d.amount.trim() === '') problems.amount = 'Enter the amount given.';
  if (d.outcome !== 'given' && d.reasonCode === '') problems.reasonCode = 'Choose why the dose was not given.';
  // main wants the list entry and a few words for every dose not given.
  if (d.outcome !== 'given' && d.reasonText.trim() === '') problems.reasonText = 'Add a few words about what happened.';
  if (late && d.lateChoice === '' && d.lateText.trim() === '') problems.lateReason = 'Say why this dose is documented late.';
  if (d.outcome === 'given' && target.controlled && d.witnessLogin.trim() === '') problems['witness.login'] = 'A controlled drug needs a witness: enter their login.';
  if (d.outcome === 'given' && target.controlled && d.witnessPassword === '') problems['witness.password'] = 'The witness types their own password.';
  return problems;
}

/**
 * Documenting one dose: given (amount defaulted to the dose in effect, route, site, time) or
 * refused / held / missed with a reason. main checks everything (amount, order state, PRN
 * limits, symptom trigger, allergy, witness) and its refusal is shown here in its own words;
 * nothing is written then, and the nurse can correct and try again.
 */
export function DoseDialog({ target, outcome = 'given', nowIso, zone, windowMinutes, onClose, onRecorded }: { target: DoseTarget; outcome?: Outcome; nowIso: string; zone: string; windowMinutes: number; onClose(): void; onRecorded(result: RecordResult): void }) {
  const [draft, setDraft] = useState<DoseDraft>(() => initialDraft(target, outcome, nowIso, zone));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [showOverride, setShowOverride] = useState(false);
  const submit = useAction();
  const late = isLate(target, draft, nowIso, zone, windowMinutes);
  const set = <K extends keyof DoseDraft>(key: K, value: DoseDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = localProblems(target, draft, late);
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return submit.clearError();
    const result = await submit.run(() => call('administrations.record', toRecordInput(target, draft, zone, late, showOverride)));
    if (result) onRecorded(result);
  };
  // main asks for an override reason (an allergy) only where the clinic allows one.
  const asksOverride = submit.error !== null && (submit.error.code === 'SAFETY_WARNING' || submit.error.field('overrideReason') !== undefined);
  useEffect(() => {
    if (asksOverride) setShowOverride(true);
  }, [asksOverride]);

  const what = `${target.medicationName}${target.amount !== null ? ` ${amountWithUnit(target.amount, target.unit)}` : ''}`;
  const title = target.scheduledFor ? `Document ${what}, due ${clockTime(target.scheduledFor, zone)}` : `Give PRN ${what}`;
  return (
    <Modal title={title} onClose={onClose}>
      <p className="sub">{target.patientName}</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <DoseFields target={target} draft={draft} set={set} error={submit.error} localErrors={localErrors} late={late} showOverride={showOverride} scoreAt={{ atIso: draft.timeTouched ? localToInstant(draft.timeLocal, zone) : nowIso, zone }} />
        <DialogError error={Object.keys(localErrors).length ? null : submit.error} local={localErrors} />
        <FormActions submitLabel={submit.pending ? 'Saving…' : 'Record dose'} pending={submit.pending} onCancel={onClose} />
      </form>
    </Modal>
  );
}
