import { checkBackupForRestore, swapInCheckedBackup, unlockBackup } from '../../app/restore';
import { latestSchemaVersion } from '../../../migrations';
import fs from 'node:fs';
import { keyFilePathFor } from '../../keys/keyFile';
import { requireExistingFile, withClinicFile } from '../clinic';
import type { Command } from '../command';
import { CliFailure, EXIT_OK, UsageError } from '../errors';
import { DB_FLAG, PASSPHRASE_FILE_FLAG } from '../flags';
import { readRecoveryPassphrase } from '../secrets';

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
    // Before the passphrase is asked for: a missing backup needs no secret to be said so.
    requireExistingFile(from, 'The backup');
    if (!fs.existsSync(keyFilePathFor(from))) throw new CliFailure(`The backup's key file ${keyFilePathFor(from)} is missing; without it the backup cannot be opened.`);
    const passphrase = await readRecoveryPassphrase(args, io);
    const { keyFile, key } = unlockBackup(from, passphrase, 'cli');
    try {
      const checked = await checkBackupForRestore({
        target,
        from,
        keyFile,
        key,
        replaceOtherClinic: args.flag('replace-with-other-clinic'),
        now: io.clock.now(),
        words: 'cli',
      });
      const aside = swapInCheckedBackup(target, checked);
      await withClinicFile(target, key, async () => undefined);

      const lines = [
        `Restored ${target} from ${from} (integrity ok, audit chain intact: ${checked.entries} entries).`,
        aside ? `The previous file was kept as ${aside}` : `There was no previous file at ${target}.`,
        ...checked.notes,
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
