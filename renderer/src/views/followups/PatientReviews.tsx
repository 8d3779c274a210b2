import { LoadError } from '../../components/FormError';
import { ViewLink } from '../../components/ViewLink';
import { formatInstant } from '../../format';
import { useClinicZone, useSession } from '../../context';
import { useApiQuery } from '../../hooks';
import { BandBadge } from './worklist/BandBadge';
import { KIND_LABELS, OUTCOME_LABELS, dueLabel, lateness, pastStatus, reviewSubject, type Review } from './labels';
import './followups.css';

/** The patient chart's "Reviews" section: what is still to be reviewed, and what was decided before. */
export function PatientReviews({ patientId }: { patientId: number }) {
  const reviews = useApiQuery('followups.forPatient', { patientId });
  const { user } = useSession();
  const all = reviews.data ?? [];
  // forPatient lists newest due first; the open ones read best soonest first.
  const open = all.filter((r) => r.status === 'scheduled').sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const past = all.filter((r) => r.status !== 'scheduled');

  return (
    <section aria-labelledby="patient-reviews-heading" className="panel">
      <div className="page-title-row">
        <h2 id="patient-reviews-heading">Reviews</h2>
        {user.role === 'prescriber' || user.role === 'medical_director' ? (
          <ViewLink view="reviews" params={{}}>
            Open the reviews worklist
          </ViewLink>
        ) : null}
      </div>
      <LoadError error={reviews.error} onRetry={reviews.reload} />
      {!reviews.data && reviews.loading ? <p role="status">Loading reviews…</p> : null}
      {reviews.data ? (
        <>
          <OpenReviews reviews={open} />
          <PastReviews reviews={past} />
        </>
      ) : null}
    </section>
  );
}

function OpenReviews({ reviews }: { reviews: Review[] }) {
  if (reviews.length === 0) return <p className="empty">No open reviews.</p>;
  return (
    <table className="data-table">
      <caption>Open reviews</caption>
      <thead>
        <tr>
          <th scope="col">Due</th>
          <th scope="col">Medication</th>
          <th scope="col">Review</th>
          <th scope="col">Urgency</th>
          <th scope="col" className="num">
            Late
          </th>
          <th scope="col">Assigned to</th>
        </tr>
      </thead>
      <tbody>
        {reviews.map((r) => (
          <tr key={r.id}>
            <th scope="row" className="nowrap">
              {dueLabel(r.dueDate)}
            </th>
            <td>{reviewSubject(r)}</td>
            <td>
              {KIND_LABELS[r.kind]}
              {r.reason ? <span className="review-reason">{r.reason}</span> : null}
            </td>
            <td className="nowrap">{r.band ? <BandBadge band={r.band} /> : null}</td>
            <td className="num nowrap">{lateness(r)}</td>
            <td>{r.assignedPrescriberName}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PastReviews({ reviews }: { reviews: Review[] }) {
  const zone = useClinicZone();
  if (reviews.length === 0) return <p className="empty">No completed or cancelled reviews yet.</p>;
  return (
    <table className="data-table">
      <caption>Past reviews</caption>
      <thead>
        <tr>
          <th scope="col">Due</th>
          <th scope="col">Medication</th>
          <th scope="col">Review</th>
          <th scope="col">Result</th>
          <th scope="col">Outcome and note</th>
          <th scope="col">Completed by</th>
        </tr>
      </thead>
      <tbody>
        {reviews.map((r) => (
          <tr key={r.id} className={r.status === 'cancelled' ? 'inactive' : undefined}>
            <th scope="row" className="nowrap">
              {dueLabel(r.dueDate)}
            </th>
            <td>{reviewSubject(r)}</td>
            <td>{KIND_LABELS[r.kind]}</td>
            <td className={r.status === 'completed' && !r.onTime ? 'late-result' : undefined}>{pastStatus(r)}</td>
            <td>
              {r.outcome ? <strong>{OUTCOME_LABELS[r.outcome]}</strong> : null}
              {r.note ? <span className="review-reason">{r.note}</span> : null}
            </td>
            <td>
              {r.completedByName ?? '—'}
              {r.completedAt ? <span className="review-reason">{formatInstant(r.completedAt, zone)}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
