import type { BuiltExport, overdueAuditFigures, overdueAuditReviews } from '../../services/followupAudit';
import { recordExport } from '../../services/followupAudit';
import type { HandlerMap } from './types';

type Out<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

/**
 * The overdue-review report reads on a job thread with its own connection (app/readJobs.ts), so
 * no other call waits for it. An export is a job: one at a time (a second is refused while one
 * runs), its phase and percent in clinic.jobs; the worker records it in the audit log once the
 * thread has built it.
 */
export const overdueReportHandlers: HandlerMap<'overdueReport.figures' | 'overdueReport.reviews' | 'overdueReport.export'> = {
  'overdueReport.figures': async (input, { app }) => app.readOffThread('overdueReport.figures', input) as Promise<Out<typeof overdueAuditFigures>>,
  'overdueReport.reviews': async (input, { app }) => app.readOffThread('overdueReport.reviews', input) as Promise<Out<typeof overdueAuditReviews>>,
  'overdueReport.export': async (input, { app, ctx, actor }) =>
    app.jobs.run('export', async (progress) =>
      recordExport(ctx, actor, input.filters, (await app.readOffThread('overdueReport.export', input, progress)) as BuiltExport),
    ),
};
