import fs from 'node:fs';
import path from 'node:path';
import type { ClinicDatabase } from '../../db/open';
import { DatabaseOpenError } from '../../db/errors';
import { keyFilePathFor, readKeyFile, unwrapWithPassphrase, type KeyFile } from '../keys/keyFile';
import { checkFileHealth } from '../cli/audit';
import { requireExistingFile, withClinicFile } from '../cli/clinic';
import { CliFailure } from '../cli/errors';
import { AppError } from '../services/errors';
import { copyDurably, fsyncDir, fsyncFile } from './durableFs';
import { CLINIC_PARTS, completeInterruptedRestore, crashPoint, linkAside, removeStrayStaging, swapInRestoredFiles } from './restoreSwap';

/**
 * A restore, as the command line (`medtrack restore`) and the admin screen (`clinic.restore`)
 * both make it, in two halves:
 *  1. `checkBackupForRestore`: the backup is copied beside the clinic file and checked there
 *     (the key opens it, SQLite's integrity check, the audit chain, a schema this Medtrack
 *     knows, the clinic's identity). Reads the clinic file's key file only; slow on a big file, so
 *     the app runs it on a job thread while the clinic stays open.
 *  2. `swapInCheckedBackup`: the previous files kept under a second name and the checked copy put
 *     in their place (restoreSwap.ts: durable, and finished by the next open after a crash).
 *     Fast; the clinic file must be closed first.
 * A failure in the first half removes the staged copy and changes nothing.
 */

/** Who reads the messages: the command line names its flag; the screen names its checkbox. */
export type RestoreWords = 'cli' | 'screen';

/** The files that together make one clinic file's state, by suffix. */
const PARTS = [...CLINIC_PARTS, '.keys.json'] as const;

/** 2025-01-02T03:04:05.678Z -> 20250102T030405Z: sortable, and legal in Windows file names. */
export const utcStamp = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');

export interface CheckedBackup {
  staging: string;
  stagedParts: string[];
  entries: number;
  schemaVersion: number;
  clinicName: string | null;
  /** Said to the administrator beside the result (an identity that could not be checked, ...). */
  notes: string[];
  /** Whether the backup's key file had a workstation wrapping (backups never do today). */
  hadOsWrapping: boolean;
  stamp: string;
}

/** The backup's key file and raw key. A wrong passphrase is refused here, before any file is written. */
export function unlockBackup(from: string, passphrase: string, words: RestoreWords): { keyFile: KeyFile; key: Buffer } {
  requireExistingFile(from, 'The backup');
  const fromKeys = keyFilePathFor(from);
  if (!fs.existsSync(fromKeys)) throw new CliFailure(`The backup's key file ${fromKeys} is missing; without it the backup cannot be opened.`);
  const keyFile = readKeyFile(fromKeys);
  try {
    return { keyFile, key: unwrapWithPassphrase(keyFile.recovery, passphrase) };
  } catch (err) {
    if (words === 'screen' && err instanceof AppError && err.code === 'WRONG_PASSPHRASE') {
      throw new AppError(
        'WRONG_PASSPHRASE',
        'That recovery passphrase does not open this backup. Enter the passphrase the clinic had when the backup was made. Nothing was changed.',
      );
    }
    throw err;
  }
}

async function readClinicName(h: ClinicDatabase): Promise<string | null> {
  const row = await h.db.selectFrom('settings').select('value_json').where('key', '=', 'clinic.name').executeTakeFirst();
  if (!row) return null;
  const name: unknown = JSON.parse(row.value_json);
  return typeof name === 'string' ? name : null;
}

/**
 * Every clinic's key file carries the random id set when the clinic was created (and copied into
 * its backups). A backup of another clinic is refused unless asked for by name: restoring clinic
 * B over clinic A silently replaces A's records and its passphrase.
 */
function clinicIdentityCheck(target: string, backupId: string | undefined, replaceOther: boolean, words: RestoreWords): { notes: string[] } {
  const targetKeys = keyFilePathFor(target);
  if (!fs.existsSync(targetKeys)) return { notes: [] };
  let targetId: string | undefined;
  try {
    targetId = readKeyFile(targetKeys).clinicId;
  } catch {
    targetId = undefined;
  }
  if (targetId && backupId && targetId === backupId) return { notes: [] };
  if (targetId && backupId) {
    if (replaceOther) return { notes: [`The backup is of another clinic (${backupId}) than the file it replaced (${targetId}), as asked.`] };
    if (words === 'screen') {
      throw new AppError(
        'CONFLICT',
        'This backup is of another clinic, not of the clinic open here. Nothing was changed. ' +
          'To replace this clinic and all its records with the other clinic anyway, tick "Replace this clinic with the other clinic" and restore again.',
      );
    }
    throw new CliFailure(
      `The backup belongs to another clinic (clinic id ${backupId}) than ${target} (clinic id ${targetId}). ` +
        'Nothing was changed. To replace this clinic with the other one anyway, run restore again with --replace-with-other-clinic.',
    );
  }
  return { notes: ['One of the two files was made before Medtrack recorded a clinic identity, so it could not be checked that the backup is of this clinic.'] };
}

