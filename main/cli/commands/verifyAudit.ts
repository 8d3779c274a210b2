import { verifyAuditChain } from '../../services/audit';
import { brokenChainMessage } from '../audit';
import { explainReadFailure, unlockKey, withClinicFile } from '../clinic';
import type { Command } from '../command';
import { CliFailure, EXIT_OK } from '../errors';
import { DB_FLAG, PASSPHRASE_FILE_FLAG } from '../flags';
import { readSecret } from '../secrets';

export const verifyAuditCommand: Command = {
  name: 'verify-audit',
  summary: 'Walk the audit log hash chain from the first entry and report the first link that does not hold.',
  flags: { db: DB_FLAG, 'passphrase-file': PASSPHRASE_FILE_FLAG },
  details: `Exit status: 0 when the chain is intact, 1 when it is broken or the file cannot be opened.
The file is opened without migrating it; nothing is written.`,
  async run(args, { io }) {
    const file = args.database();
    const passphrase = await readSecret(args.required('passphrase-file'), '--passphrase-file', 'recovery passphrase', io);
    const key = unlockKey(file, passphrase);
    try {
      const result = await withClinicFile(file, key, (h) => verifyAuditChain(h.db).catch((err: unknown) => Promise.reject(explainReadFailure(file, err))));
      if (!result.ok) throw new CliFailure(`${brokenChainMessage(result)} (${file}).`);
      io.stdout(`Audit chain intact: ${result.entries} entries (${file}).\n`);
      return EXIT_OK;
    } finally {
      key.fill(0);
    }
  },
};
