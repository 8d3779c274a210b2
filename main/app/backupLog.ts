import fs from 'node:fs';
import path from 'node:path';
import { fsyncDir } from './durableFs';

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
