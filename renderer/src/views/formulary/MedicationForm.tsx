import { useState, type FormEvent } from 'react';
import type { Medication } from '../../../../main/ipc/contract/formulary';
import { ApiError, call } from '../../api';
import { FormActions } from '../../components/FormActions';
import { FormError } from '../../components/FormError';
import { CheckboxField, draftFields, SelectField, TextField } from '../../components/fields';
import { useAction } from '../../hooks';
import {
  badDoseLimit,
  badStrengths,
  DOSE_RANGE_FIELDS,
  draftFromMedication,
  EMPTY_MEDICATION,
  fieldError,
  SCHEDULE_OPTIONS,
  SEDATING_OPTIONS,
  toMedicationInput,
  UNIT_OPTIONS,
  type MedicationDraft,
} from './medicationDraft';

/**
 * Adds a clinic medication, or edits an entry (with a reason: existing orders keep what they
 * were ordered with, and the change is audited).
 */
export function MedicationForm({
  editing,
  onSaved,
  onCancel,
}: {
  editing: Medication | null;
  onSaved(m: Medication, message: string): void;
  onCancel(): void;
}) {
  const [draft, setDraft] = useState<MedicationDraft>(() => (editing ? draftFromMedication(editing) : EMPTY_MEDICATION));
  const [reason, setReason] = useState('');
  const submit = useAction();
  const prefix = editing ? 'medication.' : '';
  const field = draftFields(draft, setDraft, (key) => fieldError(submit.error, prefix, key));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await submit.run(async () => {
      const bad = badStrengths(draft);
      if (bad) throw new ApiError({ code: 'VALIDATION', message: bad, fields: [{ path: `${prefix}strengths`, message: bad }] });
      const badLimit = badDoseLimit(draft);
      if (badLimit)
        throw new ApiError({
          code: 'VALIDATION',
          message: badLimit.message,
          fields: [{ path: `${prefix}doseRange.${badLimit.key}`, message: badLimit.message }],
        });
      const medication = toMedicationInput(draft);
      return editing ? call('formulary.update', { id: editing.id, medication, reason }) : call('formulary.create', medication);
    });
    if (saved) onSaved(saved, editing ? `${saved.name} updated.` : `${saved.name} added to the formulary.`);
  };

  const headingId = editing ? 'edit-medication-heading' : 'add-medication-heading';
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{editing ? `Edit ${editing.name}` : 'Add a clinic medication'}</h2>
      <form onSubmit={onSubmit} noValidate className="form">
        <FormError error={submit.error} />
        <div className="field-row">
          <TextField label="Name" {...field('name')} required autoFocus />
          <TextField label="Ingredients" {...field('ingredients')} required hint="Comma-separated." />
          <TextField label="RxNorm code (optional)" {...field('rxnormCode')} hint="Digits only; leave empty unless you can cite it." />
        </div>
        <div className="field-row">
          <TextField label="Form" {...field('form')} required hint='e.g. "oral tablet".' />
          <TextField label="Strengths" {...field('strengths')} required hint="Comma-separated amounts per tablet or unit, e.g. 2, 5, 10." />
          <SelectField label="Unit" {...field('unit')} options={UNIT_OPTIONS} required />
        </div>
        <div className="field-row">
          <TextField label="Class" {...field('drugClass')} required hint='e.g. "benzodiazepine".' />
          <SelectField
            label="Sedating class"
            {...field('sedatingClass')}
            options={SEDATING_OPTIONS}
            hint="Two active drugs of one sedating class warn the prescriber."
          />
          <SelectField label="DEA schedule" {...field('deaSchedule')} options={SCHEDULE_OPTIONS} />
        </div>
        <fieldset className="field-group">
          <legend>Dose range, in {draft.unit} (orders above the usual dose need a reason; above a maximum they are refused)</legend>
          <div className="field-row">
            {DOSE_RANGE_FIELDS.map(([key, label]) => (
              <TextField
                key={key}
                label={label}
                {...field(key)}
                // main reports the limits under doseRange.*, and a range out of order on the first.
                error={
                  fieldError(submit.error, prefix, `doseRange.${key}`) ??
                  (key === 'usualSingle' ? fieldError(submit.error, prefix, 'doseRange') : undefined)
                }
                hint="Leave empty if not listed."
              />
            ))}
          </div>
          <TextField label="Source of the dose range" {...field('doseRangeSource')} size="wide" hint='e.g. "FDA label, Ativan tablets".' />
        </fieldset>
        <CheckboxField
          label="Withdrawal-management drug"
          checked={draft.withdrawalManagement}
          onChange={field('withdrawalManagement').onChange}
        />
        {editing ? (
          <TextField
            label="Reason for the change"
            value={reason}
            onChange={setReason}
            error={submit.error?.field('reason')}
            required
            size="wide"
            hint="Kept in the audit log."
          />
        ) : null}
        <FormActions submitLabel={editing ? 'Save changes' : 'Add medication'} pending={submit.pending} onCancel={onCancel} />
      </form>
    </section>
  );
}
