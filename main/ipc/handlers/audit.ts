import { auditEntries, verifyAudit } from '../../services/audit';
import type { HandlerMap } from './types';

export const auditHandlers: HandlerMap<'audit.list' | 'audit.verify'> = {
  'audit.list': async (input, { ctx }) => auditEntries(ctx.db, input),
  // Every entry and every audited row: on a job thread (one check at a time, its phase in
  // clinic.jobs), so the rest of the clinic's calls go on being answered.
  'audit.verify': async (_input, { app }) =>
    app.jobs.run('verify', (progress) => app.readOffThread('audit.verify', {}, progress)) as Promise<Awaited<ReturnType<typeof verifyAudit>>>,
};
