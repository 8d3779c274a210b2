import { useState, type FormEvent } from 'react';
import { call } from '../../../api';
import { FormActions } from '../../../components/FormActions';
import { FormError } from '../../../components/FormError';
import { PatientPicker } from '../../../components/PatientPicker';
import { SelectField, TextAreaField } from '../../../components/fields';
import { DateField } from '../../../components/DateInput';
import { useSession } from '../../../context';
import { useAction, useApiQuery } from '../../../hooks';
import { useFocusFirstField } from '../fields';
import type { Review } from '../labels';
import { fieldError } from '../localErrors';
import { usePrescriberOptions } from '../usePrescribers';

/** A review nobody's policy asked for: the prescriber's own call, with a reason. */
export function ScheduleReviewForm({ onScheduled, onCancel }: { onScheduled(review: Review): void; onCancel(): void }) {
  const { user } = useSession();
  const [patientId, setPatientId] = useState('');
  const [orderId, setOrderId] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [assignee, setAssignee] = useState(String(user.id));
  const [reason, setReason] = useState('');
  const prescribers = usePrescriberOptions();
  const submit = useAction();
  const formRef = useFocusFirstField<HTMLFormElement>();
  const err = (path: string) => submit.error?.field(path);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const review = await submit.run(() => {
      if (patientId === '') throw fieldError('patientId', 'Choose the patient.');
      if (dueDate === '') throw fieldError('dueDate', 'Enter the due date.');
      return call('followups.schedule', {
        patientId: Number(patientId),
        orderId: orderId === '' ? null : Number(orderId),
        dueDate,
        assignedPrescriberId: Number(assignee),
        reason,
      });
    });
    if (review) onScheduled(review);
  };

  return (
    <section className="panel" aria-labelledby="schedule-review-heading">
      <h2 id="schedule-review-heading">Schedule a review</h2>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="form">
        <FormError error={submit.error} />
        <div className="field-row">
          <PatientPicker
            label="Patient"
            value={patientId}
            onChange={(v) => {
              setPatientId(v);
              setOrderId('');
            }}
            emptyLabel="Type the patient's name or MRN"
            error={err('patientId')}
            required
          />
          {patientId ? <OrderSelect patientId={Number(patientId)} value={orderId} onChange={setOrderId} error={err('orderId')} /> : null}
        </div>
        <div className="field-row">
          <DateField label="Due date" value={dueDate} onChange={setDueDate} error={err('dueDate')} required />
          <SelectField label="Assign to" value={assignee} onChange={setAssignee} options={prescribers.options.length ? prescribers.options : [{ value: String(user.id), label: user.displayName }]} error={err('assignedPrescriberId')} required />
        </div>
        <TextAreaField label="Reason" value={reason} onChange={setReason} error={err('reason')} required hint="What the review should look at." />
        <FormActions submitLabel="Schedule review" pending={submit.pending} onCancel={onCancel} />
      </form>
    </section>
  );
}

/** The patient's current orders; none chosen means a review of the whole medication list. */
function OrderSelect({ patientId, value, onChange, error }: { patientId: number; value: string; onChange(v: string): void; error?: string }) {
  const orders = useApiQuery('orders.listForPatient', { patientId, includeInactive: false });
  const options = [
    { value: '', label: orders.loading ? 'Loading orders…' : 'No one order: the whole medication list' },
    ...(orders.data ?? []).map((o) => ({ value: String(o.id), label: `${o.medication.name} (${o.status})` })),
  ];
  return <SelectField label="Order (optional)" value={value} onChange={onChange} options={options} error={error ?? orders.error?.message} />;
}
