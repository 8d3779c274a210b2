import type { ReactNode } from 'react';
import { BandBadge } from './BandBadge';
import { KIND_LABELS, dueLabel, lateness, reviewSubject, type Review } from '../labels';
import { ReviewPatientCell } from '../ReviewPatientCell';

/**
 * One band's open reviews. The row of the review being acted on is followed by a row holding
 * its form, so the form sits right under the review it changes. The columns have fixed shares
 * so every band's table lines up with the next.
 */
export function ReviewTable({
  caption,
  reviews,
  showAssignee,
  actionsFor,
  openFormFor,
}: {
  caption: string;
  reviews: Review[];
  /** The team view names who each review is for; "Mine" would repeat my name on every row. */
  showAssignee: boolean;
  actionsFor(review: Review): ReactNode;
  /** The inline form under this review, if one is open. */
  openFormFor(review: Review): ReactNode;
}) {
  const columns = showAssignee ? 7 : 6;
  return (
    <table className={`data-table review-table${showAssignee ? ' with-assignee' : ''}`}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="col-patient">
            Patient
          </th>
          <th scope="col" className="col-drug">
            Medication
          </th>
          <th scope="col" className="col-kind">
            Review
          </th>
          <th scope="col" className="col-due">
            Due
          </th>
          <th scope="col" className="col-late num">
            Late
          </th>
          {showAssignee ? (
            <th scope="col" className="col-assignee">
              Assigned to
            </th>
          ) : null}
          <th scope="col" className="col-actions">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {reviews.map((r) => {
          const form = openFormFor(r);
          return [
            <tr key={r.id} className={form ? 'acting-on' : undefined}>
              <ReviewPatientCell review={r} />
              <td>{reviewSubject(r)}</td>
              <td>
                {KIND_LABELS[r.kind]}
                {/* Policy reviews say only which rule made them; a hand-made one says what to look at. */}
                {r.origin === 'manual' && r.reason ? <span className="review-reason">{r.reason}</span> : null}
              </td>
              <td>
                <span className="nowrap">{dueLabel(r.dueDate)}</span>
                {r.band ? (
                  <span className="due-band">
                    <BandBadge band={r.band} />
                  </span>
                ) : null}
              </td>
              <td className="num">{lateness(r)}</td>
              {showAssignee ? <td>{r.assignedPrescriberName}</td> : null}
              <td>
                <div className="review-actions">{actionsFor(r)}</div>
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
