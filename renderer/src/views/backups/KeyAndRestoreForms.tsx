import { useState, type FormEvent } from 'react';
import type { OutputOf } from '../../../../main/ipc/contract';
import { announceSessionEnded, call } from '../../api';
import { FormActions } from '../../components/FormActions';
import { FormError } from '../../components/FormError';
import { CheckboxField, TextField } from '../../components/fields';
import { useClinicZone } from '../../context';
import { formatInstant } from '../../format';
import { useAction, useRunningJob } from '../../hooks';

type Job = OutputOf<'clinic.jobs'>[number];

const PHASE_WORDS: Record<'rekey' | 'restore', Record<string, string>> = {
  rekey: {
    starting: 'Starting',
    checking: 'Checking the recovery passphrase',
    rewriting: 'Re-encrypting the clinic file',
    reopening: 'Opening the clinic file with its new key',
  },
  restore: {
    starting: 'Starting',
    copying: 'Copying the backup beside the clinic file',
    checking: 'Checking the backup',
    replacing: 'Putting the backup in place',
    opening: 'Opening the restored clinic file',
  },
};

/** A job's progress bar and its phase in words. */
export function JobProgress({ job, label }: { job: Job | null; label: string }) {
  const zone = useClinicZone();
  if (!job) return null;
  const words = (PHASE_WORDS as Record<string, Record<string, string>>)[job.kind]?.[job.phase] ?? 'Working';
  return (
    <div className="backup-progress">
      <progress aria-label={label} max={100} value={job.percent ?? undefined} />
      <p role="status">
        {words}
        {job.percent !== null ? ` (${job.percent} %)` : ''}; started {formatInstant(job.startedAt, zone)}.
      </p>
    </div>
  );
}

/** Issue 10, item 11: a new random database key, the recovery passphrase asked for first. */
export function RekeyForm() {
  const [passphrase, setPassphrase] = useState('');
  const [done, setDone] = useState(false);
  const rekey = useAction();
  const job = useRunningJob('rekey');
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const r = await rekey.run(() => call('clinic.rekey', { recoveryPassphrase: passphrase }));
    if (r) {
      setPassphrase('');
      setDone(true);
    }
  };
  return (
    <section aria-labelledby="rekey" className="backup-panel">
      <h2 id="rekey">Database key</h2>
      <p>
        Re-encrypt the clinic file under a new random key, for instance after a copy of the file and its key may have left the clinic. The recovery
        passphrase stays the same. Other work waits for the moment the file is rewritten.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <TextField label="Recovery passphrase" type="password" value={passphrase} onChange={setPassphrase} required error={rekey.error?.field('recoveryPassphrase')} />
        <FormActions submitLabel="Change the database key" pending={rekey.pending} />
      </form>
      <JobProgress job={job} label="Database key change progress" />
      <FormError error={rekey.error} />
      {done ? (
        <p role="status">
          The clinic file is now encrypted under a new key. Backups made before keep their own key files and still restore with the passphrase they were made
          with.
        </p>
      ) : null}
    </section>
  );
}

/** Issue 10, item 12: replace the clinic file with a backup, with the command line's checks. */
export function RestoreForm() {
  const [file, setFile] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState(false);
  const [otherClinic, setOtherClinic] = useState(false);
  const [result, setResult] = useState<OutputOf<'clinic.restore'> | null>(null);
  const restore = useAction();
  const job = useRunningJob('restore');
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    const r = await restore.run(() => call('clinic.restore', { file, passphrase, confirm: confirm as true, replaceOtherClinic: otherClinic }));
    if (r) setResult(r);
  };
  if (result) {
    return (
      <section aria-labelledby="restore" className="backup-panel">
        <h2 id="restore">Restore from a backup</h2>
        <p role="status">
          The clinic file was restored from {result.restoredFrom}
          {result.clinicName ? ` (the clinic "${result.clinicName}")` : ''}: its integrity check is clean and its audit chain of {result.entries} entries
          verifies. {result.keptAs ? `The previous clinic file is kept as ${result.keptAs}.` : ''} {result.notes.join(' ')}
        </p>
        <p>The accounts are now those of the backup: log in again.</p>
        <button type="button" onClick={announceSessionEnded}>
          Log in to the restored clinic
        </button>
      </section>
    );
  }
  return (
    <section aria-labelledby="restore" className="backup-panel">
      <h2 id="restore">Restore from a backup</h2>
      <p>
        Replaces the clinic file with a backup, after checking it (its passphrase opens it, it is undamaged, its audit chain verifies, it is a backup of this
        clinic). Everything recorded since the backup was made is replaced; the current file is kept beside it. Everyone logs in again afterwards.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label="Backup file"
          value={file}
          onChange={setFile}
          required
          size="wide"
          error={restore.error?.field('file')}
          hint="The full path of the backup file (ending in .db); its key file (.db.keys.json) must be beside it."
        />
        <TextField
          label="The backup's recovery passphrase"
          type="password"
          value={passphrase}
          onChange={setPassphrase}
          required
          error={restore.error?.field('passphrase')}
          hint="The recovery passphrase the clinic had when the backup was made."
        />
        <CheckboxField label="Replace the clinic file with this backup" checked={confirm} onChange={setConfirm} error={restore.error?.field('confirm')} />
        <CheckboxField label="Replace this clinic with the other clinic" checked={otherClinic} onChange={setOtherClinic} hint="Only for a backup of another clinic, which is refused otherwise." />
        <FormActions submitLabel="Restore" pending={restore.pending} danger />
      </form>
      <JobProgress job={job} label="Restore progress" />
      <FormError error={restore.error} />
    </section>
  );
}
