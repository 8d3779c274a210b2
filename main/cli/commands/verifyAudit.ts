import { verifyAuditChain } from '../../services/audit';
import { anchorFilePathFor, fileAnchorStore } from '../../app/anchors';
import { checkAnchors } from '../../services/auditAnchors';
import { describeStateProblem, verifyCurrentState } from '../../services/auditState';
import { anchorLine, brokenChainMessage } from '../audit';
import { explainReadFailure, unlockKey, withClinicFile } from '../clinic';
import type { Command } from '../command';
import { CliFailure, EXIT_OK, UsageError } from '../errors';
import { DB_FLAG, PASSPHRASE_FILE_FLAG } from '../flags';
import { readRecoveryPassphrase } from '../secrets';

export const verifyAuditCommand: Command = {
  name: 'verify-audit',
  summary: 'Walk the audit log hash chain from the first entry and report the first link that does not hold.',
  flags: {
    db: DB_FLAG,
    'passphrase-file': PASSPHRASE_FILE_FLAG,
    anchor: {
      type: 'string',
      placeholder: 'ENTRY:HASH',
      description: 'An anchor printed by an earlier run; fails unless that entry is still in the chain, unchanged.',
    },
  },
  details: `Exit status: 0 when the chain is intact and every audited row (users, patients, allergies,
medications, orders, dose versions, administrations, reviews, settings) still hashes to what its
latest audit entry recorded; 1 when the chain is broken, a row was changed, added or removed
outside the app (each is named: table, row, entry), or the file cannot be opened.
The file is opened without migrating it; nothing is written.

Each run prints an anchor (the newest entry's number and hash). Keep it somewhere else (a
printed log, another system): the chain alone cannot show that its newest entries were cut off
by someone holding the key, but a later run with --anchor can.`,
  async run(args, { io }) {
    const anchorText = args.string('anchor');
    const anchor = anchorText === undefined ? null : /^(\d+):([0-9a-f]{64})$/.exec(anchorText);
    if (anchorText !== undefined && !anchor) throw new UsageError('--anchor must look like 1234:<64 hex characters>, as printed by an earlier run');
    const file = args.database();
    const passphrase = await readRecoveryPassphrase(args, io);
    const key = await unlockKey(file, passphrase);
    try {
      const result = await withClinicFile(file, key, async (h) => {
        const chain = await verifyAuditChain(h.db).catch((err: unknown) => Promise.reject(explainReadFailure(file, err)));
        const state = await verifyCurrentState(h.db).catch((err: unknown) => Promise.reject(explainReadFailure(file, err)));
        const kept = fileAnchorStore(file).list();
        const anchorProblem = chain.ok ? await checkAnchors(h.db, kept) : null;
        const hashes = new Map<number, string>();
        if (chain.ok && anchor) {
          const row = await h.db.selectFrom('audit_log').select(['id', 'hash']).where('id', '=', Number(anchor[1])).executeTakeFirst();
          if (row) hashes.set(row.id, row.hash);
        }
        return { ...chain, hashes, state, kept: kept.length, anchorProblem };
      });
      if (!result.ok) throw new CliFailure(`${brokenChainMessage(result)} (${file}).`);
      if (anchor) {
        const [, id, hash] = anchor;
        if (Number(id) > result.entries) throw new CliFailure(`Audit chain has only ${result.entries} entries but the anchor names entry #${id}: entries were removed (${file}).`);
        if (result.hashes.get(Number(id)) !== hash) throw new CliFailure(`Audit entry #${id} no longer matches the anchor: the chain was rewritten from there on (${file}).`);
      }
      if (result.anchorProblem) throw new CliFailure(`Audit chain BROKEN: ${result.anchorProblem} (${file}; anchors kept in ${anchorFilePathFor(file)}).`);
      if (result.state.problems.length > 0) {
        const lines = result.state.problems.map((p) => `  ${describeStateProblem(p)}`);
        throw new CliFailure(`Audit chain intact, but rows no longer match their audit entries (${file}):\n${lines.join('\n')}`);
      }
      io.stdout(`Audit chain intact: ${result.entries} entries (${file}).\n`);
      io.stdout(
        `Current rows match their latest audit entries: ${result.state.proven} rows` +
          (result.state.unproven > 0 ? ` (${result.state.unproven} more were last written before rows were hashed and cannot be checked)` : '') +
          '.\n',
      );
      if (result.kept > 0) io.stdout(`All ${result.kept} anchors kept by backups and exports still hold.\n`);
      if (result.entries > 0) io.stdout(`${anchorLine(result.entries, result.lastHash)}${anchor ? ` (anchor #${anchor[1]} still holds)` : ''}\n`);
      return EXIT_OK;
    } finally {
      key.fill(0);
    }
  },
};
