import { useState, type FormEvent } from 'react';
import { ACTION_GROUPS } from '../../../../main/domain/auditWords';
import type { InputOf } from '../../../../main/ipc/contract';
import { DateField } from '../../components/DateInput';
import { SelectField, TextField } from '../../components/fields';
import { call } from '../../api';
import { formatDate } from '../../format';
import { useApiQuery, useAsync, useDebounced } from '../../hooks';

export type AuditFilterValues = Omit<InputOf<'audit.search'>, 'beforeId' | 'limit'>;

/**
 * Who, which patient, what kind and when. The patient is found by a plain search on name or MRN
 * (the reusable patient picker replaces it once it is on main).
 */
export function AuditFilters({ onApply }: { onApply(filters: AuditFilterValues, words: string[]): void }) {
  const users = useApiQuery('users.list', {});
  const [actorId, setActorId] = useState('');
  const [kind, setKind] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [patientQuery, setPatientQuery] = useState('');
  const [patientId, setPatientId] = useState('');
  const query = useDebounced(patientQuery.trim(), 250);
  const matches = useAsync(() => (query.length >= 2 ? call('patients.list', { query, includeDischarged: true }) : Promise.resolve([])), [query]);
  const found = query.length >= 2 ? (matches.data ?? []) : [];

  const people = [{ value: '', label: 'Anyone' }, ...(users.data ?? []).map((u) => ({ value: String(u.id), label: u.displayName }))];
  const kinds = [{ value: '', label: 'Any kind of action' }, ...ACTION_GROUPS.map((g) => ({ value: g.prefix, label: g.label }))];
  const patients = [
    { value: '', label: found.length ? 'Any patient' : query.length >= 2 ? 'No patient matches that search' : 'Any patient (search first)' },
    ...found.map((p) => ({ value: String(p.id), label: `${p.familyName}, ${p.givenName} (MRN ${p.mrn})` })),
  ];

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
      patientId && `about ${patients.find((p) => p.value === patientId)?.label}`,
      kind && `kind: ${kinds.find((k) => k.value === kind)?.label}`,
      from && `from ${formatDate(from)}`,
      to && `to ${formatDate(to)}`,
    ].filter((w): w is string => Boolean(w));
    onApply(filters, words);
  };

  return (
    <form className="audit-filters" aria-label="Audit log filters" onSubmit={apply}>
      <SelectField label="Person" value={actorId} onChange={setActorId} options={people} />
      <TextField label="Find a patient (name or MRN)" type="search" value={patientQuery} onChange={setPatientQuery} />
      <SelectField label="Patient" value={patientId} onChange={setPatientId} options={patients} />
      <SelectField label="Kind of action" value={kind} onChange={setKind} options={kinds} />
      <DateField label="From" value={from} onChange={setFrom} />
      <DateField label="To" value={to} onChange={setTo} />
      <button type="submit">Show entries</button>
    </form>
  );
}
