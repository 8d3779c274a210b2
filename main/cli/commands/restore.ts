import fs from 'node:fs';
import path from 'node:path';
import { copyDurably, fsyncDir, fsyncFile } from '../../app/durableFs';
import { CLINIC_PARTS, completeInterruptedRestore, crashPoint, linkAside, removeStrayStaging, swapInRestoredFiles } from '../../app/restoreSwap';
import type { ClinicDatabase } from '../../../db/open';
import { keyFilePathFor, readKeyFile, unwrapWithPassphrase } from '../../keys/keyFile';
import { latestSchemaVersion } from '../../../migrations';
import { checkFileHealth } from '../audit';
import { requireExistingFile, withClinicFile } from '../clinic';
import type { Command } from '../command';
import { CliFailure, EXIT_OK, UsageError } from '../errors';
import { DB_FLAG, PASSPHRASE_FILE_FLAG } from '../flags';
import { readRecoveryPassphrase } from '../secrets';

/** The files that together make one clinic file's state, by suffix. */
const PARTS = [...CLINIC_PARTS, '.keys.json'] as const;

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
function clinicIdentityCheck(target: string, backupId: string | undefined, replaceOther: boolean): { notes: string[] } {
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
    if (replaceOther) return { notes: [`The backup is of another clinic (${backupId}) than the file it replaced (${targetId}), as --replace-with-other-clinic asked.`] };
    throw new CliFailure(
      `The backup belongs to another clinic (clinic id ${backupId}) than ${target} (clinic id ${targetId}). ` +
        'Nothing was changed. To replace this clinic with the other one anyway, run restore again with --replace-with-other-clinic.',
    );
  }
  return { notes: ['One of the two files was made before Medtrack recorded a clinic identity, so it could not be checked that the backup is of this clinic.'] };
}

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Replace the clinic database with a verified backup, keeping the previous file.',
  flags: {
    from: { type: 'string', placeholder: 'BACKUP', description: 'The backup file (made by medtrack backup); BACKUP.keys.json must sit beside it.', required: true },
    db: DB_FLAG,
    'passphrase-file': { ...PASSPHRASE_FILE_FLAG, description: `${PASSPHRASE_FILE_FLAG.description} The backup's recovery passphrase.` },
    'replace-with-other-clinic': { type: 'boolean', description: 'Allow a backup of another clinic to replace this one (refused otherwise).' },
  },
  details: `Quit Medtrack on this workstation first. The backup is copied next to the target and checked
there (the key opens it, SQLite's integrity check is clean, the audit chain verifies, its schema is
not newer than this Medtrack, it is a backup of this clinic); the backup itself is never written
to. Only then is the current database (with its -wal, -shm and key file) kept as
PATH.before-restore-<UTC time> and the backup and its key file put in its place, durably and in
a way a crash cannot leave half done (the next open finishes it), and the result reopened. If any
check fails, nothing is changed.`,
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
    completeInterruptedRestore(target);
    const identity = clinicIdentityCheck(target, keyFile.clinicId, args.flag('replace-with-other-clinic'));
    const dir = path.dirname(target);
    const createdDir = fs.existsSync(dir) ? undefined : fs.mkdirSync(dir, { recursive: true });
    removeStrayStaging(target);
    const stamp = utcStamp(io.clock.now());
    // Staged beside the target: same file system, so moving it into place is one atomic rename,
    // and what goes into place is exactly the bytes that were checked.
    const staging = `${target}.restore-staging-${stamp}-${process.pid}`;
    const removeStaging = () => [...CLINIC_PARTS, '.keys.json'].forEach((s) => fs.rmSync(staging + s, { force: true }));
    try {
      let checked: { entries: number; schemaVersion: number; clinicName: string | null };
      let stagedParts: string[] = [''];
      try {
        copyDurably(from, staging);
        // A backup taken by copying a live file may hold committed pages only in its -wal.
        if (fs.existsSync(`${from}-wal`)) {
          copyDurably(`${from}-wal`, `${staging}-wal`);
          stagedParts.push('-wal');
        }
        copyDurably(fromKeys, keyFilePathFor(staging));
        fsyncDir(dir);
        checked = await withClinicFile(staging, key, async (h, schemaVersion) => ({
          entries: (await checkFileHealth(h, 'The backup')).entries,
          schemaVersion,
          clinicName: await readClinicName(h),
        }));
        // Checking may checkpoint the staged -wal into the staged file and remove it.
        if (!fs.existsSync(`${staging}-wal`)) stagedParts = [''];
        fs.rmSync(`${staging}-shm`, { force: true });
        fsyncFile(staging);
        fsyncDir(dir);
      } catch (err) {
        removeStaging();
        if (createdDir) fs.rmSync(createdDir, { recursive: true, force: true });
        throw relabel(err, staging, from);
      }

      crashPoint('after-staging');
      const aside = freeAsideName(target, stamp);
      let kept: boolean;
      try {
        kept = linkAside(target, aside);
      } catch (err) {
        for (const s of [...CLINIC_PARTS, '.keys.json']) fs.rmSync(aside + s, { force: true });
        removeStaging();
        throw new CliFailure(`Restoring failed before anything was replaced (${err instanceof Error ? err.message : String(err)}); the clinic file is unchanged.`);
      }
      crashPoint('after-aside');
      // From here the restore is decided: the journal lets the next open finish it after a crash.
      swapInRestoredFiles({ target, staging, aside: kept ? aside : null, stagedParts });
      await withClinicFile(target, key, async () => undefined);

      const lines = [
        `Restored ${target} from ${from} (integrity ok, audit chain intact: ${checked.entries} entries).`,
        kept ? `The previous file was kept as ${aside}` : `There was no previous file at ${target}.`,
        ...identity.notes,
      ];
      if (checked.clinicName) lines.splice(1, 0, `The backup is of the clinic "${checked.clinicName}".`);
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
