import { useEffect, useState } from 'react';
import { scopeSentence } from '../../../../main/domain/overdueReport';
import { LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { ViewLink } from '../../components/ViewLink';
import { formatInstant } from '../../format';
import { useClinicZone, useSession } from '../../context';
import { useApiQuery } from '../../hooks';
import { dueLabel, plural } from '../followups/labels';
import '../followups/followups.css';
import { DrillDown } from './DrillDown';
import { ExportControls, Part2Notice } from './ExportControls';
import { saveFilters, savedFilters, toReportFilters, type FilterDraft } from './filters';
import { OverdueReportTable, type Selected } from './OverdueReportTable';
import { ReportFiltersForm } from './ReportFiltersForm';

/**
 * The medical director's home, the overdue-review report: who is behind on reviews, by how
 * much, and how often on time. The figures come at once; the reviews behind a figure a page
 * at a time. Every line says exactly what the report was filtered to.
 */
export function OverdueReportPage() {
  const { user } = useSession();
  const [draft, setDraft] = useState<FilterDraft>(() => savedFilters(user.id));
  const filters = toReportFilters(draft);
  const report = useApiQuery('overdueReport.figures', filters);
  const [selected, setSelected] = useState<Selected | null>(null);
  const [notice, setNotice] = useState<{ notice: string; what: string } | null>(null);
  const zone = useClinicZone();
  useEffect(() => saveFilters(user.id, draft), [user.id, draft]);
  // A refused filter (a future date, a period that ends before it starts) must not leave the old figures up.
  const data = report.error ? undefined : report.data;
  const scopeText = data ? scopeSentence(data.scope) : '';

  return (
    <div className="overdue-report">
      <div className="page-title-row">
        <PageHeading>Overdue-review report</PageHeading>
        <ViewLink view="reviews" params={{}} className="no-print">
          Open the team worklist
        </ViewLink>
      </div>
      <ReportFiltersForm
        value={draft}
        onChange={(next) => {
          setDraft(next);
          setSelected(null);
        }}
        error={report.error}
      />
      <LoadError error={report.error} />
      {data ? (
        <>
          <p className="report-summary">
            As of {dueLabel(data.asOfDate)}
            {draft.asOf ? '' : ' (today)'}: {plural(data.totals.overdue, 'review')} overdue {scopeText}
            {data.totals.critical > 0 ? `, ${data.totals.critical} of them critically` : ''}.
          </p>
          <p className="report-scope">{data.scope.length === 0 ? 'Filters: none (every prescriber, patient and drug class).' : `Filtered to ${data.scope.join('; ')}.`}</p>
          <p className="print-only">
            Printed by {user.displayName} on {formatInstant(new Date().toISOString(), zone)}.
          </p>
          <ExportControls filters={filters} onNotice={(n, what) => setNotice({ notice: n, what })} />
          {notice ? <Part2Notice notice={notice.notice} what={notice.what} /> : null}
          {data.rows.length === 0 ? (
            <p className="empty">No prescribers match these filters.</p>
          ) : (
            <OverdueReportTable report={data} scopeText={scopeText} selected={selected} onSelect={setSelected} />
          )}
          {selected ? (
            <DrillDown key={`${selected.prescriberId}-${selected.figure}`} report={data} filters={filters} selected={selected} onClose={() => setSelected(null)} />
          ) : null}
        </>
      ) : report.loading ? (
        <p role="status">Loading the report…</p>
      ) : null}
    </div>
  );
}
