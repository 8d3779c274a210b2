import fs from 'node:fs';
import path from 'node:path';
import { openClinicDatabase, type ClinicDatabase } from '../../db/open';
import { WrongKeyError } from '../../db/errors';
import { keyFilePathFor, readKeyFile, unwrapWithPassphraseAsync } from '../keys/keyFile';
import type { OsKeyStore } from '../keys/keyStore';
import { AppError } from '../services/errors';
import { openWithPassphrase } from './clinicFile';
import { runOnJobThread, walGrowthPercent, type Progress } from './jobs';
import { pendingKeyFilePathFor } from './keyChanges';
import { removeStaging, swapInCheckedBackup, type CheckedBackup } from './restore';
import { journalPathFor } from './restoreSwap';

/**
 * The two admin-screen jobs that take the open clinic file away for a moment (issue 10, items 11
 * and 12): a new database key, and a restore from a backup. Each runs its slow part on a job
 * thread while the database worker goes on answering (clinic.jobs shows the progress; other
 * clinic calls are told to wait), and each leaves the clinic open afterwards: on the new key, on
 * the restored file, or, when anything failed, on the file and key it had before.
 */
export interface FileJobDeps {
  file: string;
  keyStore: OsKeyStore;
  now: string;
  progress: Progress;
  log: (msg: string, err?: unknown) => void;
  /** Closes the worker's connection (checkpointing the WAL), so the file can be rewritten or replaced. */
  close(): Promise<void>;
  /** A copy of the open connection's key, to reopen the file as it was if the job fails. */
  oldKey: Buffer;
  /** Makes `handle` the open clinic again: the same people stay logged in, or (a restored file) everyone logs in again. */
  reopen(handle: ClinicDatabase, opts: { endSession: boolean }): Promise<void>;
}

const REKEY_FAILED = 'The database key could not be changed; the clinic file is unchanged and opens with its old key. The details are in the application log.';

/** The recovery passphrase is checked before anything is touched; a wrong one changes nothing. */
async function checkRecoveryPassphrase(file: string, passphrase: string): Promise<void> {
  try {
    (await unwrapWithPassphraseAsync(readKeyFile(keyFilePathFor(file)).recovery, passphrase)).fill(0);
  } catch (err) {
    if (err instanceof AppError && err.code === 'WRONG_PASSPHRASE') {
      throw new AppError('WRONG_PASSPHRASE', 'That recovery passphrase is not correct for this clinic file. Nothing was changed.');
    }
    throw err;
  }
}

/**
 * After a failed rekey: the old key still opens the file unless the re-encryption itself
 * committed. If it does, a pending key file never took effect and is removed; if it does not,
 * the rekey did commit and the passphrase settles it (keyChanges.ts), which counts as done.
 */
async function reopenAfterFailedRekey(d: FileJobDeps, passphrase: string): Promise<{ handle: ClinicDatabase; rekeyed: boolean }> {
  try {
    const handle = await openClinicDatabase({ file: d.file, key: d.oldKey });
    fs.rmSync(pendingKeyFilePathFor(d.file), { force: true });
    return { handle, rekeyed: false };
  } catch (err) {
    if (!(err instanceof WrongKeyError)) throw err;
    return { handle: await openWithPassphrase(d.file, passphrase, d.keyStore), rekeyed: true };
  }
}

/**
 * A new random database key (PRAGMA rekey on a job thread, its progress the growth of the -wal
 * it rewrites every page into), wrapped by the same recovery passphrase and, on reopening, by
 * this workstation's key store. Backups made before keep their own key files.
 */
export async function rekeyOpenClinic(d: FileJobDeps, passphrase: string): Promise<void> {
  d.progress('checking');
  await checkRecoveryPassphrase(d.file, passphrase);
  await d.close();
  let failure: unknown = null;
  try {
    await runOnJobThread<null>(
      { kind: 'rekey', source: d.file, passphrase, now: d.now },
      { progress: d.progress, log: d.log, failed: REKEY_FAILED, percentOf: walGrowthPercent(d.file) },
    );
  } catch (err) {
    failure = err;
    d.log('Changing the database key failed; reopening the clinic file', err);
  }
  d.progress('reopening');
  if (!failure) return d.reopen(await openWithPassphrase(d.file, passphrase, d.keyStore), { endSession: false });
  const { handle, rekeyed } = await reopenAfterFailedRekey(d, passphrase);
  await d.reopen(handle, { endSession: false });
  if (rekeyed) return;
  throw failure instanceof AppError && failure.code !== 'INTERNAL' ? failure : new AppError('CONFLICT', REKEY_FAILED);
}

export interface RestoreRequest {
  from: string;
  passphrase: string;
  replaceOtherClinic: boolean;
}

/**
 * A restore from the admin screen: the backup copied beside the clinic file and checked there on
 * a job thread (the clinic stays open meanwhile), then the worker's connection closed, the
 * checked copy swapped in (durable and crash-safe, restoreSwap.ts) and opened with the backup's
 * passphrase. A failure before the swap changes nothing.
 */
export async function restoreOpenClinic(d: FileJobDeps, req: RestoreRequest): Promise<{ checked: CheckedBackup; keptAs: string | null }> {
  d.progress('checking');
  const checked = await runOnJobThread<CheckedBackup>(
    { kind: 'restoreCheck', source: d.file, from: req.from, passphrase: req.passphrase, replaceOtherClinic: req.replaceOtherClinic, now: d.now },
    { progress: d.progress, log: d.log, failed: 'The backup could not be checked; nothing was changed. The details are in the application log.' },
  );
  d.progress('replacing');
  await d.close();
  let keptAs: string | null;
  try {
    keptAs = swapInCheckedBackup(d.file, checked);
  } catch (err) {
    if (fs.existsSync(journalPathFor(d.file))) {
      // Decided already: whoever opens next finishes the swap, so open the restored file.
      await d.reopen(await openWithPassphrase(d.file, req.passphrase, d.keyStore), { endSession: true });
      return { checked, keptAs: null };
    }
    // Before the journal: the previous file is still the live one.
    removeStaging(checked.staging);
    await d.reopen(await openClinicDatabase({ file: d.file, key: d.oldKey }), { endSession: false });
    throw err;
  }
  d.progress('opening');
  try {
    await d.reopen(await openWithPassphrase(d.file, req.passphrase, d.keyStore), { endSession: true });
    return { checked, keptAs };
  } catch (err) {
    d.log('The restored clinic file could not be opened', err);
    throw new AppError(
      'CONFLICT',
      `The backup was put in place but could not be opened (${err instanceof Error ? err.message : 'unknown problem'}). ` +
        `The previous clinic file is kept as ${keptAs ? path.basename(keptAs) : 'nothing (there was none)'} in ${path.dirname(d.file)}.`,
    );
  }
}
