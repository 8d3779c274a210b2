import { useState, type FormEvent } from 'react';
import { call } from '../../../api';
import { FormActions } from '../../../components/FormActions';
import { FormError } from '../../../components/FormError';
import { TextAreaField } from '../../../components/fields';
import { DateField } from '../../../components/DateInput';
import { useAction } from '../../../hooks';
import { useFocusFirstField } from '../fields';
import { dueLabel, reviewName, type Review } from '../labels';
import { fieldError } from '../localErrors';

export function RescheduleForm({ review, onDone, onCancel }: { review: Review; onDone(updated: Review): void; onCancel(): void }) {
  const [dueDate, setDueDate] = useState('');
  const [reason, setReason] = useState('');
  const submit = useAction();
  const formRef = useFocusFirstField<HTMLFormElement>();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const updated = await submit.run(() => {
      // An empty date input would reach main as "That is not a date", which puzzles here.
      if (dueDate === '') throw fieldError('dueDate', 'Enter the new due date.');
      return call('followups.reschedule', { id: review.id, dueDate, reason });
    });
    if (updated) onDone(updated);
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="form inline-review-form" aria-label={`Reschedule review: ${reviewName(review)}`}>
      <FormError error={submit.error} />
      <div className="field-row">
        <DateField label="New due date" value={dueDate} onChange={setDueDate} error={submit.error?.field('dueDate')} required hint={`Now due ${dueLabel(review.dueDate)}.`} />
      </div>
      <TextAreaField label="Reason" value={reason} onChange={setReason} error={submit.error?.field('reason')} required hint="Kept in the audit log with the change." />
      <FormActions submitLabel="Reschedule" pending={submit.pending} onCancel={onCancel} />
    </form>
  );
}
