import { useState, type FormEvent } from 'react';
import { isFrequency, type Frequency } from '../../../../../main/domain/frequency';
import type { OrderDetail } from '../../../../../main/ipc/contract/orders';
import { ApiError, call } from '../../../api';
import { SafetyWarnings, type Warning } from '../start/SafetyWarnings';
import { FormActions } from '../../../components/FormActions';
import { FormError } from '../../../components/FormError';
import { SelectField, TextField } from '../../../components/fields';
import { DateTimeInput as DateTimeField } from '../../../components/DateInput';
import { useAction } from '../../../hooks';
import { AmountField, parseAmount } from '../fields';
import { FREQUENCY_OPTIONS, unitLabel } from '../labels';
import { localToInstant, nowLocal } from '../time';

/** A new dose version from an instant (never an edit of the old one), with the reason for it. */
export function ChangeDoseForm({
  order,
  zone,
  onDone,
  onCancel,
}: {
  order: OrderDetail;
  zone: string;
  onDone(order: OrderDetail, message: string): void;
  onCancel(): void;
}) {
  const current = order.doseNow ?? order.versions.find((v) => !v.voidedAt) ?? null;
  const [amount, setAmount] = useState(current ? String(current.amount) : '');
  const [frequency, setFrequency] = useState<Frequency>(current && isFrequency(current.frequency) ? current.frequency : 'daily');
  const [fromLocal, setFromLocal] = useState(() => nowLocal(zone));
  const [reason, setReason] = useState('');
  const submit = useAction();
  // Dose-range warnings from main: shown, then the next save sends the override reason.
  const [warnings, setWarnings] = useState<Warning[]>([]);
  const [overrideReason, setOverrideReason] = useState('');
  const overrideArgs = { overrideReason: warnings.length ? overrideReason : null };
  const keepWarnings = (err: unknown): never => {
    if (err instanceof ApiError && err.code === 'SAFETY_WARNING') setWarnings(err.warnings);
    throw err;
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const effectiveFrom = localToInstant(fromLocal, zone) ?? '';
    const updated = await submit.run(() =>
      call('orders.changeDose', {
        orderId: order.id,
        amount: parseAmount(amount),
        frequency,
        effectiveFrom,
        reason,
        ...overrideArgs,
      }).catch(keepWarnings),
    );
    if (updated) onDone(updated, 'Dose change saved.');
  };

  return (
    <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="order-action-heading">
      <h3 id="order-action-heading">Change dose</h3>
      <FormError error={submit.error?.code === 'SAFETY_WARNING' ? null : submit.error} />
      <div className="field-row">
        <AmountField
          label="New amount"
          value={amount}
          onChange={setAmount}
          unit={unitLabel(order.medication.unit)}
          error={submit.error?.field('amount')}
          required
          autoFocus
        />
        <SelectField
          label="Frequency"
          value={frequency}
          onChange={(v) => setFrequency(v)}
          options={FREQUENCY_OPTIONS}
          error={submit.error?.field('frequency')}
          required
        />
        <DateTimeField
          label="Effective from"
          value={fromLocal}
          onChange={setFromLocal}
          error={submit.error?.field('effectiveFrom')}
          required
          hint={`Clinic time (${zone}); now or later.`}
        />
      </div>
      <TextField
        label="Reason"
        value={reason}
        onChange={setReason}
        error={submit.error?.field('reason')}
        required
        size="wide"
        hint="Kept with the dose version and in the audit log."
      />
      {warnings.length > 0 ? (
        <SafetyWarnings
          warnings={warnings}
          reason={overrideReason}
          onReason={setOverrideReason}
          reasonError={submit.error?.field('overrideReason')}
          onCancel={onCancel}
          heading="Check before saving"
          cancelLabel="Cancel the dose change"
        />
      ) : null}
      <FormActions submitLabel="Save dose change" pending={submit.pending} onCancel={onCancel} />
    </form>
  );
}
