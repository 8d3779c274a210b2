import { useState, type FormEvent } from 'react';
import { ROLES, type RoleName } from '../../../../main/ipc/contract';
import { call } from '../../api';
import { FormActions } from '../../components/FormActions';
import { FormError } from '../../components/FormError';
import { SelectField, TextField } from '../../components/fields';
import { roleLabel } from '../../format';
import { useAction } from '../../hooks';
import type { User } from './UsersTable';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: roleLabel(r) }));

export function CreateUserForm({ onCreated, onCancel }: { onCreated(u: User): void; onCancel(): void }) {
  const [form, setForm] = useState({ login: '', displayName: '', role: 'nurse' as RoleName, credentials: '', password: '' });
  const submit = useAction();
  const set =
    <K extends keyof typeof form>(key: K) =>
    (v: (typeof form)[K]) =>
      setForm((f) => ({ ...f, [key]: v }));
  const err = (key: string) => submit.error?.field(key);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const credentials = form.credentials.trim() || null;
    const user = await submit.run(() => call('users.create', { ...form, credentials }));
    if (user) onCreated(user);
  };

  return (
    <section className="panel" aria-labelledby="add-user-heading">
      <h2 id="add-user-heading">Add user</h2>
      <form onSubmit={onSubmit} noValidate className="form">
        <FormError error={submit.error} />
        <div className="field-row">
          <TextField label="Name" value={form.displayName} onChange={set('displayName')} error={err('displayName')} required autoFocus />
          <TextField label="Credentials" value={form.credentials} onChange={set('credentials')} error={err('credentials')} hint="For example MD, NP, RN." size="short" />
        </div>
        <div className="field-row">
          <TextField label="Login" value={form.login} onChange={set('login')} error={err('login')} required hint="Letters, digits, dot, dash and underscore." />
          <SelectField label="Role" value={form.role} onChange={set('role')} options={ROLE_OPTIONS} error={err('role')} required />
        </div>
        <TextField label="Initial password" type="password" value={form.password} onChange={set('password')} error={err('password')} required autoComplete="new-password" hint="At least 10 characters. Give it to them in person." />
        <FormActions submitLabel="Create user" pending={submit.pending} onCancel={onCancel} />
      </form>
    </section>
  );
}
