import type { OrderDetail } from '../../../../../main/ipc/contract/orders';
import { PanelHeading } from '../PanelHeading';
import type { Outcome, Review } from '../labels';
import { DiscontinueForm } from './DiscontinueForm';
import { DoseChangeForm } from './DoseChangeForm';

export interface FollowUp {
  review: Review;
  outcome: Extract<Outcome, 'adjust' | 'stop'>;
  note: string;
}

/**
 * What a completed review decided, carried out straight away: the dose-change form after
 * "adjust", the discontinue form after "stop". The review itself is already recorded.
 */
export function OrderFollowUp({ followUp, onFinished }: { followUp: FollowUp; onFinished(message: string): void }) {
  const { review, outcome, note } = followUp;
  const drug = review.medicationName ?? 'the order';
  if (review.orderId === null) return null;
  const skip = () => onFinished(`Review completed. ${drug} for ${review.patientName} was not changed yet.`);
  return (
    <section className="panel follow-up" aria-labelledby="follow-up-heading">
      <PanelHeading id="follow-up-heading">{outcome === 'adjust' ? `Change the dose: ${drug} for ${review.patientName}` : `Stop ${drug} for ${review.patientName}`}</PanelHeading>
      {outcome === 'adjust' ? (
        <DoseChangeForm
          orderId={review.orderId}
          reasonDraft={note}
          onSaved={(o: OrderDetail) => onFinished(`Review completed and the dose of ${o.medication.name} changed.`)}
          onSkip={skip}
        />
      ) : (
        <DiscontinueForm orderId={review.orderId} reasonDraft={note} onSaved={(o: OrderDetail) => onFinished(`Review completed and ${o.medication.name} stopped.`)} onSkip={skip} />
      )}
    </section>
  );
}