/** Messages from the staged copy name the staging file; the administrator knows the backup's name. */
function relabel(err: unknown, staging: string, from: string, words: RestoreWords): unknown {
  if (words === 'screen') {
    // The screen's words for a backup that is damaged or not what it claims; each its own.
    if (err instanceof DatabaseOpenError && err.code === 'DB_CORRUPT') return new CliFailure(`The backup ${from} is damaged: it cannot be read. Nothing was changed. Choose another backup.`);
    if (err instanceof DatabaseOpenError && err.code === 'DB_WRONG_KEY') {
      return new CliFailure(`The key file beside ${from} does not open it: the two do not belong together, or the backup is damaged. Nothing was changed.`);
    }
    if (err instanceof CliFailure && err.message.includes('fails the integrity check')) {
      return new CliFailure(`The backup ${from} is damaged: it fails SQLite's integrity check. Nothing was changed. Choose another backup.`);
    }
  }
  if (!(err instanceof Error) || !err.message.includes(staging)) return err;
  const relabelled = err.message.split(staging).join(from);
  return err instanceof AppError ? new AppError(err.code, relabelled) : new CliFailure(relabelled);
}

export async function checkBackupForRestore(
  req: { target: string; from: string; keyFile: KeyFile; key: Buffer; replaceOtherClinic: boolean; now: Date; words: RestoreWords; pid?: number },
  onPhase: (phase: 'copying' | 'checking') => void = () => undefined,
): Promise<CheckedBackup> {
  const { target, from, key } = req;
  if (path.resolve(from) === path.resolve(target)) throw new CliFailure('The backup and the clinic file are the same file.');
  if (fs.existsSync(target) && !fs.statSync(target).isFile()) throw new CliFailure(`${target} is not a file.`);
  completeInterruptedRestore(target);
  const identity = clinicIdentityCheck(target, req.keyFile.clinicId, req.replaceOtherClinic, req.words);
  const dir = path.dirname(target);
  const createdDir = fs.existsSync(dir) ? undefined : fs.mkdirSync(dir, { recursive: true });
  removeStrayStaging(target);
  const stamp = utcStamp(req.now);
  // Staged beside the target: same file system, so moving it into place is one atomic rename,
  // and what goes into place is exactly the bytes that were checked.
  const staging = `${target}.restore-staging-${stamp}-${req.pid ?? process.pid}`;
  try {
    let stagedParts: string[] = [''];
    onPhase('copying');
    copyDurably(from, staging);
    // A backup taken by copying a live file may hold committed pages only in its -wal.
    if (fs.existsSync(`${from}-wal`)) {
      copyDurably(`${from}-wal`, `${staging}-wal`);
      stagedParts.push('-wal');
    }
    copyDurably(keyFilePathFor(from), keyFilePathFor(staging));
    fsyncDir(dir);
    onPhase('checking');
    const checked = await withClinicFile(staging, key, async (h, schemaVersion) => ({
      entries: (await checkFileHealth(h, 'The backup')).entries,
      schemaVersion,
      clinicName: await readClinicName(h),
    }));
    // Checking may checkpoint the staged -wal into the staged file and remove it.
    if (!fs.existsSync(`${staging}-wal`)) stagedParts = [''];
    fs.rmSync(`${staging}-shm`, { force: true });
    fsyncFile(staging);
    fsyncDir(dir);
    return { staging, stagedParts, ...checked, notes: identity.notes, hadOsWrapping: Boolean(req.keyFile.os), stamp };
  } catch (err) {
    removeStaging(staging);
    if (createdDir) fs.rmSync(createdDir, { recursive: true, force: true });
    throw relabel(err, staging, from, req.words);
  }
}

export const removeStaging = (staging: string): void => PARTS.forEach((s) => fs.rmSync(staging + s, { force: true }));

function freeAsideName(target: string, stamp: string): string {
  for (let n = 1; ; n++) {
    const aside = `${target}.before-restore-${stamp}${n === 1 ? '' : `-${n}`}`;
    if (PARTS.every((s) => !fs.existsSync(aside + s))) return aside;
  }
}

/**
 * Puts a checked copy in place of the (closed) clinic file, keeping the previous one as
 * TARGET.before-restore-<UTC time>. Returns that name, or null when there was no previous file.
 */
export function swapInCheckedBackup(target: string, checked: CheckedBackup): string | null {
  crashPoint('after-staging');
  const aside = freeAsideName(target, checked.stamp);
  let kept: boolean;
  try {
    kept = linkAside(target, aside);
  } catch (err) {
    for (const s of PARTS) fs.rmSync(aside + s, { force: true });
    removeStaging(checked.staging);
    throw new CliFailure(`Restoring failed before anything was replaced (${err instanceof Error ? err.message : String(err)}); the clinic file is unchanged.`);
  }
  crashPoint('after-aside');
  // From here the restore is decided: the journal lets the next open finish it after a crash.
  swapInRestoredFiles({ target, staging: checked.staging, aside: kept ? aside : null, stagedParts: checked.stagedParts });
  return kept ? aside : null;
}
