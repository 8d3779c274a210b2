import fs from 'node:fs';
import path from 'node:path';
import { keyFilePathFor, readKeyFile, unwrapWithPassphrase } from '../../keys/keyFile';
import { latestSchemaVersion } from '../../../migrations';
import { checkFileHealth } from '../audit';
import { requireExistingFile, withClinicFile } from '../clinic';
import type { Command } from '../command';
import { CliFailure, EXIT_OK, UsageError } from '../errors';
import { DB_FLAG, PASSPHRASE_FILE_FLAG } from '../flags';
import { readRecoveryPassphrase } from '../secrets';

/** The files that together make one clinic file's state, by suffix. */
const PARTS = ['', '-wal', '-shm', '.keys.json'] as const;

/** 2025-01-02T03:04:05.678Z -> 20250102T030405Z: sortable, and legal in Windows file names. */
export const utcStamp = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');

/** Messages from the staged copy name the staging file; the administrator knows the backup's name. */
function relabel(err: unknown, staging: string, from: string): unknown {
  if (!(err instanceof Error) || !err.message.includes(staging)) return err;
  return new CliFailure(err.message.split(staging).join(from));
}

function freeAsideName(target: string, stamp: string): string {
  for (let n = 1; ; n++) {
    const aside = `${target}.before-restore-${stamp}${n === 1 ? '' : `-${n}`}`;
    if (PARTS.every((s) => !fs.existsSync(aside + s))) return aside;
  }
}

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Replace the clinic database with a verified backup, keeping the previous file.',
  flags: {
    from: { type: 'string', placeholder: 'BACKUP', description: 'The backup file (made by medtrack backup); BACKUP.keys.json must sit beside it.', required: true },
    db: DB_FLAG,
    'passphrase-file': { ...PASSPHRASE_FILE_FLAG, description: `${PASSPHRASE_FILE_FLAG.description} The backup's recovery passphrase.` },
  },
  details: `Quit Medtrack on this workstation first. The backup is copied next to the target and checked
there (the key opens it, SQLite's integrity check is clean, the audit chain verifies, its schema is
not newer than this Medtrack); the backup itself is never written to. Only then is the current
database (with its -wal, -shm and key file) moved aside to PATH.before-restore-<UTC time> and the
backup and its key file put in its place, and the result reopened. If any check fails, nothing is
changed.`,
  async run(args, { io }) {
    const target = args.database();
    const from = args.path('from');
    if (!from) throw new UsageError('missing --from BACKUP');
    if (from === target) throw new UsageError('--from and --db name the same file');
    requireExistingFile(from, 'The backup');
    const fromKeys = keyFilePathFor(from);
    if (!fs.existsSync(fromKeys)) throw new CliFailure(`The backup's key file ${fromKeys} is missing; without it the backup cannot be opened.`);
    const passphrase = await readRecoveryPassphrase(args, io);
    const keyFile = readKeyFile(fromKeys);
    const key = unwrapWithPassphrase(keyFile.recovery, passphrase);
    if (fs.existsSync(target) && !fs.statSync(target).isFile()) throw new CliFailure(`${target} (--db) is not a file.`);
    const dir = path.dirname(target);
    const createdDir = fs.existsSync(dir) ? undefined : fs.mkdirSync(dir, { recursive: true });
    const stamp = utcStamp(io.clock.now());
    // Staged beside the target: same file system, so moving it into place is one atomic rename,
    // and what goes into place is exactly the bytes that were checked.
    const staging = `${target}.restore-staging-${stamp}-${process.pid}`;
    const removeStaging = () => PARTS.forEach((s) => fs.rmSync(staging + s, { force: true }));
    try {
      let checked: { entries: number; schemaVersion: number };
      try {
        fs.copyFileSync(from, staging, fs.constants.COPYFILE_EXCL);
        // A backup taken by copying a live file may hold committed pages only in its -wal.
        if (fs.existsSync(`${from}-wal`)) fs.copyFileSync(`${from}-wal`, `${staging}-wal`, fs.constants.COPYFILE_EXCL);
        checked = await withClinicFile(staging, key, async (h, schemaVersion) => ({
          entries: (await checkFileHealth(h, 'The backup')).entries,
          schemaVersion,
        }));
      } catch (err) {
        removeStaging();
        if (createdDir) fs.rmSync(createdDir, { recursive: true, force: true });
        throw relabel(err, staging, from);
      }

      const aside = freeAsideName(target, stamp);
      const moved: string[] = [];
      let targetCleared = false;
      try {
        for (const s of PARTS) {
          if (fs.existsSync(target + s)) {
            fs.renameSync(target + s, aside + s);
            moved.push(s);
          }
        }
        targetCleared = true;
        fs.renameSync(staging, target);
        fs.copyFileSync(fromKeys, keyFilePathFor(target), fs.constants.COPYFILE_EXCL);
        await withClinicFile(target, key, async () => undefined);
      } catch (err) {
        // Put the previous file back exactly as it was; the restore is all or nothing.
        // Once the target was cleared, whatever sits at its name is ours.
        if (targetCleared) for (const s of PARTS) fs.rmSync(target + s, { force: true });
        for (const s of moved.reverse()) fs.renameSync(aside + s, target + s);
        removeStaging();
        if (createdDir) fs.rmSync(createdDir, { recursive: true, force: true });
        const why = err instanceof Error ? err.message : String(err);
        const undone = moved.length > 0 ? 'the previous file was put back' : 'nothing was left behind';
        throw new CliFailure(`Restoring failed after the backup passed its checks (${why}); ${undone}.`);
      }

      const lines = [
        `Restored ${target} from ${from} (integrity ok, audit chain intact: ${checked.entries} entries).`,
        moved.length > 0 ? `The previous file was kept as ${aside}` : `There was no previous file at ${target}.`,
      ];
      if (checked.schemaVersion < latestSchemaVersion) {
        lines.push(`The backup has schema ${checked.schemaVersion}; Medtrack upgrades it to ${latestSchemaVersion} when it next opens the file.`);
      }
      if (!keyFile.os) lines.push('The app will ask for the recovery passphrase once on this workstation.');
      io.stdout(`${lines.join('\n')}\n`);
      return EXIT_OK;
    } finally {
      key.fill(0);
    }
  },
};
