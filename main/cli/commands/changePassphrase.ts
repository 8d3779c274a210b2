import { changeRecoveryPassphrase } from '../../app/keyChanges';
import { requireExistingFile } from '../clinic';
import type { Command } from '../command';
import { EXIT_OK } from '../errors';
import { DB_FLAG, PASSPHRASE_FILE_FLAG } from '../flags';
import { readRecoveryPassphrase, readSecret } from '../secrets';

export const changePassphraseCommand: Command = {
  name: 'change-passphrase',
  summary: 'Wrap the clinic key with a new recovery passphrase; the old one stops opening the file.',
  flags: {
    db: DB_FLAG,
    'passphrase-file': { ...PASSPHRASE_FILE_FLAG, description: `${PASSPHRASE_FILE_FLAG.description} The current recovery passphrase.` },
    'new-passphrase-file': { type: 'string', placeholder: 'FILE', required: true, description: 'File holding the new recovery passphrase (at least 12 characters).' },
  },
  details: `The database itself is not touched: only its key file is rewritten (atomically). Backups made
before keep their own key files, so they still open with the passphrase they were made with.`,
  async run(args, { io }) {
    const file = args.database();
    requireExistingFile(file, 'The clinic database');
    const current = await readRecoveryPassphrase(args, io);
    const next = await readSecret(args.required('new-passphrase-file'), '--new-passphrase-file', 'new recovery passphrase', io);
    changeRecoveryPassphrase(file, current, next);
    io.stdout(`The recovery passphrase of ${file} is changed; the old one no longer opens it. Backups keep the passphrase they were made with.\n`);
    return EXIT_OK;
  },
};
