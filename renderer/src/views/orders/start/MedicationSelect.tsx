import { useId } from 'react';
import type { Medication } from '../../../../../main/ipc/contract/formulary';
import { deaLabel, medicationSummary, unitLabel } from '../labels';

/**
 * The formulary as a select. Each option names the drug with its form, strengths, class and
 * schedule, so look-alike names (buprenorphine, buprenorphine/naloxone) are told apart before
 * choosing; the chosen one is then shown in full.
 */
export function MedicationSelect({ medications, value, onChange, error }: { medications: readonly Medication[]; value: string; onChange(id: string): void; error?: string }) {
  const id = useId();
  const chosen = medications.find((m) => String(m.id) === value);
  const describedBy = [chosen ? `${id}-details` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field medication-select">
      <span className="label-line">
        <label htmlFor={id}>Medication</label>
        <span className="required-mark" aria-hidden="true">
          *
        </span>
      </span>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-required aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
        <option value="">Choose a medication…</option>
        {medications.map((m) => (
          <option key={m.id} value={String(m.id)}>
            {m.name} ({medicationSummary(m)})
          </option>
        ))}
      </select>
      {chosen ? (
        <dl id={`${id}-details`} className="facts compact medication-details">
          <dt>Form</dt>
          <dd>{chosen.form}</dd>
          <dt>Strengths</dt>
          <dd>
            {chosen.strengths.join(', ')} {unitLabel(chosen.unit)}
          </dd>
          <dt>Class</dt>
          <dd>
            {chosen.drugClass}
            {chosen.sedatingClass ? ` (sedating: ${chosen.sedatingClass})` : ''}
          </dd>
          <dt>DEA schedule</dt>
          <dd>{deaLabel(chosen.deaSchedule)}</dd>
          {chosen.withdrawalManagement ? (
            <>
              <dt>Withdrawal management</dt>
              <dd>Yes: starting or changing it schedules a prescriber review</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
