import { ViewLink } from '../../components/ViewLink';
import type { Review } from './labels';

/** A review row's header cell, on the worklist and in the audit's drill-down: the patient (a link to the chart) and the MRN. */
export function ReviewPatientCell({ review }: { review: Pick<Review, 'patientId' | 'patientName' | 'mrn'> }) {
  return (
    <th scope="row">
      <ViewLink view="patient" params={{ id: review.patientId }}>
        {review.patientName}
      </ViewLink>
      <span className="review-reason mrn">MRN {review.mrn}</span>
    </th>
  );
}
