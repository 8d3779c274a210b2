import { useState, type FormEvent } from 'react';
import type { OrderDetail } from '../../../../../main/ipc/contract/orders';
import { call } from '../../../api';
import { FormActions } from '../../../components/FormActions';
import { FormError } from '../../../components/FormError';
import { TextField } from '../../../components/fields';
import { useAction } from '../../../hooks';

export type ReasonAction = 'hold' | 'resume' | 'discontinue' | 'stopTaper';

const TEXT: Record<ReasonAction, { heading: string; submit: string; done: string; hint: string; danger?: boolean }> = {
  hold: { heading: 'Hold this order', submit: 'Hold order', done: 'Order held.', hint: 'Nurses may not give it while it is held.' },
  resume: { heading: 'Resume this order', submit: 'Resume order', done: 'Order resumed.', hint: 'Remaining taper steps move later by the length of the hold.' },
  discontinue: { heading: 'Discontinue this order', submit: 'Discontinue order', done: 'Order discontinued.', hint: 'Planned steps and open reviews are cancelled.', danger: true },
  stopTaper: { heading: 'Stop the taper', submit: 'Stop the taper', done: 'Taper stopped; the current dose continues.', hint: 'The remaining planned steps are cancelled; the current dose continues.' },
};

const CHANNEL = { hold: 'orders.hold', resume: 'orders.resume', discontinue: 'orders.discontinue', stopTaper: 'orders.stopTaper' } as const;

/** A state change that needs only a reason, which goes into the audit log. */
export function ReasonForm({ orderId, action, onDone, onCancel }: { orderId: number; action: ReasonAction; onDone(order: OrderDetail, message: string): void; onCancel(): void }) {
  const [reason, setReason] = useState('');
  const submit = useAction();
  const text = TEXT[action];
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const updated = await submit.run(() => call(CHANNEL[action], { orderId, reason }));
    if (updated) onDone(updated, text.done);
  };
  return (
    <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="order-action-heading">
      <h3 id="order-action-heading">{text.heading}</h3>
      <FormError error={submit.error} />
      <TextField label="Reason" value={reason} onChange={setReason} error={submit.error?.field('reason')} required autoFocus size="wide" hint={`${text.hint} Kept in the audit log.`} />
      <FormActions submitLabel={text.submit} pending={submit.pending} danger={text.danger} onCancel={onCancel} />
    </form>
  );
}
