import fs from 'node:fs';
import path from 'node:path';
import { vacuumInto } from '../../db/open';
import { keyFilePathFor, portableKeyFile, readKeyFile, writeKeyFile } from '../keys/keyFile';
import { checkFileHealth } from '../cli/audit';
import { fileAnchorStore } from './anchors';
import { withClinicFile } from '../cli/clinic';
import { CliFailure } from '../cli/errors';
import { fsyncDir, fsyncFile } from './durableFs';

/** Every file a clinic database can have beside it; a backup must create none of them over an existing one. */
export const backupSidecars = (file: string): string[] => [file, `${file}-wal`, `${file}-shm`, `${file}-journal`, keyFilePathFor(file)];

export interface BackupOutcome {
  file: string;
  keyFile: string;
  sizeBytes: number;
  entries: number;
  lastHash: string;
}

export type BackupPhase = 'copying' | 'checking';

/**
 * Where a backup is written and checked before it takes its name. Only a whole, checked copy is
 * ever found under the backup's own name: a backup killed part-way leaves at most this file,
 * which nothing takes for a backup (and the next run, or the app's next start, removes).
 */
export const partialBackupPathFor = (out: string): string => `${out}.partial`;

/** Refuses a target that would overwrite something or whose folder is missing (nothing is written). */
export function checkBackupTarget(source: string, out: string): void {
  if (path.resolve(out) === path.resolve(source)) throw new CliFailure('The backup file must differ from the clinic database.');
  const existing = backupSidecars(out).find((f) => fs.existsSync(f));
  if (existing) throw new CliFailure(`${existing} already exists; refusing to overwrite it. Choose a new backup file.`);
  const dir = path.dirname(out);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new CliFailure(`The folder ${dir} for the backup does not exist.`);
}

/**
 * The backup both the command line and the app make: VACUUM INTO (an encrypted, consistent copy
 * with the same key, even while the app writes), a key file carrying only the passphrase
 * wrapping, then the copy reopened and held to SQLite's integrity check and the audit chain.
 * Anything created at `out` is removed if a step fails. The caller owns `key`.
 */
export async function backupClinicFile(
  source: string,
  out: string,
  key: Buffer,
  onPhase: (phase: BackupPhase) => void = () => undefined,
  at: string = new Date().toISOString(),
): Promise<BackupOutcome> {
  checkBackupTarget(source, out);
  const partial = partialBackupPathFor(out);
  const removePartial = () => backupSidecars(partial).forEach((f) => fs.rmSync(f, { force: true }));
  removePartial();
  try {
    onPhase('copying');
    await withClinicFile(source, key, async (h) => vacuumInto(h.sqlite, partial));
    writeKeyFile(keyFilePathFor(partial), portableKeyFile(readKeyFile(keyFilePathFor(source))));
    onPhase('checking');
    const { entries, lastHash } = await withClinicFile(partial, key, (h) => checkFileHealth(h, 'The backup copy'));
    fsyncFile(partial);
    // The copy takes its name only now, key file first: the database's rename is the moment the
    // backup exists, and it exists whole and checked.
    fs.renameSync(keyFilePathFor(partial), keyFilePathFor(out));
    fs.renameSync(partial, out);
    fsyncDir(path.dirname(out));
    // The copy's newest entry becomes an anchor beside the clinic file (issue 10): if entries up
    // to it are later cut off or rewritten in the clinic file, verify-audit says so by itself.
    if (entries > 0) fileAnchorStore(source).record({ entries, hash: lastHash, at, why: 'backup' });
    return { file: out, keyFile: keyFilePathFor(out), sizeBytes: fs.statSync(out).size, entries, lastHash };
  } catch (err) {
    removePartial();
    // Messages name the file the administrator chose, not its temporary name.
    if (err instanceof Error && err.message.includes(partial)) {
      const message = err.message.split(partial).join(out);
      throw err instanceof CliFailure ? new CliFailure(message) : Object.assign(err, { message });
    }
    throw err;
  }
}
