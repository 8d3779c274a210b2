import { useState, type FormEvent } from 'react';
import { ACTION_GROUPS } from '../../../../main/domain/auditWords';
import type { InputOf } from '../../../../main/ipc/contract';
import { DateField } from '../../components/DateInput';
import { SelectField } from '../../components/fields';
import { PatientPicker } from '../../components/PatientPicker';
import { formatDate } from '../../format';
import { useApiQuery } from '../../hooks';

export type AuditFilterValues = Omit<InputOf<'audit.search'>, 'beforeId' | 'limit'>;

/**
 * Who, which patient, what kind and when. The patient is chosen with the search-as-you-type
 * patient picker, over every patient including discharged ones (their entries stay in the log).
 */
export function AuditFilters({ onApply }: { onApply(filters: AuditFilterValues, words: string[]): void }) {
  const users = useApiQuery('users.list', {});
  const [actorId, setActorId] = useState('');
  const [kind, setKind] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [patientId, setPatientId] = useState('');
  const [patientWords, setPatientWords] = useState('');

  const people = [{ value: '', label: 'Anyone' }, ...(users.data ?? []).map((u) => ({ value: String(u.id), label: u.displayName }))];
  const kinds = [{ value: '', label: 'Any kind of action' }, ...ACTION_GROUPS.map((g) => ({ value: g.prefix, label: g.label }))];

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const filters: AuditFilterValues = {
      ...(actorId ? { actorId: Number(actorId) } : {}),
      ...(patientId ? { patientId: Number(patientId) } : {}),
      ...(kind ? { kind } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    };
    // What the list says it is filtered by, in the words the filters showed.
    const words = [
      actorId && `by ${people.find((p) => p.value === actorId)?.label}`,
      patientId && `about ${patientWords}`,
      kind && `kind: ${kinds.find((k) => k.value === kind)?.label}`,
      from && `from ${formatDate(from)}`,
      to && `to ${formatDate(to)}`,
    ].filter((w): w is string => Boolean(w));
    onApply(filters, words);
  };

  return (
    <form className="audit-filters" aria-label="Audit log filters" onSubmit={apply}>
      <SelectField label="Person" value={actorId} onChange={setActorId} options={people} />
      <PatientPicker
        label="Patient"
        value={patientId}
        includeDischarged
        emptyLabel="Any patient"
        onChange={(id, p) => {
          setPatientId(id);
          setPatientWords(p ? `${p.familyName}, ${p.givenName} (MRN ${p.mrn})` : '');
        }}
      />
      <SelectField label="Kind of action" value={kind} onChange={setKind} options={kinds} />
      <DateField label="From" value={from} onChange={setFrom} />
      <DateField label="To" value={to} onChange={setTo} />
      <button type="submit">Show entries</button>
    </form>
  );
}
