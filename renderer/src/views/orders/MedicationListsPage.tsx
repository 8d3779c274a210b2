import { useState } from 'react';
import { LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { CheckboxField, TextField } from '../../components/fields';
import { useApiQuery, useDebounced } from '../../hooks';
import { PrescriberPatientsTable } from './PrescriberPatientsTable';
import './orders.css';

const PAGE_SIZE = 100;

/** The prescriber's list: every current patient with what needs attention in their medications, a page at a time. */
export function MedicationListsPage() {
  const [search, setSearch] = useState('');
  const [onlyMine, setOnlyMine] = useState(false);
  const query = useDebounced(search.trim(), 250);
  const [offset, setOffset] = useState(0);
  // A new search or filter starts again at the first page.
  const [filterKey, setFilterKey] = useState('');
  const key = `${query}|${onlyMine}`;
  if (key !== filterKey) {
    setFilterKey(key);
    setOffset(0);
  }
  const page = useApiQuery('orders.prescriberPatients', { query, onlyMine, offset, limit: PAGE_SIZE });

  return (
    <>
      <PageHeading>Medication lists</PageHeading>
      <div className="toolbar" role="search">
        <TextField label="Search patients" type="search" value={search} onChange={setSearch} hint="MRN, given or family name" size="wide" />
        <CheckboxField label="Only my patients" checked={onlyMine} onChange={setOnlyMine} />
      </div>
      <LoadError error={page.error} onRetry={page.reload} />
      {page.data ? (
        <>
          <PrescriberPatientsTable rows={page.data.rows} total={page.data.total} query={query} onlyMine={onlyMine} busy={page.loading} />
          <Pager offset={page.data.offset} shown={page.data.rows.length} total={page.data.total} pageSize={PAGE_SIZE} onOffset={setOffset} noun="patients" />
        </>
      ) : null}
      {!page.data && page.loading ? <p role="status">Loading patients…</p> : null}
    </>
  );
}
