import { useEffect, useState } from 'react';
import type { AuditFilters } from '../../../../../main/ipc/contract/followups';
import { call } from '../../../api';
import { FormError } from '../../../components/FormError';
import { useAction } from '../../../hooks';
import { printRecorded, useAuditedPrint } from '../../../print';
import { downloadText } from './download';

/**
 * CSV and print exports. Each asks main first, which records the export in the audit log (who,
 * when, with which filters) and returns the 42 CFR Part 2 notice that must go with it.
 */
export function ExportControls({ filters, onNotice }: { filters: AuditFilters; onNotice(notice: string, what: string): void }) {
  const exporting = useAction();
  const [printRequests, setPrintRequests] = useState(0);

  // Print once the notice is on the page, so the printed report carries it.
  useEffect(() => {
    if (printRequests > 0) printRecorded();
  }, [printRequests]);

  const exportCsv = async () => {
    const out = await exporting.run(() => call('followups.exportAudit', { format: 'csv', filters }));
    if (!out) return;
    downloadText(out.filename, out.content, 'text/csv;charset=utf-8');
    onNotice(out.notice, `Exported ${out.filename}. The file starts with this notice; keep it with any copy you share.`);
  };

  const print = async () => {
    const out = await exporting.run(() => call('followups.exportAudit', { format: 'print', filters }));
    if (!out) return;
    onNotice(out.notice, 'Printed report: the notice is printed with it.');
    setPrintRequests((n) => n + 1);
  };

  // Ctrl+P prints through the same audited flow as the button.
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
