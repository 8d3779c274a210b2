import { useState, type FormEvent } from 'react';
import { isFrequency, type Frequency } from '../../../../../main/domain/frequency';
import type { OrderDetail } from '../../../../../main/ipc/contract/orders';
import { call } from '../../../api';
import { FormActions } from '../../../components/FormActions';
import { FormError } from '../../../components/FormError';
import { DateTimeField, SelectField, TextField } from '../../../components/fields';
import { useAction } from '../../../hooks';
import { AmountField, parseAmount } from '../fields';
import { FREQUENCY_OPTIONS, unitLabel } from '../labels';
import { localToInstant, nowLocal } from '../time';

/** A new dose version from an instant (never an edit of the old one), with the reason for it. */
export function ChangeDoseForm({ order, zone, onDone, onCancel }: { order: OrderDetail; zone: string; onDone(order: OrderDetail, message: string): void; onCancel(): void }) {
  const current = order.doseNow ?? order.versions.find((v) => !v.voidedAt) ?? null;
  const [amount, setAmount] = useState(current ? String(current.amount) : '');
  const [frequency, setFrequency] = useState<Frequency>(current && isFrequency(current.frequency) ? current.frequency : 'daily');
  const [fromLocal, setFromLocal] = useState(() => nowLocal(zone));
  const [reason, setReason] = useState('');
  const submit = useAction();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const effectiveFrom = localToInstant(fromLocal, zone) ?? '';
    const updated = await submit.run(() => call('orders.changeDose', { orderId: order.id, amount: parseAmount(amount), frequency, effectiveFrom, reason }));
    if (updated) onDone(updated, 'Dose change saved.');
  };

  return (
    <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="order-action-heading">
      <h3 id="order-action-heading">Change dose</h3>
      <FormError error={submit.error} />
      <div className="field-row">
        <AmountField label="New amount" value={amount} onChange={setAmount} unit={unitLabel(order.medication.unit)} error={submit.error?.field('amount')} required autoFocus />
        <SelectField label="Frequency" value={frequency} onChange={(v) => setFrequency(v)} options={FREQUENCY_OPTIONS} error={submit.error?.field('frequency')} required />
        <DateTimeField label="Effective from" value={fromLocal} onChange={setFromLocal} error={submit.error?.field('effectiveFrom')} required hint={`Clinic time (${zone}); now or later.`} />
      </div>
      <TextField label="Reason" value={reason} onChange={setReason} error={submit.error?.field('reason')} required size="wide" hint="Kept with the dose version and in the audit log." />
      <FormActions submitLabel="Save dose change" pending={submit.pending} onCancel={onCancel} />
    </form>
  );
}
