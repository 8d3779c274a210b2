import { IsoDate, parseWithClock } from '../../ipc/contract/common';
import { latestSchemaVersion } from '../../../migrations';
import { appendAudit } from '../../services/audit';
import { inTransaction } from '../../services/context';
import { AppError } from '../../services/errors';
import { overdueAuditFigures, overdueReviewsForExport, PART2_NOTICE } from '../../services/followupAudit';
import { reportToCsv } from '../../services/overdueReportCsv';
import { explainReadFailure, unlockKey, withClinicFile } from '../clinic';
import type { Command } from '../command';
import { CliFailure, EXIT_OK, UsageError } from '../errors';
import { DB_FLAG, PASSPHRASE_FILE_FLAG } from '../flags';
import { readRecoveryPassphrase } from '../secrets';

/**
 * The medical director's overdue-review report for scheduling (cron, Task Scheduler). It calls
 * the same service as the screen with the same as-of rule, so the figures match; the CSV has
 * the same two sections as the screen's download (figures, then the overdue reviews).
 */
export const reportOverdueCommand: Command = {
  name: 'report overdue',
  summary: 'Print the overdue-review report (by prescriber, and the overdue reviews) as of a date, as JSON or CSV.',
  flags: {
    db: DB_FLAG,
    'passphrase-file': PASSPHRASE_FILE_FLAG,
    'as-of': { type: 'string', placeholder: 'YYYY-MM-DD', description: "The report's date in the clinic's time zone (default: today; not a future date).", required: false },
    format: { type: 'string', placeholder: 'json|csv', description: 'Output format (default json). CSV is RFC 4180 with the 42 CFR Part 2 notice first.', required: false },
  },
  details: `As of a past date, figures describe the end of that day; as of today, the present moment.
Each run is recorded in the clinic's audit log (a disclosure of Part 2 records).`,
  async run(args, { io }) {
    const format = args.string('format') ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new UsageError(`--format must be json or csv, not "${format}"`);
    const asOf = args.string('as-of');
    if (asOf !== undefined) {
      // The command line is typed as the placeholder says; the contract's words are for screens.
      if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError(`--as-of "${asOf}": give the date as YYYY-MM-DD, for example 2026-12-01`);
      const parsed = parseWithClock(io.clock, () => IsoDate.safeParse(asOf));
      if (!parsed.success) throw new UsageError(`--as-of "${asOf}": ${parsed.error.issues[0]?.message ?? 'not a date'}`);
    }
    const file = args.database();
    const passphrase = await readRecoveryPassphrase(args, io);
    const key = await unlockKey(file, passphrase);
    try {
      const output = await withClinicFile(file, key, async (h, version) => {
        if (version < latestSchemaVersion) throw new CliFailure(`${file} uses an older schema; open it once with the Medtrack app to upgrade it.`);
        const ctx = { db: h.db, clock: io.clock };
        const filters = asOf ? { asOf } : {};
        // A refused date (one in the future) is a usage error: the same words as the screen's, exit 2.
        const refused = (err: unknown) =>
          Promise.reject(err instanceof AppError && err.code === 'VALIDATION' ? new UsageError(`--as-of "${asOf}": ${err.message}`) : explainReadFailure(file, err));
        const audit = await overdueAuditFigures(ctx, filters).catch(refused);
        const overdueReviews = await overdueReviewsForExport(ctx, filters).catch(refused);
        await inTransaction(ctx, (trx) =>
          appendAudit(trx, {
            at: io.clock.now().toISOString(),
            actorId: null,
            action: 'followups.export_cli',
            entityType: 'report',
            entityId: 'overdue-audit',
            after: { asOf: audit.asOf, format, rows: audit.rows.length, overdueReviews: overdueReviews.length },
          }),
        );
        if (format === 'csv') return reportToCsv(audit, overdueReviews);
        // The reviews in JSON carry what the CSV's second section says, not every internal field.
        const reviews = overdueReviews.map((r) => ({
          patientName: r.patientName, mrn: r.mrn, orderId: r.orderId, medicationName: r.medicationName, kind: r.kind,
          dueDate: r.dueDate, daysLate: r.daysLate, band: r.band, prescriberName: r.assignedPrescriberName,
        }));
        return `${JSON.stringify({ notice: PART2_NOTICE, ...audit, overdueReviews: reviews }, null, 2)}\n`;
      });
      io.stdout(output);
      return EXIT_OK;
    } finally {
      key.fill(0);
    }
  },
};
