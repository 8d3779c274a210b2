import { useState } from 'react';
import { LoadError } from '../../../components/FormError';
import { PageHeading } from '../../../components/PageHeading';
import { ViewLink } from '../../../components/ViewLink';
import { formatInstant } from '../../../format';
import { useClinicZone, useSession } from '../../../context';
import { useApiQuery } from '../../../hooks';
import { dueLabel, plural } from '../labels';
import '../followups.css';
import { AuditFiltersForm } from './AuditFiltersForm';
import { AuditTable, type Selected } from './AuditTable';
import { DrillDown } from './DrillDown';
import { ExportControls, Part2Notice } from './ExportControls';
import { NO_FILTERS, toAuditFilters, type FilterDraft } from './filters';

/** The medical director's home: who is behind on reviews, by how much, and how often on time. */
export function OverdueAuditPage() {
  const [draft, setDraft] = useState<FilterDraft>(NO_FILTERS);
  const filters = toAuditFilters(draft);
  const audit = useApiQuery('followups.overdueAudit', filters);
  const [selected, setSelected] = useState<Selected | null>(null);
  const [notice, setNotice] = useState<{ notice: string; what: string } | null>(null);
  const { user } = useSession();
  const zone = useClinicZone();
  // A refused filter (a period that ends before it starts) must not leave the old figures up.
  const data = audit.error ? undefined : audit.data;

  return (
    <div className="overdue-audit">
      <div className="page-title-row">
        <PageHeading>Overdue-review audit</PageHeading>
        <ViewLink view="reviews" params={{}} className="no-print">
          Open the team worklist
        </ViewLink>
      </div>
      <AuditFiltersForm
        value={draft}
        onChange={(next) => {
          setDraft(next);
          setSelected(null);
        }}
        error={audit.error}
      />
      <LoadError error={audit.error} />
      {data ? (
        <>
          <p className="audit-summary">
            As of {dueLabel(data.asOfDate)}
            {draft.asOf ? '' : ' (today)'}: {plural(data.totals.overdue, 'review')} overdue across the team
            {data.totals.critical > 0 ? `, ${data.totals.critical} of them critically` : ''}.
          </p>
          <p className="print-only">
            Printed by {user.displayName} on {formatInstant(new Date().toISOString(), zone)}.
          </p>
          <ExportControls filters={filters} onNotice={(n, what) => setNotice({ notice: n, what })} />
          {notice ? <Part2Notice notice={notice.notice} what={notice.what} /> : null}
          {data.rows.length === 0 ? <p className="empty">No prescribers match these filters.</p> : <AuditTable audit={data} selected={selected} onSelect={setSelected} />}
          {selected ? <DrillDown audit={data} selected={selected} onClose={() => setSelected(null)} /> : null}
        </>
      ) : audit.loading ? (
        <p role="status">Loading the audit…</p>
      ) : null}
    </div>
  );
}
