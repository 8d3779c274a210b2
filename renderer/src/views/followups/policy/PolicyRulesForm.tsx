import { useState, type FormEvent } from 'react';
import { DEFAULT_REVIEW_POLICY, type ReviewRule } from '../../../../../main/domain/followups';
import { ApiError, call } from '../../../api';
import { FormError } from '../../../components/FormError';
import { useAction } from '../../../hooks';
import { RuleRow } from './RuleRow';
import { emptyRule, rulesFrom, toDraft, toRule, type RuleDraft } from './rules';

/**
 * 'reviews.policy': which events schedule a review and how many days later. main checks the
 * whole policy (a catch-all rule for every event, no duplicate rules) and says what is wrong.
 */
export function PolicyRulesForm({ initial }: { initial: readonly ReviewRule[] }) {
  const [rules, setRules] = useState<RuleDraft[]>(() => initial.map(toDraft));
  const [notice, setNotice] = useState<string | null>(null);
  const [missingDays, setMissingDays] = useState<number[]>([]);
  const submit = useAction();

  const update = (i: number, next: RuleDraft) => setRules((rs) => rs.map((r, j) => (j === i ? next : r)));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const missing = rules.flatMap((r, i) => (!r.noReview && r.days.trim() === '' ? [i] : []));
    setMissingDays(missing);
    const saved = await submit.run(() => {
      if (missing.length > 0) {
        const message = `Rule ${missing.map((i) => i + 1).join(', ')}: enter the days until the review, or tick No review.`;
        throw new ApiError({ code: 'VALIDATION', message });
      }
      return call('settings.update', { values: { 'reviews.policy': { rules: rules.map(toRule) } } });
    });
    if (saved) {
      setRules(rulesFrom(saved['reviews.policy']).map(toDraft));
      setNotice('Review policy saved. It applies to events from now on; reviews already scheduled keep their dates.');
    }
  };

  return (
    <section className="panel" aria-labelledby="rules-heading">
      <h2 id="rules-heading">Which events schedule a review</h2>
      <p className="hint">
        Each event needs one rule with every criterion set to “Any”. When several rules match an order, the one with the most criteria wins; among equally specific ones, the earliest review.
        Days count calendar days in the clinic’s time zone; 0 means on the day of the event.
      </p>
      <form onSubmit={onSubmit} noValidate className="form">
        <FormError error={submit.error} />
        <table className="data-table policy-table">
          <caption className="visually-hidden">Review rules</caption>
          <thead>
            <tr>
              <th scope="col" className="num col-rule">
                Rule
              </th>
              <th scope="col" className="col-event">
                Event
              </th>
              <th scope="col" className="col-sedating">
                Sedating class
              </th>
              <th scope="col">Drug class</th>
              <th scope="col">DEA schedule</th>
              <th scope="col">Withdrawal management</th>
              <th scope="col" className="col-days">
                Review after (days)
              </th>
              <th scope="col" className="col-remove">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule, i) => (
              <RuleRow key={rule.key} index={i} rule={rule} invalid={missingDays.includes(i)} onChange={(next) => update(i, next)} onRemove={() => setRules((rs) => rs.filter((_, j) => j !== i))} />
            ))}
          </tbody>
        </table>
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setRules((rs) => [...rs, emptyRule()])}>
            Add a rule
          </button>
          <button type="button" className="secondary" onClick={() => setRules(DEFAULT_REVIEW_POLICY.rules.map(toDraft))}>
            Put back the defaults
          </button>
          <button type="submit" disabled={submit.pending}>
            Save review policy
          </button>
        </div>
        <p role="status" className="saved">
          {notice}
        </p>
      </form>
    </section>
  );
}
