import { useState, type FormEvent } from 'react';
import type { OrderDetail } from '../../../../../main/ipc/contract/orders';
import { call } from '../../../api';
import { FormActions } from '../../../components/FormActions';
import { FormError } from '../../../components/FormError';
import { TextAreaField } from '../../../components/fields';
import { useAction } from '../../../hooks';
import { useFocusFirstField } from '../fields';

/** After a review decided "stop": discontinue the order with a reason (its open reviews are cancelled). */
export function DiscontinueForm({ orderId, reasonDraft, onSaved, onSkip }: { orderId: number; reasonDraft: string; onSaved(order: OrderDetail): void; onSkip(): void }) {
  const [reason, setReason] = useState(reasonDraft);
  const submit = useAction();
  const formRef = useFocusFirstField<HTMLFormElement>();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await submit.run(() => call('orders.discontinue', { orderId, reason }));
    if (saved) onSaved(saved);
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="form">
      <p>Nurses can no longer give it once it is stopped; its open reviews are cancelled with this reason.</p>
      <FormError error={submit.error} />
      <TextAreaField label="Reason for stopping" value={reason} onChange={setReason} error={submit.error?.field('reason')} required />
      <FormActions submitLabel="Stop the order" pending={submit.pending} danger onCancel={onSkip} cancelLabel="Not now" />
    </form>
  );
}
