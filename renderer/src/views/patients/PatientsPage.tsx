import { useState } from 'react';
import { PATIENT_SORTS } from '../../../../main/ipc/contract/patients';
import type { DataTableSort } from '../../components/DataTable';
import { LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { CheckboxField, TextField } from '../../components/fields';
import { useCan } from '../../context';
import { useApiQuery, useDebounced } from '../../hooks';
import { useNavigation } from '../../navigation';
import { Pager } from '../../components/Pager';
import { PatientsTable } from './PatientsTable';

const PAGE_SIZE = 100;

/** Finding a patient: search by MRN or name, optionally including discharged patients. */
export function PatientsPage() {
  const [search, setSearch] = useState('');
  const [includeDischarged, setIncludeDischarged] = useState(false);
  // Wait for a pause in typing so each keystroke does not query main.
  const query = useDebounced(search.trim(), 250);
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState<DataTableSort>({ column: 'name', direction: 'asc' });
  // A new search, filter or sort order starts again at the first page.
  const [filterKey, setFilterKey] = useState('');
  const key = `${query}|${includeDischarged}|${sort.column}|${sort.direction}`;
  if (key !== filterKey) {
    setFilterKey(key);
    setOffset(0);
  }
  const sortBy = PATIENT_SORTS.find((s) => s === sort.column) ?? 'name';
  const patients = useApiQuery('patients.page', { query, includeDischarged, offset, limit: PAGE_SIZE, sort: sortBy, direction: sort.direction });
  const can = useCan();
  const { navigate } = useNavigation();

  return (
    <>
      <div className="page-title-row">
        <PageHeading>Patients</PageHeading>
        {can('patients.create') ? (
          <button type="button" onClick={() => navigate('newPatient', {})}>
            New patient
          </button>
        ) : null}
      </div>
      <div className="toolbar" role="search">
        <TextField label="Search patients" type="search" value={search} onChange={setSearch} hint="MRN, given or family name" size="wide" />
        <CheckboxField label="Show discharged" checked={includeDischarged} onChange={setIncludeDischarged} />
      </div>
      <LoadError error={patients.error} onRetry={patients.reload} />
      {patients.data ? (
        <>
          <PatientsTable page={patients.data} query={query} showDischarge={includeDischarged} busy={patients.loading} sort={sort} onSort={setSort} />
          <Pager offset={patients.data.offset} shown={patients.data.patients.length} total={patients.data.total} pageSize={PAGE_SIZE} onOffset={setOffset} noun="patients" />
        </>
      ) : null}
      {!patients.data && patients.loading ? <p role="status">Loading patients…</p> : null}
    </>
  );
}
