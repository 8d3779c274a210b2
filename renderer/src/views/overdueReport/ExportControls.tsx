import { useEffect, useState } from 'react';
import type { OutputOf } from '../../../../main/ipc/contract';
import type { ReportFilters } from '../../../../main/ipc/contract/overdueReport';
import { call } from '../../api';
import { FormError } from '../../components/FormError';
import { useAction } from '../../hooks';
import { printRecorded, useAuditedPrint } from '../../print';
import { downloadText } from './download';

type Job = OutputOf<'clinic.jobs'>[number];

const PHASE_WORDS: Record<string, string> = {
  starting: 'Starting',
  counting: 'Counting the figures',
  listing: 'Listing the overdue reviews',
  writing: 'Writing the file',
};

/** The running export (this window's or another's), asked every half second while one may run. */
function useRunningExport(active: boolean): Job | null {
  const [job, setJob] = useState<Job | null>(null);
  useEffect(() => {
    if (!active) {
      setJob(null);
      return;
    }
    let live = true;
    const ask = () =>
      call('clinic.jobs', {}).then(
        (jobs) => live && setJob(jobs.find((j) => j.kind === 'export') ?? null),
        () => undefined, // progress is a nicety: the export's own answer reports any failure
      );
    void ask();
    const timer = setInterval(ask, 500);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [active]);
  return job;
}

/**
 * CSV and print exports of the overdue-review report. Each asks main first, which builds it on
 * a job thread (one export at a time), records it in the audit log (who, when, which filters)
 * and returns the 42 CFR Part 2 notice that must go with it.
 */
export function ExportControls({ filters, onNotice }: { filters: ReportFilters; onNotice(notice: string, what: string): void }) {
  const exporting = useAction();
  const [printRequests, setPrintRequests] = useState(0);
  const job = useRunningExport(exporting.pending);

  // Print once the notice is on the page, so the printed report carries it.
  useEffect(() => {
    if (printRequests > 0) printRecorded();
  }, [printRequests]);

  const exportCsv = async () => {
    const out = await exporting.run(() => call('overdueReport.export', { format: 'csv', filters }));
    if (!out) return;
    downloadText(out.filename, out.content, 'text/csv;charset=utf-8');
    onNotice(out.notice, `Exported ${out.filename}: the figures by prescriber, then each overdue review. The file starts with this notice; keep it with any copy you share.`);
  };

  const print = async () => {
    const out = await exporting.run(() => call('overdueReport.export', { format: 'print', filters }));
    if (!out) return;
    onNotice(out.notice, 'Printed report: the notice is printed with it.');
    setPrintRequests((n) => n + 1);
  };
  // Ctrl+P prints through the same audited flow as the button (renderer/src/print.ts).
  useAuditedPrint(print);

  return (
    <div className="export-controls no-print">
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void exportCsv()} disabled={exporting.pending}>
          Export CSV
        </button>
        <button type="button" className="secondary" onClick={() => void print()} disabled={exporting.pending}>
          Print
        </button>
      </div>
      {exporting.pending ? (
        <div className="export-progress">
          <progress aria-label="Export progress" max={100} value={job?.percent ?? undefined} />
          <p role="status">
            Exporting the overdue-review report: {PHASE_WORDS[job?.phase ?? 'starting'] ?? 'Working'}
            {job?.percent !== null && job?.percent !== undefined ? ` (${job.percent} %)` : ''}.
          </p>
        </div>
      ) : null}
      <FormError error={exporting.error} />
    </div>
  );
}

/** The redisclosure notice, on screen after an export and on the printed page. */
export function Part2Notice({ notice, what }: { notice: string; what: string }) {
  return (
    <section className="part2-notice" aria-labelledby="part2-heading">
      <h2 id="part2-heading">42 CFR Part 2 notice</h2>
      <p className="no-print" role="status">
        {what}
      </p>
      <p>{notice}</p>
    </section>
  );
}
