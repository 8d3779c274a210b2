import fs from 'node:fs';
import path from 'node:path';
import { keyFilePathFor } from '../keys/keyFile';
import { partialBackupPathFor } from './backup';
import { fsyncDir, writeFileAtomically } from './durableFs';

/**
 * Every backup the app made or tried (by hand on the Backups screen, or by the schedule), one
 * JSON line each, beside the clinic file. It is kept outside the database on purpose: it is this
 * workstation's history, which a restore must not roll back, and the scheduler reads it to know
 * when the last good copy was made. It holds file names, sizes, times and our own messages,
 * never patient data.
 */
export interface BackupRecord {
  startedAt: string;
  finishedAt: string;
  trigger: 'manual' | 'scheduled';
  ok: boolean;
  file: string | null;
  sizeBytes: number | null;
  /** "entries:hash" of the copy, as `medtrack backup` prints it. */
  anchor: string | null;
  /** Why it failed, in the words the screen shows. */
  message: string | null;
}

export const backupLogPathFor = (dbFile: string): string => `${dbFile}.backups.jsonl`;

export function appendBackupRecord(dbFile: string, record: BackupRecord): void {
  const file = backupLogPathFor(dbFile);
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(record)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fsyncDir(path.dirname(file));
}

export function readBackupLog(dbFile: string): BackupRecord[] {
  const file = backupLogPathFor(dbFile);
  if (!fs.existsSync(file)) return [];
  const out: BackupRecord[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as BackupRecord;
      if (typeof r.startedAt === 'string' && typeof r.finishedAt === 'string' && typeof r.ok === 'boolean') out.push(r);
    } catch {
      // A line cut short by a crash mid-append; the lines before it still count.
    }
  }
  return out;
}

/** The newest good backup, and the newest attempt of any outcome (for the scheduler and the screen). */
export function summarizeBackupLog(records: readonly BackupRecord[]): {
  lastGood: BackupRecord | null;
  lastAttempt: BackupRecord | null;
  /** The newest failure, if nothing good came after it. */
  lastFailure: BackupRecord | null;
} {
  let lastGood: BackupRecord | null = null;
  let lastAttempt: BackupRecord | null = null;
  for (const r of records) {
    if (!lastAttempt || r.startedAt >= lastAttempt.startedAt) lastAttempt = r;
    if (r.ok && (!lastGood || r.finishedAt >= lastGood.finishedAt)) lastGood = r;
  }
  const lastFailure = lastAttempt && !lastAttempt.ok ? lastAttempt : null;
  return { lastGood, lastAttempt, lastFailure };
}

/**
 * A backup running now, written durably before it starts and removed once its outcome is in the
 * log. Found at the next start, it means the app was ended (or the computer lost power) during
 * that backup: the outcome is recorded then, so the Backups screen says what happened.
 */
export const runningBackupPathFor = (dbFile: string): string => `${dbFile}.backup-running.json`;

interface RunningBackup {
  startedAt: string;
  trigger: BackupRecord['trigger'];
  out: string;
}

export function markBackupRunning(dbFile: string, running: RunningBackup): void {
  writeFileAtomically(runningBackupPathFor(dbFile), JSON.stringify(running));
}

export function clearBackupRunning(dbFile: string): void {
  fs.rmSync(runningBackupPathFor(dbFile), { force: true });
}

export const INTERRUPTED_BACKUP_MESSAGE =
  'Medtrack stopped while this backup was being made (the app was ended or the computer shut down); nothing was kept from it.';

/**
 * Settles a backup the app did not live to record: removes what it left (its temporary copy, a
 * key file without its database) and records it. A copy that had already taken its name was
 * whole and checked, so it counts as made. Returns the record written, or null if none was due.
 */
export function recordInterruptedBackup(dbFile: string, now: Date): BackupRecord | null {
  const marker = runningBackupPathFor(dbFile);
  // A marker cut short while being written leaves only its temporary file.
  const dir = path.dirname(marker);
  for (const name of fs.readdirSync(dir)) if (name.startsWith(`${path.basename(marker)}.tmp-`)) fs.rmSync(path.join(dir, name), { force: true });
  if (!fs.existsSync(marker)) return null;
  let running: RunningBackup;
  try {
    running = JSON.parse(fs.readFileSync(marker, 'utf8')) as RunningBackup;
    if (typeof running.out !== 'string' || typeof running.startedAt !== 'string') throw new Error('not a marker');
  } catch {
    // Written atomically, so an unreadable one was never complete: no backup had started.
    clearBackupRunning(dbFile);
    return null;
  }
  // Killed after its outcome was written but before the marker was removed: already recorded.
  if (readBackupLog(dbFile).some((r) => r.startedAt === running.startedAt && r.trigger === running.trigger)) {
    clearBackupRunning(dbFile);
    return null;
  }
  // The temporary copy with its -wal, -shm, key file, and the key file's own half-written temporary.
  const partial = partialBackupPathFor(running.out);
  const folder = path.dirname(partial);
  if (fs.existsSync(folder)) for (const name of fs.readdirSync(folder)) if (name.startsWith(path.basename(partial))) fs.rmSync(path.join(folder, name), { force: true });
  const made = fs.existsSync(running.out);
  if (!made) fs.rmSync(keyFilePathFor(running.out), { force: true });
  const record: BackupRecord = {
    startedAt: running.startedAt,
    finishedAt: now.toISOString(),
    trigger: running.trigger === 'scheduled' ? 'scheduled' : 'manual',
    ok: made,
    file: made ? running.out : null,
    sizeBytes: made ? fs.statSync(running.out).size : null,
    anchor: null,
    message: made ? null : INTERRUPTED_BACKUP_MESSAGE,
  };
  appendBackupRecord(dbFile, record);
  clearBackupRunning(dbFile);
  return record;
}
