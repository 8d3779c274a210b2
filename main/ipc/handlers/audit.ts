import { auditEntries, verifyAudit } from '../../services/audit';
import { searchAudit } from '../../services/auditSearch';
import type { HandlerMap } from './types';

export const auditHandlers: HandlerMap<'audit.list' | 'audit.search' | 'audit.verify'> = {
  'audit.list': async (input, { ctx }) => auditEntries(ctx.db, input),
  'audit.search': async (input, { ctx }) => searchAudit(ctx.db, input),
  'audit.verify': async (_input, { ctx }) => verifyAudit(ctx.db, ctx.anchors?.list() ?? []),
};
