import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { FormActions } from '../../components/FormActions';
import { FormError } from '../../components/FormError';
import { SelectField, TextField } from '../../components/fields';
import { useClinic } from '../../context';
import { useAction } from '../../hooks';
import { browserTimeZone, timeZoneOptions } from '../../timeZones';

const EMPTY = {
  clinicName: '',
  timeZone: browserTimeZone(),
  adminLogin: '',
  adminName: '',
  adminPassword: '',
  recoveryPassphrase: '',
  recoveryPassphraseConfirm: '',
};
type SetupForm = typeof EMPTY;

export function ClinicSetupForm({ onCancel }: { onCancel(): void }) {
  const [form, setForm] = useState<SetupForm>(EMPTY);
  const { setStatus } = useClinic();
  const submit = useAction();
  const set = (key: keyof SetupForm) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const err = (key: keyof SetupForm) => submit.error?.field(key);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const status = await submit.run(() => call('clinic.setup', form));
    if (status) setStatus(status);
  };

  return (
    <form onSubmit={onSubmit} noValidate className="form">
      <FormError error={submit.error} />
      <fieldset>
        <legend>Clinic</legend>
        <TextField label="Clinic name" value={form.clinicName} onChange={set('clinicName')} error={err('clinicName')} required autoFocus />
        <SelectField
          label="Time zone"
          value={form.timeZone}
          onChange={set('timeZone')}
          options={timeZoneOptions(form.timeZone)}
          error={err('timeZone')}
          hint="Review due dates and every time on screen follow this zone."
          required
        />
      </fieldset>
      <fieldset>
        <legend>First administrator</legend>
        <TextField label="Administrator login" value={form.adminLogin} onChange={set('adminLogin')} error={err('adminLogin')} required autoComplete="username" hint="Letters, digits, dot, dash and underscore." />
        <TextField label="Administrator name" value={form.adminName} onChange={set('adminName')} error={err('adminName')} required autoComplete="name" />
        <TextField label="Administrator password" type="password" value={form.adminPassword} onChange={set('adminPassword')} error={err('adminPassword')} required autoComplete="new-password" hint="At least 10 characters." />
      </fieldset>
      <fieldset>
        <legend>Recovery passphrase</legend>
        <div className="important" id="recovery-explainer">
          <p>
            <strong>The recovery passphrase is the only way to open the clinic&apos;s data on another computer</strong>, for example after this one is
            replaced or repaired. Nobody, including Medtrack&apos;s makers, can recover the data without it.
          </p>
          <p>Write it down now and store it safely, such as in the clinic&apos;s safe. Use at least 12 characters, different from the administrator password.</p>
        </div>
        <TextField label="Recovery passphrase" type="password" value={form.recoveryPassphrase} onChange={set('recoveryPassphrase')} error={err('recoveryPassphrase')} required autoComplete="new-password" />
        <TextField
          label="Repeat the recovery passphrase"
          type="password"
          value={form.recoveryPassphraseConfirm}
          onChange={set('recoveryPassphraseConfirm')}
          error={err('recoveryPassphraseConfirm')}
          required
          autoComplete="new-password"
        />
      </fieldset>
      <FormActions submitLabel={submit.pending ? 'Creating the clinic file…' : 'Create the clinic'} pending={submit.pending} onCancel={onCancel} cancelLabel="Back" cancelDisabled={submit.pending} />
    </form>
  );
}
