import { formatInstant } from '../../../format';
import { useClinicZone } from '../../../context';
import type { OverdueAudit } from '../../../../../main/ipc/contract/followups';
import { PanelHeading } from '../PanelHeading';
import { ReviewPatientCell } from '../ReviewPatientCell';
import { KIND_LABELS, dueLabel, plural, reviewSubject } from '../labels';
import { BandBadge } from '../worklist/BandBadge';
import type { Selected } from './AuditTable';
import { isPeriod, periodOf, reviewsBehind, standing } from './figures';

const FIGURE_TITLES = { overdue: 'overdue', critical: 'critically overdue', last30: 'due in the last 30 days', last90: 'due in the last 90 days', chosen: 'due in the chosen period' };

/** The reviews behind the figure the director clicked. */
export function DrillDown({ audit, selected, onClose }: { audit: OverdueAudit; selected: Selected; onClose(): void }) {
  const zone = useClinicZone();
  const prescriber = audit.rows.find((r) => r.prescriberId === selected.prescriberId);
  const reviews = reviewsBehind(audit, selected.prescriberId, selected.figure);
  const period = isPeriod(selected.figure) ? periodOf(audit, selected.figure) : null;
  const title = `${prescriber?.prescriberName ?? 'Prescriber'}: ${plural(reviews.length, 'review')} ${FIGURE_TITLES[selected.figure]}`;

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
      {reviews.length === 0 ? (
        <p className="empty">No reviews.</p>
      ) : (
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
                <td>{reviewSubject(r)}</td>
                <td>{KIND_LABELS[r.kind]}</td>
                <td className="nowrap">{dueLabel(r.dueDate)}</td>
                <td className="nowrap">{r.band && r.status === 'scheduled' ? <BandBadge band={r.band} /> : standing(r)}</td>
                <td className="num">{r.daysLate}</td>
                <td>{r.completedAt ? `${formatInstant(r.completedAt, zone)} by ${r.completedByName ?? 'unknown'}` : 'Still open'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
