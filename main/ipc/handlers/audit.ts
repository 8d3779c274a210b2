import { auditEntries, verifyAuditChain } from '../../services/audit';
import type { HandlerMap } from './types';

export const auditHandlers: HandlerMap<'audit.list' | 'audit.verify'> = {
  'audit.list': async (input, { ctx }) => auditEntries(ctx.db, input),
  'audit.verify': async (_input, { ctx }) => {
    const v = await verifyAuditChain(ctx.db);
    return v.ok
      ? { ok: true, entries: v.entries, brokenAtId: null, problem: null }
      : { ok: false, entries: v.entries, brokenAtId: v.brokenAtId, problem: v.problem };
  },
};
