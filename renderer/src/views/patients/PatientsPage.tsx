import { useState } from 'react';
import { LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { CheckboxField, TextField } from '../../components/fields';
import { useCan } from '../../context';
import { useApiQuery, useDebounced } from '../../hooks';
import { useNavigation } from '../../navigation';
import { PatientsTable } from './PatientsTable';

/** Finding a patient: search by MRN or name, optionally including discharged patients. */
export function PatientsPage() {
  const [search, setSearch] = useState('');
  const [includeDischarged, setIncludeDischarged] = useState(false);
  // Wait for a pause in typing so each keystroke does not query main.
  const query = useDebounced(search.trim(), 250);
  const patients = useApiQuery('patients.list', { query, includeDischarged });
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
      {patients.data ? <PatientsTable patients={patients.data} query={query} showDischarge={includeDischarged} busy={patients.loading} /> : null}
      {!patients.data && patients.loading ? <p role="status">Loading patients…</p> : null}
    </>
  );
}
