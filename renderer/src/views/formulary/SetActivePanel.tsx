import { useState, type FormEvent } from 'react';
import type { Medication } from '../../../../main/ipc/contract/formulary';
import { call } from '../../api';
import { FormActions } from '../../components/FormActions';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/fields';
import { useAction } from '../../hooks';

/** Withdraw a medication from new orders (existing orders are untouched), or bring it back. */
export function SetActivePanel({ medication, onSaved, onCancel }: { medication: Medication; onSaved(m: Medication, message: string): void; onCancel(): void }) {
  const [reason, setReason] = useState('');
  const submit = useAction();
  const withdrawing = medication.active;
  const verb = withdrawing ? 'Withdraw' : 'Restore';

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await submit.run(() => call('formulary.setActive', { id: medication.id, active: !withdrawing, reason }));
    if (saved) onSaved(saved, withdrawing ? `${saved.name} withdrawn: it can no longer be ordered.` : `${saved.name} restored to the formulary.`);
  };

  return (
    <section className="panel" aria-labelledby="set-active-heading">
      <h2 id="set-active-heading">
        {verb} {medication.name}
      </h2>
      <form onSubmit={onSubmit} noValidate className="form">
        <FormError error={submit.error} />
        <TextField label="Reason" value={reason} onChange={setReason} error={submit.error?.field('reason')} required autoFocus size="wide" hint={withdrawing ? 'Existing orders are not changed. Kept in the audit log.' : 'Kept in the audit log.'} />
        <FormActions submitLabel={withdrawing ? 'Withdraw from the formulary' : 'Restore to the formulary'} pending={submit.pending} danger={withdrawing} onCancel={onCancel} />
      </form>
    </section>
  );
}
