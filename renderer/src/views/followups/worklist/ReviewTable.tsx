import type { ReactNode } from 'react';
import { ViewLink } from '../../../components/ViewLink';
import { BandBadge } from './BandBadge';
import { KIND_LABELS, dueLabel, lateness, reviewSubject, type Review } from '../labels';

/**
 * One band's open reviews. The row of the review being acted on is followed by a row holding
 * its form, so the form sits right under the review it changes.
 */
export function ReviewTable({
  caption,
  reviews,
  actionsFor,
  openFormFor,
}: {
  caption: string;
  reviews: Review[];
  actionsFor(review: Review): ReactNode;
  /** The inline form under this review, if one is open. */
  openFormFor(review: Review): ReactNode;
}) {
  const columns = 9;
  return (
    <table className="data-table review-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Patient</th>
          <th scope="col">MRN</th>
          <th scope="col">Medication</th>
          <th scope="col">Review</th>
          <th scope="col">Due</th>
          <th scope="col">Urgency</th>
          <th scope="col" className="num">
            Late
          </th>
          <th scope="col">Assigned to</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {reviews.map((r) => {
          const form = openFormFor(r);
          return [
            <tr key={r.id} className={form ? 'acting-on' : undefined}>
              <th scope="row">
                <ViewLink view="patient" params={{ id: r.patientId }}>
                  {r.patientName}
                </ViewLink>
              </th>
              <td className="nowrap">{r.mrn}</td>
              <td>{reviewSubject(r)}</td>
              <td>
                {KIND_LABELS[r.kind]}
                {r.reason ? <span className="review-reason">{r.reason}</span> : null}
              </td>
              <td className="nowrap">{dueLabel(r.dueDate)}</td>
              <td className="nowrap">{r.band ? <BandBadge band={r.band} /> : null}</td>
              <td className="num nowrap">{lateness(r)}</td>
              <td>{r.assignedPrescriberName}</td>
              <td>
                <div className="row-actions">{actionsFor(r)}</div>
              </td>
            </tr>,
            form ? (
              <tr key={`${r.id}-form`} className="action-row">
                <td colSpan={columns}>{form}</td>
              </tr>
            ) : null,
          ];
        })}
      </tbody>
    </table>
  );
}
