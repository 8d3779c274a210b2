import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { FormActions } from '../../components/FormActions';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/fields';
import { useAction } from '../../hooks';
import type { User } from './UsersTable';

export type UserAction = { kind: 'deactivate' | 'reactivate' | 'resetPassword' | 'grantCharge' | 'revokeCharge'; user: User };

const TITLES: Record<UserAction['kind'], string> = {
  deactivate: 'Deactivate',
  reactivate: 'Reactivate',
  resetPassword: 'Reset password for',
  grantCharge: 'Make charge nurse:',
  revokeCharge: 'Remove charge nurse:',
};

const SUBMIT_LABELS: Record<UserAction['kind'], string> = {
  deactivate: 'Deactivate',
  reactivate: 'Reactivate',
  resetPassword: 'Set new password',
  grantCharge: 'Make charge nurse',
  revokeCharge: 'Remove charge nurse',
};

/** One account change at a time, with what it needs: a reason, or the new password. */
export function UserActionPanel({ action, onDone, onCancel }: { action: UserAction; onDone(message: string): void; onCancel(): void }) {
  const [value, setValue] = useState('');
  const submit = useAction();
  const { user, kind } = action;
  const title = `${TITLES[kind]} ${user.displayName}`;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (kind === 'resetPassword') {
      const u = await submit.run(() => call('users.resetPassword', { id: user.id, password: value }));
      if (u) onDone(`New password set for ${u.displayName}; give it to them in person.`);
    } else if (kind === 'grantCharge' || kind === 'revokeCharge') {
      const u = await submit.run(() => call('users.setChargeNurse', { id: user.id, chargeNurse: kind === 'grantCharge', reason: value }));
      if (u)
        onDone(
          u.chargeNurse
            ? `${u.displayName} is now a charge nurse: where the clinic's rule allows it, they may mark colleagues' MAR entries entered-in-error.`
            : `${u.displayName} is no longer a charge nurse.`,
        );
    } else {
      const u = await submit.run(() => call('users.setActive', { id: user.id, active: kind === 'reactivate', reason: value }));
      if (u) onDone(`${u.displayName} is ${u.active ? 'active again' : 'deactivated'}.`);
    }
  };

  return (
    <section className="panel" aria-labelledby="user-action-heading">
      <h2 id="user-action-heading">{title}</h2>
      <form onSubmit={onSubmit} noValidate className="form">
        <FormError error={submit.error} />
        {kind === 'resetPassword' ? (
          <TextField label="New password" type="password" value={value} onChange={setValue} error={submit.error?.field('password')} required autoFocus autoComplete="new-password" hint="At least 10 characters. Any lockout is cleared." />
        ) : (
          <TextField label="Reason" value={value} onChange={setValue} error={submit.error?.field('reason')} required autoFocus size="wide" hint="Kept in the audit log." />
        )}
        <FormActions submitLabel={SUBMIT_LABELS[kind]} pending={submit.pending} danger={kind === 'deactivate'} onCancel={onCancel} />
      </form>
    </section>
  );
}
