import { useState, type FormEvent } from 'react';
import { isFrequency, type Frequency } from '../../../../../main/domain/frequency';
import type { OrderDetail } from '../../../../../main/ipc/contract/orders';
import { call } from '../../../api';
import { FormActions } from '../../../components/FormActions';
import { FormError } from '../../../components/FormError';
import { SelectField, TextField } from '../../../components/fields';
import { DateTimeInput as DateTimeField } from '../../../components/DateInput';
import { useAction } from '../../../hooks';
import { fieldError } from '../../followups/localErrors';
import { AmountField, parseAmount } from '../fields';
import { doseInWords, FREQUENCY_OPTIONS, unitLabel } from '../labels';
import { localToInstant, nowLocal } from '../time';
import { OverridePrompt, useOverridePrompt, withoutWarnings } from './OverridePrompt';

/**
 * The one dose-change form (issue 12 item 6): a new dose version from an instant (never an edit
 * of the old one), with the reason for it. Used on the order page and after a review decided
 * "adjust" (followups/orderActions/DoseChangeForm), so the amount is read one way everywhere
 * (parseAmount: empty or junk reaches main as no number, and main says so in words) and a dose
 * that needs an override reason is asked for it the same way.
 */
export function ChangeDoseForm({
  order,
  zone,
  onDone,
  onCancel,
  reasonDraft = '',
  cancelLabel = 'Cancel',
  heading = 'Change dose',
}: {
  order: OrderDetail;
  zone: string;
  onDone(order: OrderDetail, message: string): void;
  onCancel(): void;
  /** The reason to start from (a review's note). */
  reasonDraft?: string;
  cancelLabel?: string;
  /** The form's own heading; null where the surrounding panel has one. */
  heading?: string | null;
}) {
  const current = order.doseNow ?? order.versions.find((v) => !v.voidedAt) ?? null;
  const [amount, setAmount] = useState(current ? String(current.amount) : '');
  const [frequency, setFrequency] = useState<Frequency>(current && isFrequency(current.frequency) ? current.frequency : 'daily');
  const [fromLocal, setFromLocal] = useState(() => nowLocal(zone));
  const [reason, setReason] = useState(reasonDraft);
  const submit = useAction();
  const override = useOverridePrompt();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const updated = await submit.run(() => {
      if (fromLocal === '') throw fieldError('effectiveFrom', 'Enter when the new dose starts.');
      const effectiveFrom = localToInstant(fromLocal, zone) ?? '';
      return call('orders.changeDose', { orderId: order.id, amount: parseAmount(amount), frequency, effectiveFrom, reason, ...override.args }).catch(override.keep);
    });
    if (updated) onDone(updated, 'Dose change saved.');
  };

  return (
    <form onSubmit={onSubmit} noValidate className="form" aria-labelledby={heading ? 'order-action-heading' : undefined}>
      {heading ? <h3 id="order-action-heading">{heading}</h3> : null}
      <p>
        Now: {current ? doseInWords(current) : 'no dose in effect'}. The change is a new dose version; the old one stays on record.
      </p>
      <FormError error={withoutWarnings(submit.error)} />
      <div className="field-row">
        <AmountField label="New amount" value={amount} onChange={setAmount} unit={unitLabel(order.medication.unit)} error={submit.error?.field('amount')} required autoFocus />
        <SelectField label="Frequency" value={frequency} onChange={(v) => setFrequency(v)} options={FREQUENCY_OPTIONS} error={submit.error?.field('frequency')} required />
        <DateTimeField label="Effective from" value={fromLocal} onChange={setFromLocal} error={submit.error?.field('effectiveFrom')} required hint={`Clinic time (${zone}); now or later.`} />
      </div>
      <TextField label="Reason" value={reason} onChange={setReason} error={submit.error?.field('reason')} required size="wide" hint="Kept with the dose version and in the audit log." />
      <OverridePrompt prompt={override} error={submit.error} onCancel={onCancel} cancelLabel="Cancel the dose change" />
      <FormActions submitLabel="Save dose change" pending={submit.pending} onCancel={onCancel} cancelLabel={cancelLabel} />
    </form>
  );
}
