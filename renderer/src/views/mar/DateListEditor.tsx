import { useState } from 'react';
import { DateField } from '../../components/DateInput';
import { formatDate } from '../../format';

/**
 * A short list of calendar dates (absences, extra days): each one removable by name, one added
 * at a time. Dates are calendar dates, not instants: no zone shift.
 */
export function DateListEditor({ label, dates, onChange }: { label: string; dates: readonly string[]; onChange(dates: string[]): void }) {
  const [next, setNext] = useState('');
  const add = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(next) || dates.includes(next)) return;
    onChange([...dates, next].sort());
    setNext('');
  };
  return (
    <fieldset className="field">
      <legend>{label}</legend>
      {dates.length === 0 ? <p className="empty">None.</p> : null}
      <ul className="date-list">
        {dates.map((d) => (
          <li key={d}>
            {formatDate(d)}{' '}
            <button type="button" className="secondary small" aria-label={`Remove ${formatDate(d)} from ${label.toLowerCase()}`} onClick={() => onChange(dates.filter((x) => x !== d))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="row-actions">
        <DateField label={`Add to ${label.toLowerCase()}`} value={next} onChange={setNext} className="field-short" />
        <button type="button" className="secondary" onClick={add} disabled={!next}>
          Add date
        </button>
      </div>
    </fieldset>
  );
}
