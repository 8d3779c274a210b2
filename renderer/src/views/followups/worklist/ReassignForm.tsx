import { useState, type FormEvent } from 'react';
import { call } from '../../../api';
import { FormActions } from '../../../components/FormActions';
import { FormError } from '../../../components/FormError';
import { SelectField, TextAreaField } from '../../../components/fields';
import { useAction } from '../../../hooks';
import { useFocusFirstField } from '../fields';
import { reviewName, type Review } from '../labels';
import { fieldError } from '../localErrors';
import { usePrescriberOptions } from '../usePrescribers';

export function ReassignForm({ review, onDone, onCancel }: { review: Review; onDone(updated: Review): void; onCancel(): void }) {
  const [prescriberId, setPrescriberId] = useState('');
  const [reason, setReason] = useState('');
  const prescribers = usePrescriberOptions();
  const submit = useAction();
  const formRef = useFocusFirstField<HTMLFormElement>();
  const others = prescribers.options.filter((o) => o.value !== String(review.assignedPrescriberId));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const updated = await submit.run(() => {
      if (prescriberId === '') throw fieldError('prescriberId', 'Choose a prescriber.');
      return call('followups.reassign', { id: review.id, prescriberId: Number(prescriberId), reason });
    });
    if (updated) onDone(updated);
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="form inline-review-form" aria-label={`Reassign review: ${reviewName(review)}`}>
      <FormError error={submit.error} />
      <SelectField
        label="Assign to"
        value={prescriberId}
        onChange={setPrescriberId}
        options={[{ value: '', label: prescribers.loading ? 'Loading prescribers…' : 'Choose a prescriber' }, ...others]}
        error={submit.error?.field('prescriberId')}
        hint={`Now assigned to ${review.assignedPrescriberName}.`}
        required
      />
      <TextAreaField label="Reason" value={reason} onChange={setReason} error={submit.error?.field('reason')} required hint="Kept in the audit log with the change." />
      <FormActions submitLabel="Reassign" pending={submit.pending} onCancel={onCancel} />
    </form>
  );
}
