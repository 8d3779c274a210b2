import { useState } from 'react';
import type { Medication } from '../../../../main/ipc/contract/formulary';
import { LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { CheckboxField, TextField } from '../../components/fields';
import { useApiQuery, useDebounced } from '../../hooks';
import { FormularyTable } from './FormularyTable';
import { MedicationForm } from './MedicationForm';
import { SetActivePanel } from './SetActivePanel';
import '../orders/orders.css';

type Panel = { kind: 'add' } | { kind: 'edit'; medication: Medication } | { kind: 'setActive'; medication: Medication };

/** The formulary: shipped medications and the clinic's own, which admins add, edit and withdraw. */
export function FormularyPage() {
  const [search, setSearch] = useState('');
  const [includeInactive, setIncludeInactive] = useState(true);
  const query = useDebounced(search.trim(), 250);
  const meds = useApiQuery('formulary.list', { query, includeInactive });
  const [panel, setPanel] = useState<Panel | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const saved = (_m: Medication, text: string) => {
    setPanel(null);
    setMessage(text);
    meds.reload();
  };
  const open = (p: Panel) => {
    setMessage(null);
    setPanel(p);
  };

  return (
    <>
      <div className="page-title-row">
        <PageHeading>Formulary</PageHeading>
        {panel === null ? (
          <button type="button" onClick={() => open({ kind: 'add' })}>
            Add medication
          </button>
        ) : null}
      </div>
      <p role="status" className="saved">
        {message}
      </p>
      {panel?.kind === 'add' ? <MedicationForm editing={null} onSaved={saved} onCancel={() => setPanel(null)} /> : null}
      {panel?.kind === 'edit' ? <MedicationForm key={panel.medication.id} editing={panel.medication} onSaved={saved} onCancel={() => setPanel(null)} /> : null}
      {panel?.kind === 'setActive' ? <SetActivePanel key={panel.medication.id} medication={panel.medication} onSaved={saved} onCancel={() => setPanel(null)} /> : null}
      <div className="toolbar" role="search">
        <TextField label="Search the formulary" type="search" value={search} onChange={setSearch} hint="Name or ingredient" size="wide" />
        <CheckboxField label="Show withdrawn" checked={includeInactive} onChange={setIncludeInactive} />
      </div>
      <LoadError error={meds.error} onRetry={meds.reload} />
      {meds.data ? <FormularyTable medications={meds.data} busy={meds.loading} onEdit={(m) => open({ kind: 'edit', medication: m })} onSetActive={(m) => open({ kind: 'setActive', medication: m })} /> : null}
      {!meds.data && meds.loading ? <p role="status">Loading the formulary…</p> : null}
    </>
  );
}
