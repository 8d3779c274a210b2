import type { ClinicDatabase } from '../../db/open';
import { integrityCheck } from '../../db/open';
import { verifyAuditChain, type AuditVerification } from '../services/audit';
import { explainReadFailure } from './clinic';
import { CliFailure } from './errors';

/** The wording scripts and people see for a broken chain, shared by verify-audit, backup and restore. */
export function brokenChainMessage(v: Extract<AuditVerification, { ok: false }>): string {
  return `Audit chain BROKEN at entry #${v.brokenAtId}: ${v.problem}`;
}

/**
 * What backup and restore require of a file before trusting it: SQLite's full integrity check
 * and an intact audit chain. Returns how many audit entries were verified and the newest hash.
 */
export async function checkFileHealth(handle: ClinicDatabase, what: string): Promise<{ entries: number; lastHash: string }> {
  let problems: string[];
  let chain: AuditVerification;
  try {
    problems = integrityCheck(handle.sqlite);
    chain = await verifyAuditChain(handle.db);
  } catch (err) {
    throw explainReadFailure(handle.file, err);
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).join('; ');
    throw new CliFailure(`${what} ${handle.file} fails the integrity check: ${shown}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}.`);
  }
  if (!chain.ok) throw new CliFailure(`${what} ${handle.file}: ${brokenChainMessage(chain)}.`);
  return { entries: chain.entries, lastHash: chain.lastHash };
}

/** The line verify-audit and backup print, so the anchor can be kept apart from the file. */
export const anchorLine = (entries: number, lastHash: string): string => `Anchor: ${entries}:${lastHash}`;
