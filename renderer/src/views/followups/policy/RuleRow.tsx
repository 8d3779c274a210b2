import { useId } from 'react';
import { DEA_OPTIONS, EVENT_OPTIONS, SEDATING_OPTIONS, WITHDRAWAL_OPTIONS, type RuleDraft } from './rules';

/**
 * One editable rule. Table cells have no visible labels, so every input is named by its
 * column and the rule's number ("Rule 3 drug class").
 */
export function RuleRow({ index, rule, onChange, onRemove, invalid }: { index: number; rule: RuleDraft; onChange(next: RuleDraft): void; onRemove(): void; invalid: boolean }) {
  const id = useId();
  const n = index + 1;
  const set = <K extends keyof RuleDraft>(key: K, v: RuleDraft[K]) => onChange({ ...rule, [key]: v });
  const select = <V extends string>(key: keyof RuleDraft, label: string, value: V, options: readonly { value: V; label: string }[]) => (
    <select id={`${id}-${key}`} aria-label={`Rule ${n} ${label}`} value={value} onChange={(e) => set(key, e.target.value as RuleDraft[typeof key])}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
  return (
    <tr className={invalid ? 'rule-invalid' : undefined}>
      <th scope="row" className="num">
        {n}
      </th>
      <td>{select('event', 'event', rule.event, EVENT_OPTIONS)}</td>
      <td>{select('sedatingClass', 'sedating class', rule.sedatingClass, SEDATING_OPTIONS)}</td>
      <td>
        <input type="text" aria-label={`Rule ${n} drug class`} value={rule.drugClass} placeholder="Any" onChange={(e) => set('drugClass', e.target.value)} className="drug-class-input" />
      </td>
      <td>{select('deaSchedule', 'DEA schedule', rule.deaSchedule, DEA_OPTIONS)}</td>
      <td>{select('withdrawalManagement', 'withdrawal management', rule.withdrawalManagement, WITHDRAWAL_OPTIONS)}</td>
      <td>
        <input
          type="number"
          min={0}
          max={365}
          aria-label={`Rule ${n} days until the review`}
          value={rule.noReview ? '' : rule.days}
          disabled={rule.noReview}
          onChange={(e) => set('days', e.target.value)}
          className="days-input"
        />
        <label className="no-review">
          <input type="checkbox" checked={rule.noReview} onChange={(e) => set('noReview', e.target.checked)} aria-label={`Rule ${n}: no review`} />
          No review
        </label>
      </td>
      <td>
        <button type="button" className="secondary small" onClick={onRemove} aria-label={`Remove rule ${n}`}>
          Remove
        </button>
      </td>
    </tr>
  );
}
