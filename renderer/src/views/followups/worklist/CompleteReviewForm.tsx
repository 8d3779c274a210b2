import { useState, type FormEvent } from 'react';
import type { OutputOf } from '../../../../../main/ipc/contract';
import { call } from '../../../api';
import { FormActions } from '../../../components/FormActions';
import { FormError } from '../../../components/FormError';
import { RadioGroup, TextAreaField } from '../../../components/fields';
import { useAction } from '../../../hooks';
import { useFocusFirstField } from '../fields';
import { OUTCOME_LABELS, reviewName, type Outcome, type Review } from '../labels';
import { fieldError } from '../localErrors';

export type Completion = OutputOf<'followups.complete'>;

const OUTCOME_OPTIONS = (Object.keys(OUTCOME_LABELS) as Outcome[]).map((value) => ({ value, label: OUTCOME_LABELS[value] }));

/** Outcome and a note; "adjust" and "stop" go on to the order's own form (the page does that). */
export function CompleteReviewForm({ review, onCompleted, onCancel }: { review: Review; onCompleted(result: Completion): void; onCancel(): void }) {
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [note, setNote] = useState('');
  const submit = useAction();
  const formRef = useFocusFirstField<HTMLFormElement>();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await submit.run(() => {
      if (outcome === '') throw fieldError('outcome', 'Choose an outcome: continue, adjust or stop.');
      return call('followups.complete', { id: review.id, outcome, note });
    });
    if (result) onCompleted(result);
  };

  const hint = review.orderId
    ? 'Adjusting or stopping opens that form for the order next.'
    : 'This review is not tied to one order; change orders from the patient’s chart.';
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="form inline-review-form" aria-label={`Complete review: ${reviewName(review)}`}>
      <FormError error={submit.error} />
      <RadioGroup<Outcome> label="Outcome" value={outcome} onChange={setOutcome} options={OUTCOME_OPTIONS} error={submit.error?.field('outcome')} hint={hint} required />
      <TextAreaField label="Note" value={note} onChange={setNote} error={submit.error?.field('note')} required hint="What you reviewed and why you decided this." />
      <FormActions submitLabel="Complete review" pending={submit.pending} onCancel={onCancel} />
    </form>
  );
}
