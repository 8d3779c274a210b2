import { rekeyClinicFile } from '../../app/keyChanges';
import { requireExistingFile } from '../clinic';
import type { Command } from '../command';
import { EXIT_OK } from '../errors';
import { DB_FLAG, PASSPHRASE_FILE_FLAG } from '../flags';
import { readRecoveryPassphrase } from '../secrets';

export const rekeyCommand: Command = {
  name: 'rekey',
  summary: 'Re-encrypt the clinic database under a new random key (after a key may have been exposed).',
  flags: { db: DB_FLAG, 'passphrase-file': PASSPHRASE_FILE_FLAG },
  details: `Quit Medtrack on this workstation first. The database is re-encrypted in one transaction under a
new random 256-bit key, and the key file is rewritten with the new key wrapped by the same recovery
passphrase. A crash at any moment leaves the file openable: the next unlock finishes or drops the
change. The app asks for the recovery passphrase once afterwards (the workstation's key-store
wrapping is made anew then). Backups made before keep their own key files and still restore.`,
  async run(args, { io }) {
    const file = args.database();
    requireExistingFile(file, 'The clinic database');
    const passphrase = await readRecoveryPassphrase(args, io);
    await rekeyClinicFile(file, passphrase, io.clock.now());
    io.stdout(`Re-encrypted ${file} under a new key; ${file}.keys.json now holds it, wrapped by the same recovery passphrase.\n`);
    return EXIT_OK;
  },
};
