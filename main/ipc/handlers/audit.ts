import { auditEntries, verifyAudit } from '../../services/audit';
import type { HandlerMap } from './types';

export const auditHandlers: HandlerMap<'audit.list' | 'audit.verify'> = {
  'audit.list': async (input, { ctx }) => auditEntries(ctx.db, input),
  'audit.verify': async (_input, { ctx }) => verifyAudit(ctx.db, ctx.anchors?.list() ?? []),
};
