// Loaded when the command runs: every command line loads the registry, and app/backup pulls
// in most of the app (issue 11: the CLI spent 0.5 s loading modules before any work).
const backupModule = () => import('../../app/backup.js');
import { anchorLine } from '../audit';
import { unlockKey } from '../clinic';
import type { Command } from '../command';
import { EXIT_OK, UsageError } from '../errors';
import { DB_FLAG, PASSPHRASE_FILE_FLAG } from '../flags';
import { readRecoveryPassphrase } from '../secrets';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Write an encrypted, verified copy of the clinic database and a key file for it.',
  flags: {
    db: DB_FLAG,
    out: {
      type: 'string',
      placeholder: 'FILE',
      description: 'The backup file to create (its key file is FILE.keys.json).',
      required: true,
    },
    'passphrase-file': PASSPHRASE_FILE_FLAG,
  },
  details: `The copy is made with VACUUM INTO, so it is encrypted with the same key and consistent even
while the app is running. FILE.keys.json carries only the passphrase wrapping of the key (never
this workstation's key-store wrapping), so the backup opens anywhere with the recovery passphrase.
Before reporting success the copy is reopened and must pass SQLite's integrity check and the audit
chain check; if anything fails, the partial copy is removed. Refuses to overwrite an existing FILE.
Prints the audit anchor of the copy (as verify-audit does): write it in the backup log.`,
  async run(args, { io }) {
    const source = args.database();
    const out = args.path('out');
    if (!out) throw new UsageError('missing --out FILE');
    if (out === source) throw new UsageError('--out must differ from the clinic database');
    const { backupClinicFile, checkBackupTarget } = await backupModule();
    checkBackupTarget(source, out);
    const passphrase = await readRecoveryPassphrase(args, io);
    const key = await unlockKey(source, passphrase);
    try {
      const { sizeBytes, entries, lastHash, keyFile } = await backupClinicFile(source, out, key, undefined, io.clock.now().toISOString());
      io.stdout(
        [
          `Backup written: ${out} (${(sizeBytes / 1024 / 1024).toFixed(1)} MiB, integrity ok, audit chain intact: ${entries} entries)`,
          `Key file: ${keyFile} (opens with the recovery passphrase; keep both files together)`,
          ...(entries > 0
            ? [
                `${anchorLine(entries, lastHash)} (keep it apart from the files; verify-audit --anchor shows later whether the log up to here was changed or cut)`,
              ]
            : []),
        ].join('\n') + '\n',
      );
      return EXIT_OK;
    } finally {
      key.fill(0);
    }
  },
};
