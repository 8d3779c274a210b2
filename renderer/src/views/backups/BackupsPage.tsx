import { useState, type FormEvent } from 'react';
import type { OutputOf } from '../../../../main/ipc/contract';
import { call } from '../../api';
import { FormActions } from '../../components/FormActions';
import { FormError, LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { CheckboxField, TextField } from '../../components/fields';
import { useClinicZone } from '../../context';
import { formatInstant } from '../../format';
import { useAction, useApiQuery, useRunningJob } from '../../hooks';
import { describeBackup, formatBytes } from './words';
import { RekeyForm, RestoreForm } from './KeyAndRestoreForms';
import './backups.css';

type Status = OutputOf<'backups.status'>;

/**
 * The administrator's backups: the last good copy and any failure in words, a backup now into a
 * chosen folder with its progress (clinic.jobs), and the daily schedule with its retention.
 */
export function BackupsPage() {
  const status = useApiQuery('backups.status', {});
  return (
    <>
      <PageHeading>Backups</PageHeading>
      <LoadError error={status.error} onRetry={status.reload} />
      {status.data ? (
        <>
          <LastBackup status={status.data} />
          <BackUpNow initialFolder={status.data.schedule?.folder ?? ''} onDone={status.reload} />
          <ScheduleForm status={status.data} onSaved={status.reload} />
          <ChangePassphraseForm />
          <RekeyForm />
          <RestoreForm />
        </>
      ) : status.loading ? (
        <p role="status">Loading…</p>
      ) : null}
    </>
  );
}

function LastBackup({ status }: { status: Status }) {
  const zone = useClinicZone();
  return (
    <section aria-labelledby="last-backup" className="backup-panel">
      <h2 id="last-backup">Last backup</h2>
      <p>{status.lastGood ? describeBackup(status.lastGood, zone) : 'No backup has been made on this workstation yet.'}</p>
      {status.lastFailure ? (
        <p className="backup-failed">
          The {status.lastFailure.trigger === 'scheduled' ? 'scheduled ' : ''}backup of {formatInstant(status.lastFailure.startedAt, zone)} failed:{' '}
          {status.lastFailure.message}
        </p>
      ) : null}
    </section>
  );
}

const PHASE_WORDS: Record<string, string> = { starting: 'Starting', copying: 'Copying the clinic file', checking: 'Checking the copy' };

function BackUpNow({ initialFolder, onDone }: { initialFolder: string; onDone(): void }) {
  const zone = useClinicZone();
  const [folder, setFolder] = useState(initialFolder);
  const [result, setResult] = useState<OutputOf<'backups.run'> | null>(null);
  const action = useAction();
  const job = useRunningJob('backup');

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    const r = await action.run(() => call('backups.run', { folder }));
    if (r) setResult(r);
    onDone();
  };

  return (
    <section aria-labelledby="backup-now" className="backup-panel">
      <h2 id="backup-now">Back up now</h2>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label="Backup folder"
          value={folder}
          onChange={setFolder}
          required
          size="wide"
          error={action.error?.field('folder')}
          hint="The full path of a folder on another disk or a network share. Each backup gets a new file named with its date and time."
        />
        <FormActions submitLabel="Back up now" pending={action.pending} />
      </form>
      {job ? (
        <div className="backup-progress">
          <progress aria-label="Backup progress" max={100} value={job.percent ?? undefined} />
          <p role="status">
            {PHASE_WORDS[job.phase] ?? 'Working'}
            {job.percent !== null ? ` (${job.percent} %)` : ''}; started {formatInstant(job.startedAt, zone)}.
          </p>
        </div>
      ) : null}
      <FormError error={action.error} />
      {result?.ok ? (
        <p role="status" className="backup-done">
          Backup written to {result.file} ({formatBytes(result.sizeBytes ?? 0)}) at {formatInstant(result.finishedAt, zone)}. It passed its checks
          (the copy opens with the key, its integrity check is clean and its audit chain verifies). Keep its key file, {result.file}.keys.json,
          beside it.
        </p>
      ) : null}
    </section>
  );
}

function ScheduleForm({ status, onSaved }: { status: Status; onSaved(): void }) {
  const zone = useClinicZone();
  const initial = status.schedule ?? { enabled: false, folder: null, time: '12:30', keep: 14 };
  const [enabled, setEnabled] = useState(initial.enabled);
  const [folder, setFolder] = useState(initial.folder ?? '');
  const [time, setTime] = useState(initial.time);
  const [keep, setKeep] = useState(String(initial.keep));
  const [notice, setNotice] = useState<string | null>(null);
  const save = useAction();
  const err = (f: string) => save.error?.field(`backups.schedule.${f}`);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const value = { enabled, folder: folder.trim() === '' ? null : folder, time, keep: Number(keep) };
    const r = await save.run(() => call('settings.update', { values: { 'backups.schedule': value } }));
    if (r) {
      setNotice('Backup schedule saved.');
      onSaved();
    }
  };

  return (
    <section aria-labelledby="backup-schedule" className="backup-panel">
      <h2 id="backup-schedule">Daily backup</h2>
      {status.scheduleProblem ? <p role="alert">{status.scheduleProblem}</p> : null}
      <form onSubmit={onSubmit} noValidate>
        <CheckboxField label="Back up every day" checked={enabled} onChange={setEnabled} />
        <TextField label="Folder for the daily backups" value={folder} onChange={setFolder} size="wide" error={err('folder')} />
        <TextField
          label="Time of day"
          type="text"
          size="short"
          value={time}
          onChange={setTime}
          error={err('time')}
          hint="24-hour clinic time, e.g. 12:30. If the workstation is off then, the backup is made as soon as Medtrack is next open."
        />
        <TextField label="Daily backups to keep" type="number" size="short" min={1} max={365} value={keep} onChange={setKeep} error={err('keep')} hint="Older daily backups in the folder are removed; backups made by hand are never removed." />
        <FormActions submitLabel="Save schedule" pending={save.pending} />
      </form>
      <FormError error={save.error} />
      {notice ? <p role="status">{notice}</p> : null}
      {status.nextAt ? <p>Next daily backup: {formatInstant(status.nextAt, zone)}.</p> : null}
    </section>
  );
}

/** Issue 10, item 11: a new recovery passphrase, the current one asked for first (audited). */
function ChangePassphraseForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const change = useAction();
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const r = await change.run(() => call('clinic.changePassphrase', { currentPassphrase: current, newPassphrase: next, newPassphraseConfirm: confirm }));
    if (r) {
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
    }
  };
  return (
    <section aria-labelledby="change-passphrase" className="backup-panel">
      <h2 id="change-passphrase">Recovery passphrase</h2>
      <form onSubmit={onSubmit} noValidate>
        <TextField label="Current recovery passphrase" type="password" value={current} onChange={setCurrent} required error={change.error?.field('currentPassphrase')} />
        <TextField label="New recovery passphrase" type="password" value={next} onChange={setNext} required error={change.error?.field('newPassphrase')} hint="At least 12 characters. Write it down and keep it safe: it is the only way to open the clinic file on another computer." />
        <TextField label="Repeat the new recovery passphrase" type="password" value={confirm} onChange={setConfirm} required error={change.error?.field('newPassphraseConfirm')} />
        <FormActions submitLabel="Change the passphrase" pending={change.pending} />
      </form>
      <FormError error={change.error} />
      {done ? (
        <p role="status">The recovery passphrase was changed. Backups made before keep the passphrase they were made with.</p>
      ) : null}
    </section>
  );
}
