import { useState, type FormEvent } from 'react';
import type { SessionState, SessionUser } from '../../../../main/ipc/contract/session';
import { call } from '../../api';
import { CenteredPage } from '../../components/CenteredPage';
import { FormActions } from '../../components/FormActions';
import { FormError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { TextField } from '../../components/fields';
import { roleLabel } from '../../format';
import { useAction } from '../../hooks';

/**
 * The session is locked: nothing clinical is on screen. Only the same person's password
 * reopens it; anyone else must switch user (which ends that session).
 */
export function LockScreen({ user, byUser, onUnlocked, onSwitchUser }: { user: SessionUser; byUser: boolean; onUnlocked(state: SessionState): void; onSwitchUser(): void }) {
  const [password, setPassword] = useState('');
  const submit = useAction();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const state = await submit.run(() => call('session.login', { login: user.login, password }));
    if (state) onUnlocked(state);
  };

  return (
    <CenteredPage>
      <PageHeading takeFocus={false}>{byUser ? 'Screen locked' : 'Session locked after inactivity'}</PageHeading>
      <p>
        <bdi>{user.displayName}</bdi> ({roleLabel(user.role)}) — enter your password to continue where you left off.
      </p>
      <form onSubmit={onSubmit} noValidate className="form">
        <FormError error={submit.error} />
        {/* Lets password managers pair the password with this account. */}
        <input type="text" name="username" autoComplete="username" value={user.login} readOnly hidden />
        <TextField label="Password" type="password" value={password} onChange={setPassword} error={submit.error?.field('password')} autoComplete="current-password" autoFocus />
        <FormActions submitLabel={submit.pending ? 'Unlocking…' : 'Unlock'} pending={submit.pending} onCancel={onSwitchUser} cancelLabel="Switch user" />
      </form>
    </CenteredPage>
  );
}
