import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { CenteredPage } from '../../components/CenteredPage';
import { FormActions } from '../../components/FormActions';
import { FormError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { TextField } from '../../components/fields';
import { useClinic } from '../../context';
import { useAction } from '../../hooks';

/**
 * The clinic file exists but this workstation cannot open it on its own (a new or repaired
 * computer): the administrator's recovery passphrase unlocks it.
 */
export function UnlockPage() {
  const { status, setStatus } = useClinic();
  const [passphrase, setPassphrase] = useState('');
  const submit = useAction();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const next = await submit.run(() => call('clinic.unlock', { recoveryPassphrase: passphrase }));
    if (next) setStatus(next);
  };

  return (
    <CenteredPage>
      <PageHeading takeFocus={false}>Enter the recovery passphrase</PageHeading>
      <p>
        This computer cannot open the clinic&apos;s encrypted file by itself yet. Enter the recovery passphrase that was written down when the
        clinic was set up. After that, this computer opens the file on its own.
      </p>
      {status.problem ? (
        <p className="notice" role="status">
          {status.problem}
        </p>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="form">
        <FormError error={submit.error} />
        <TextField label="Recovery passphrase" type="password" value={passphrase} onChange={setPassphrase} error={submit.error?.field('recoveryPassphrase')} required autoFocus />
        <FormActions submitLabel={submit.pending ? 'Unlocking…' : 'Unlock'} pending={submit.pending} />
      </form>
    </CenteredPage>
  );
}
