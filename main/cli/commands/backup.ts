import fs from 'node:fs';
import path from 'node:path';
import { DatabaseExistsError } from '../../../db/errors';
import { vacuumInto } from '../../../db/open';
import { keyFilePathFor, portableKeyFile, readKeyFile, writeKeyFile } from '../../keys/keyFile';
import { anchorLine, checkFileHealth } from '../audit';
import { unlockKey, withClinicFile } from '../clinic';
import type { Command } from '../command';
import { CliFailure, EXIT_OK, UsageError } from '../errors';
import { DB_FLAG, PASSPHRASE_FILE_FLAG } from '../flags';
import { readRecoveryPassphrase } from '../secrets';

const sidecars = (file: string): string[] => [file, `${file}-wal`, `${file}-shm`, `${file}-journal`, keyFilePathFor(file)];

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Write an encrypted, verified copy of the clinic database and a key file for it.',
  flags: {
    db: DB_FLAG,
    out: { type: 'string', placeholder: 'FILE', description: 'The backup file to create (its key file is FILE.keys.json).', required: true },
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
    const existing = sidecars(out).find((f) => fs.existsSync(f));
    if (existing) throw new CliFailure(`${existing} already exists; refusing to overwrite it. Choose a new --out.`);
    if (!fs.existsSync(path.dirname(out)) || !fs.statSync(path.dirname(out)).isDirectory()) {
      throw new CliFailure(`The folder ${path.dirname(out)} for --out does not exist.`);
    }
    const passphrase = await readRecoveryPassphrase(args, io);
    const key = unlockKey(source, passphrase);
    // Anything created at `out` from here on is ours (none of it existed above): on failure it goes.
    let started = false;
    try {
      await withClinicFile(source, key, async (h) => {
        if (fs.existsSync(out)) throw new DatabaseExistsError(out);
        started = true;
        vacuumInto(h.sqlite, out);
      });
      writeKeyFile(keyFilePathFor(out), portableKeyFile(readKeyFile(keyFilePathFor(source))));
      const { entries, lastHash } = await withClinicFile(out, key, (h) => checkFileHealth(h, 'The backup copy'));
      const size = fs.statSync(out).size;
      io.stdout(
        [
          `Backup written: ${out} (${(size / 1024 / 1024).toFixed(1)} MiB, integrity ok, audit chain intact: ${entries} entries)`,
          `Key file: ${keyFilePathFor(out)} (opens with the recovery passphrase; keep both files together)`,
          ...(entries > 0
            ? [`${anchorLine(entries, lastHash)} (keep it apart from the files; verify-audit --anchor shows later whether the log up to here was changed or cut)`]
            : []),
        ].join('\n') + '\n',
      );
      return EXIT_OK;
    } catch (err) {
      if (started) for (const f of sidecars(out)) fs.rmSync(f, { force: true });
      throw err;
    } finally {
      key.fill(0);
    }
  },
};
