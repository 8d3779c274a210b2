import { useState } from 'react';
import { LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { CheckboxField, TextField } from '../../components/fields';
import { useApiQuery, useDebounced } from '../../hooks';
import { PrescriberPatientsTable } from './PrescriberPatientsTable';
import './orders.css';

/** The prescriber's list: every current patient with what needs attention in their medications. */
export function MedicationListsPage() {
  const [search, setSearch] = useState('');
  const [onlyMine, setOnlyMine] = useState(false);
  const query = useDebounced(search.trim(), 250);
  const rows = useApiQuery('orders.prescriberPatients', { query, onlyMine });

  return (
    <>
      <PageHeading>Medication lists</PageHeading>
      <div className="toolbar" role="search">
        <TextField label="Search patients" type="search" value={search} onChange={setSearch} hint="MRN, given or family name" size="wide" />
        <CheckboxField label="Only my patients" checked={onlyMine} onChange={setOnlyMine} />
      </div>
      <LoadError error={rows.error} onRetry={rows.reload} />
      {rows.data ? <PrescriberPatientsTable rows={rows.data} query={query} onlyMine={onlyMine} busy={rows.loading} /> : null}
      {!rows.data && rows.loading ? <p role="status">Loading patients…</p> : null}
    </>
  );
}
