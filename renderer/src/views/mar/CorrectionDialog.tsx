import { useState, type FormEvent } from 'react';
import type { OutputOf } from '../../../../main/ipc/contract';
import type { AdministrationView } from '../../../../main/ipc/contract/administrations';
import { call } from '../../api';
import { CheckboxField, SelectField, TextAreaField } from '../../components/fields';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../hooks';
import { DoseFields } from './DoseFields';
import { initialDraft, isLate, toRecordInput, type DoseDraft, type DoseTarget } from './doseDraft';
import { localProblems } from './DoseDialog';
import { ERROR_REASONS, joinReason } from './labels';
import { DialogError } from './DialogError';
import { Modal } from './Modal';
import { dayAndTime } from './time';
import { localToInstant } from '../orders/time';

export type CorrectionResult = OutputOf<'administrations.markEnteredInError'>;

const REASON_OPTIONS = [{ value: '', label: 'Choose a reason' }, ...ERROR_REASONS.map((r) => ({ value: r, label: r }))];

/**
 * Marking a MAR entry entered-in-error: nothing is edited or deleted; the entry stays, struck
 * through with the reason, and the correct entry can be recorded in its place.
 */
export function CorrectionDialog({ entry, target, nowIso, zone, windowMinutes, onClose, onDone }: { entry: AdministrationView; target: DoseTarget; nowIso: string; zone: string; windowMinutes: number; onClose(): void; onDone(r: CorrectionResult): void }) {
  const [choice, setChoice] = useState('');
  const [details, setDetails] = useState('');
  const [replace, setReplace] = useState(false);
  const [draft, setDraft] = useState<DoseDraft>(() => ({ ...initialDraft(target, entry.outcome, nowIso, zone), timeLocal: initialDraft(target, entry.outcome, entry.administeredAt, zone).timeLocal, timeTouched: true, scoreId: entry.scoreId === null ? '' : String(entry.scoreId) }));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const submit = useAction();
  const set = <K extends keyof DoseDraft>(key: K, value: DoseDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const late = replace && isLate(target, draft, nowIso, zone, windowMinutes);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const reason = joinReason(choice, details);
    const problems: Record<string, string> = reason ? {} : { reason: 'Say why this entry is wrong.' };
    if (replace) Object.assign(problems, localProblems(target, draft, late));
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return submit.clearError();
    let replacement = null;
    if (replace) {
      const { orderId: _orderId, ...rest } = toRecordInput(target, draft, zone, late, false);
      replacement = rest;
    }
    const result = await submit.run(() => call('administrations.markEnteredInError', { id: entry.id, reason, replacement }));
    if (result) onDone(result);
  };

  return (
    <Modal title={`Mark entered in error: ${entry.medicationName}, ${dayAndTime(entry.scheduledFor ?? entry.administeredAt, zone)}`} onClose={onClose}>
      <form className="form" onSubmit={onSubmit} noValidate>
        <p>The entry stays on the MAR, struck through, with your name, the time and the reason.</p>
        <SelectField label="Reason" value={choice} onChange={setChoice} options={REASON_OPTIONS} error={localErrors.reason ?? submit.error?.field('reason')} required />
        <TextAreaField label="Details" value={details} onChange={setDetails} required={choice === 'Other'} />
        <CheckboxField label="Record the correct entry in its place" checked={replace} onChange={setReplace} />
        {replace ? (
          <fieldset className="form">
            <legend>Correct entry</legend>
            <DoseFields
              target={target}
              draft={draft}
              set={set}
              error={submit.error}
              localErrors={localErrors}
              late={late}
              showOverride={false}
              scoreAt={{ atIso: draft.timeTouched ? localToInstant(draft.timeLocal, zone) : nowIso, zone }}
            />
          </fieldset>
        ) : null}
        <DialogError error={Object.keys(localErrors).length ? null : submit.error} local={localErrors} />
        <FormActions submitLabel={submit.pending ? 'Saving…' : 'Mark entered in error'} pending={submit.pending} danger onCancel={onClose} />
      </form>
    </Modal>
  );
}
