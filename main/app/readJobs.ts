import { openClinicDatabase } from '../../db/open';
import { closeFully } from '../cli/clinic';
import { fixedClock } from '../clock';
import type { ParsedInputOf } from '../ipc/contract';
import { verifyAudit } from '../services/audit';
import { buildExport, overdueAuditFigures, overdueAuditReviews } from '../services/followupAudit';
import type { ReadJobName } from '../worker/jobProtocol';
import { fileAnchorStore } from './anchors';

/**
 * The long reads that run on a job thread (worker/jobThread.ts) instead of the database worker:
 * the director's overdue-review report (figures, drill-down pages and exports; 0.6-4 s at scale before it was paged) and the audit log's full verification
 * (every entry and every audited row). Each is one service call over a connection of its own
 * (WAL gives it a consistent snapshot while the worker goes on answering and writing), on the
 * worker's "now", so the answer is the one the worker would have given.
 */
export async function runReadJob(
  source: string,
  key: Buffer,
  job: ReadJobName,
  input: unknown,
  now: string,
  phase: (p: string, percent?: number | null) => void,
  log: (msg: string) => void,
): Promise<unknown> {
  const handle = await openClinicDatabase({ file: source, key, migrate: false });
  // One read transaction: every query sees the same snapshot, so rows written by the worker
  // meanwhile cannot look like rows changed outside the app (or half an audit page).
  handle.sqlite.exec('BEGIN');
  try {
    const ctx = { db: handle.db, clock: fixedClock(now), anchors: fileAnchorStore(source), log };
    if (job === 'audit.verify') {
      phase('checking', 0);
      return await verifyAudit(ctx.db, ctx.anchors.list(), (percent) => phase('checking', percent));
    }
    if (job === 'overdueReport.figures') return await overdueAuditFigures(ctx, input as ParsedInputOf<'overdueReport.figures'>);
    if (job === 'overdueReport.reviews') {
      const { filters, prescriberId, figure, offset, limit } = input as ParsedInputOf<'overdueReport.reviews'>;
      return await overdueAuditReviews(ctx, filters, { offset, limit }, { prescriberId, figure });
    }
    return await buildExport(ctx, input as ParsedInputOf<'overdueReport.export'>, phase);
  } finally {
    if (handle.sqlite.inTransaction) handle.sqlite.exec('ROLLBACK');
    await closeFully(handle);
  }
}
