import { useState, type FormEvent } from 'react';
import { FREQUENCIES, frequencyInWords, type Frequency } from '../../../../../main/domain/frequency';
import type { OrderDetail } from '../../../../../main/ipc/contract/orders';
import { call } from '../../../api';
import { FormActions } from '../../../components/FormActions';
import { FormError, LoadError } from '../../../components/FormError';
import { SelectField, TextAreaField, TextField } from '../../../components/fields';
import { DateTimeInput as DateTimeField } from '../../../components/DateInput';
import { useClinicZone } from '../../../context';
import { useAction, useApiQuery } from '../../../hooks';
import { localToInstant, nowLocal } from '../../orders/time';
import { useFocusFirstField } from '../fields';
import { fieldError } from '../localErrors';

const FREQUENCY_OPTIONS = FREQUENCIES.map((f) => ({ value: f, label: frequencyInWords(f) }));

/**
 * After a review decided "adjust": a new dose version for the reviewed order (never an edit of
 * the old one), effective from a time on the clinic's clock, with the reason.
 */
export function DoseChangeForm({ orderId, reasonDraft, onSaved, onSkip }: { orderId: number; reasonDraft: string; onSaved(order: OrderDetail): void; onSkip(): void }) {
  const order = useApiQuery('orders.get', { id: orderId });
  if (order.error) return <LoadError error={order.error} onRetry={order.reload} />;
  if (!order.data) return <p role="status">Loading the order…</p>;
  return <DoseChangeFields order={order.data} reasonDraft={reasonDraft} onSaved={onSaved} onSkip={onSkip} />;
}

function DoseChangeFields({ order, reasonDraft, onSaved, onSkip }: { order: OrderDetail; reasonDraft: string; onSaved(order: OrderDetail): void; onSkip(): void }) {
  const zone = useClinicZone() ?? 'UTC';
  const dose = order.doseNow;
  const [amount, setAmount] = useState(dose ? String(dose.amount) : '');
  const [frequency, setFrequency] = useState<Frequency>((dose?.frequency as Frequency | undefined) ?? 'daily');
  const [effectiveFrom, setEffectiveFrom] = useState(() => nowLocal(zone));
  const [reason, setReason] = useState(reasonDraft);
  const submit = useAction();
  const formRef = useFocusFirstField<HTMLFormElement>();
  const err = (path: string) => submit.error?.field(path);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await submit.run(() => {
      if (amount.trim() === '') throw fieldError('amount', 'Enter the new dose.');
      if (effectiveFrom === '') throw fieldError('effectiveFrom', 'Enter when the new dose starts.');
      return call('orders.changeDose', { orderId: order.id, amount: Number(amount), frequency, effectiveFrom: localToInstant(effectiveFrom, zone) ?? '', reason });
    });
    if (saved) onSaved(saved);
  };

  const unit = dose?.unit ?? order.medication.unit;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="form">
      <p>
        Now: {dose ? `${dose.amount} ${dose.unit} ${dose.frequencyWords}` : 'no dose in effect'}. The change is a new dose version; the old one stays on record.
      </p>
      <FormError error={submit.error} />
      <div className="field-row">
        <TextField label={`New dose (${unit})`} type="number" min={0} value={amount} onChange={setAmount} error={err('amount')} required size="short" />
        <SelectField<Frequency> label="Frequency" value={frequency} onChange={setFrequency} options={FREQUENCY_OPTIONS} error={err('frequency')} required />
        <DateTimeField label="Effective from" value={effectiveFrom} onChange={setEffectiveFrom} error={err('effectiveFrom')} required hint={`Clinic time (${zone}).`} />
      </div>
      <TextAreaField label="Reason for the change" value={reason} onChange={setReason} error={err('reason')} required />
      <FormActions submitLabel="Save dose change" pending={submit.pending} onCancel={onSkip} cancelLabel="Not now" />
    </form>
  );
}
