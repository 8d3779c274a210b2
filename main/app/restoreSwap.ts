import fs from 'node:fs';
import path from 'node:path';
import { keyFilePathFor } from '../keys/keyFile';
import { fsyncDir, writeFileAtomically } from './durableFs';

/**
 * Putting a verified backup in place of the clinic file, so that a crash or power cut at any
 * moment leaves either the previous clinic file or the restored one, complete and openable,
 * and never no file at all (which the app would read as "set up a new clinic").
 *
 * A clinic is several files (database, -wal, -shm, key file) and no file system renames several
 * at once, so the swap is journalled:
 *  1. the backup's files are staged beside the target, flushed and verified (by the caller);
 *  2. the previous files get a second name (hard links: `aside`), so they are kept without
 *     ever leaving the target's name;
 *  3. a journal naming the staged files and the aside copy is written durably: from here on the
 *     restore is decided and is completed by whoever opens the clinic file next;
 *  4. each staged file is renamed over its target name (atomic per file), previous -wal/-shm
 *     that the backup lacks are removed (a stale -wal would be replayed into the new file);
 *  5. the journal is removed.
 * Before the journal exists a crash leaves the previous clinic live (the next restore clears the
 * stray staging files; an aside copy stays, as every aside copy does); after it,
 * `completeInterruptedRestore` redoes step 4, which is idempotent, before any open.
 */

export const CLINIC_PARTS = ['', '-wal', '-shm'] as const;

export interface RestoreJournal {
  format: 'medtrack-restore';
  target: string;
  staging: string;
  aside: string | null;
  /** Which of CLINIC_PARTS the staged backup has; the key file is always staged. */
  stagedParts: string[];
}

export const journalPathFor = (target: string): string => `${target}.restore-journal.json`;

/** Test seam: the crash-safety suite (tests/integration/restore-crash.test.ts) kills the process at each named step. */
export function crashPoint(step: string): void {
  if (process.env.MEDTRACK_RESTORE_CRASH_AT === step) process.kill(process.pid, 'SIGKILL');
}

/** Step 2: hard links keep the previous files under a second name while they stay live. */
export function linkAside(target: string, aside: string): boolean {
  let any = false;
  for (const s of [...CLINIC_PARTS, '.keys.json']) {
    const file = s === '.keys.json' ? keyFilePathFor(target) : target + s;
    if (!fs.existsSync(file)) continue;
    fs.linkSync(file, s === '.keys.json' ? keyFilePathFor(aside) : aside + s);
    any = true;
  }
  fsyncDir(path.dirname(target));
  return any;
}

function sameFile(a: string, b: string): boolean {
  try {
    const x = fs.statSync(a);
    const y = fs.statSync(b);
    return x.ino === y.ino && x.dev === y.dev;
  } catch {
    return false;
  }
}

/** Step 4, safe to repeat after a crash at any point inside it. */
function applyJournal(j: RestoreJournal): void {
  for (const s of CLINIC_PARTS) {
    const staged = j.staging + s;
    if (j.stagedParts.includes(s)) {
      if (fs.existsSync(staged)) fs.renameSync(staged, j.target + s);
    } else if (fs.existsSync(j.target + s) && (j.aside === null || sameFile(j.target + s, j.aside + s) || s === '-shm')) {
      // The previous clinic's -wal/-shm; the backup has none, and a stale one must not be replayed.
      fs.rmSync(j.target + s, { force: true });
    }
    crashPoint(`apply${s || '-db'}`);
  }
  const stagedKeys = keyFilePathFor(j.staging);
  if (fs.existsSync(stagedKeys)) fs.renameSync(stagedKeys, keyFilePathFor(j.target));
  fsyncDir(path.dirname(j.target));
  crashPoint('apply-keys');
}

export function swapInRestoredFiles(j: Omit<RestoreJournal, 'format'>): void {
  const journal: RestoreJournal = { format: 'medtrack-restore', ...j };
  crashPoint('before-journal');
  writeFileAtomically(journalPathFor(j.target), JSON.stringify(journal, null, 2));
  crashPoint('after-journal');
  applyJournal(journal);
  fs.rmSync(journalPathFor(j.target), { force: true });
  fsyncDir(path.dirname(j.target));
  crashPoint('after-done');
}

/**
 * Finishes a restore that was interrupted after it was decided. Call before opening a clinic
 * file (app start, unlock, every command-line command). Returns true when it finished one.
 */
/** Staging files left by a restore that died before it was decided (no journal). */
export function removeStrayStaging(target: string): void {
  if (fs.existsSync(journalPathFor(target))) return;
  const dir = path.dirname(target);
  if (!fs.existsSync(dir)) return;
  const prefix = `${path.basename(target)}.restore-staging-`;
  for (const name of fs.readdirSync(dir)) if (name.startsWith(prefix)) fs.rmSync(path.join(dir, name), { force: true });
}

export function completeInterruptedRestore(target: string): boolean {
  const file = journalPathFor(target);
  if (!fs.existsSync(file)) return false;
  let journal: RestoreJournal;
  try {
    journal = JSON.parse(fs.readFileSync(file, 'utf8')) as RestoreJournal;
  } catch {
    // Written atomically, so a journal that does not parse was never complete: the swap had not begun.
    fs.rmSync(file, { force: true });
    return false;
  }
  if (journal.format !== 'medtrack-restore' || path.resolve(journal.target) !== path.resolve(target)) {
    throw new Error(`${file} does not describe a restore of ${target}; move it away and open the clinic file again.`);
  }
  applyJournal(journal);
  fs.rmSync(file, { force: true });
  fsyncDir(path.dirname(target));
  return true;
}
