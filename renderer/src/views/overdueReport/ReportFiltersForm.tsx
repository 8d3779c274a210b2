import type { ApiError } from '../../api';
import { PatientPicker } from '../../components/PatientPicker';
import { SelectField } from '../../components/fields';
import { DateField } from '../../components/DateInput';
import { useApiQuery } from '../../hooks';
import type { FilterDraft } from './filters';

/** As-of date, an optional period for a third rate column, and who / which patient / which class. */
export function ReportFiltersForm({ value, onChange, error }: { value: FilterDraft; onChange(next: FilterDraft): void; error: ApiError | null }) {
  const prescribers = useApiQuery('users.list', { role: 'prescriber', activeOnly: false });
  const formulary = useApiQuery('formulary.list', { includeInactive: true, query: '' });
  const set = (key: keyof FilterDraft) => (v: string) => onChange({ ...value, [key]: v });
  const err = (key: keyof FilterDraft) => error?.field(key);

  const drugClasses = [...new Set((formulary.data ?? []).map((m) => m.drugClass))].sort((a, b) => a.localeCompare(b));
  return (
    <form className="form report-filters no-print" role="search" aria-label="Report filters" noValidate onSubmit={(e) => e.preventDefault()}>
      <div className="field-row">
        <DateField label="As of" value={value.asOf} onChange={set('asOf')} error={err('asOf')} hint="Empty: today, now. Not a future date." />
        <DateField label="Period from" value={value.periodFrom} onChange={set('periodFrom')} error={err('periodFrom')} hint="Optional: adds a rate for this period." />
        <DateField label="Period to" value={value.periodTo} onChange={set('periodTo')} error={err('periodTo')} />
      </div>
      <div className="field-row">
        <SelectField
          label="Prescriber"
          value={value.prescriberId}
          onChange={set('prescriberId')}
          options={[{ value: '', label: 'All prescribers' }, ...(prescribers.data ?? []).map((u) => ({ value: String(u.id), label: u.active ? u.displayName : `${u.displayName} (inactive)` }))]}
        />
        <PatientPicker label="Patient" value={value.patientId} onChange={set('patientId')} includeDischarged emptyLabel="All patients" />
        <SelectField label="Drug class" value={value.drugClass} onChange={set('drugClass')} options={[{ value: '', label: 'All classes' }, ...drugClasses.map((c) => ({ value: c, label: c }))]} />
      </div>
    </form>
  );
}
