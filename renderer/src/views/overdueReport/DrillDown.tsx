import { useState } from 'react';
import type { OverdueReport, ReportFilters } from '../../../../main/ipc/contract/overdueReport';
import { LoadError } from '../../components/FormError';
import { ViewLink } from '../../components/ViewLink';
import { useClinicZone } from '../../context';
import { formatInstant } from '../../format';
import { useApiQuery } from '../../hooks';
import { PanelHeading } from '../followups/PanelHeading';
import { ReviewPatientCell } from '../followups/ReviewPatientCell';
import { KIND_LABELS, dueLabel, plural, reviewSubject } from '../followups/labels';
import { BandBadge } from '../followups/worklist/BandBadge';
import { isPeriod, periodOf, standing } from './figures';
import type { Selected } from './OverdueReportTable';

const FIGURE_TITLES = { overdue: 'overdue', critical: 'critically overdue', last30: 'due in the last 30 days', last90: 'due in the last 90 days', chosen: 'due in the chosen period' };

/** Reviews per page: the screen reads one page at a time, never the whole list (issue 11). */
export const PAGE_SIZE = 50;

/**
 * The reviews behind the figure the director clicked, a page at a time from main
 * (overdueReport.reviews), with the true total. Each names its patient (a link to the chart,
 * where the review is) and its order (a link to the order).
 */
export function DrillDown({ report, filters, selected, onClose }: { report: OverdueReport; filters: ReportFilters; selected: Selected; onClose(): void }) {
  const zone = useClinicZone();
  const [offset, setOffset] = useState(0);
  const page = useApiQuery('overdueReport.reviews', { filters, prescriberId: selected.prescriberId, figure: selected.figure, offset, limit: PAGE_SIZE });
  const prescriber = report.rows.find((r) => r.prescriberId === selected.prescriberId);
  const period = isPeriod(selected.figure) ? periodOf(report, selected.figure) : null;
  const total = page.data?.total;
  const title = `${prescriber?.prescriberName ?? 'Prescriber'}: ${total === undefined ? 'reviews' : plural(total, 'review')} ${FIGURE_TITLES[selected.figure]}`;
  const reviews = page.data?.reviews ?? [];
  const shown = page.data && reviews.length > 0 ? `Showing ${offset + 1}–${offset + reviews.length} of ${page.data.total}, oldest due first.` : null;

  return (
    <section className="panel drill-down" aria-labelledby="drill-down-heading">
      <div className="page-title-row">
        <PanelHeading id="drill-down-heading">{title}</PanelHeading>
        <button type="button" className="secondary small no-print" onClick={onClose}>
          Close
        </button>
      </div>
      {period ? (
        <p className="hint">
          Due {dueLabel(period[0])} to {dueLabel(period[1])}. Still open past the due date counts as late.
        </p>
      ) : null}
      <LoadError error={page.error} onRetry={page.reload} />
      {page.loading && !page.data ? <p role="status">Loading the reviews…</p> : null}
      {page.data && page.data.total === 0 ? <p className="empty">No reviews.</p> : null}
      {reviews.length > 0 ? (
        <>
          <p className="drill-summary" role="status">
            {shown}
          </p>
          <table className="data-table drill-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Medication</th>
                <th scope="col">Review</th>
                <th scope="col">Due</th>
                <th scope="col">Standing</th>
                <th scope="col" className="num">
                  Days late
                </th>
                <th scope="col">Completed</th>
              </tr>
            </thead>
            <tbody>
              {reviews.map((r) => (
                <tr key={r.id}>
                  <ReviewPatientCell review={r} />
                  <td>
                    {r.orderId !== null ? (
                      <ViewLink view="order" params={{ id: r.orderId }}>
                        {reviewSubject(r)}
                      </ViewLink>
                    ) : (
                      reviewSubject(r)
                    )}
                  </td>
                  <td>{KIND_LABELS[r.kind]}</td>
                  <td className="nowrap">{dueLabel(r.dueDate)}</td>
                  <td className="nowrap">{r.band && r.status === 'scheduled' ? <BandBadge band={r.band} /> : standing(r)}</td>
                  <td className="num">{r.daysLate}</td>
                  <td>
                    {r.status === 'cancelled'
                      ? `Not done: the order was stopped${r.completedAt ? ` ${formatInstant(r.completedAt, zone)}` : ''}, after the review was due`
                      : r.completedAt
                        ? `${formatInstant(r.completedAt, zone)} by ${r.completedByName ?? 'unknown'}`
                        : 'Still open'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions no-print">
            <button type="button" className="secondary small" disabled={offset === 0 || page.loading} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
              Previous {PAGE_SIZE}
            </button>
            <button type="button" className="secondary small" disabled={offset + reviews.length >= page.data!.total || page.loading} onClick={() => setOffset(offset + PAGE_SIZE)}>
              Next {PAGE_SIZE}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
