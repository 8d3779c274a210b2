import { useState, type FormEvent } from 'react';
import type { SessionState } from '../../../../main/ipc/contract/session';
import { call } from '../../api';
import { CenteredPage } from '../../components/CenteredPage';
import { FormActions } from '../../components/FormActions';
import { FormError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { TextField } from '../../components/fields';
import { useClinic } from '../../context';
import { useAction } from '../../hooks';
import { DemoLogins } from './DemoLogins';

export function LoginPage({ onLoggedIn, onCancel }: { onLoggedIn(state: SessionState): void; onCancel?: () => void }) {
  const { status } = useClinic();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const submit = useAction();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const state = await submit.run(() => call('session.login', { login, password }));
    if (state) onLoggedIn(state);
  };

  return (
    <CenteredPage wide={status.mode === 'demo'}>
      <PageHeading takeFocus={false}>Log in</PageHeading>
      <p className="lead">{status.clinicName}</p>
      <form onSubmit={onSubmit} noValidate className="form">
        <FormError error={submit.error} />
        <TextField label="Login" value={login} onChange={setLogin} error={submit.error?.field('login')} autoComplete="username" autoFocus />
        <TextField label="Password" type="password" value={password} onChange={setPassword} error={submit.error?.field('password')} autoComplete="current-password" />
        <FormActions submitLabel={submit.pending ? 'Logging in…' : 'Log in'} pending={submit.pending} onCancel={onCancel} cancelLabel="Back to the lock screen" />
      </form>
      {status.mode === 'demo' && status.demoLogins ? (
        <DemoLogins
          logins={status.demoLogins}
          password={status.demoPassword}
          onPick={(l) => {
            setLogin(l);
            setPassword(status.demoPassword ?? '');
          }}
        />
      ) : null}
    </CenteredPage>
  );
}
