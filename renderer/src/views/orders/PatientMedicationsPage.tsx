import { useState } from 'react';
import { flushSync } from 'react-dom';
import { DateTime } from 'luxon';
import { LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { SelectField } from '../../components/fields';
import { ViewLink } from '../../components/ViewLink';
import { useCan, useClinic } from '../../context';
import { useApiQuery } from '../../hooks';
import { useNavigation } from '../../navigation';
import { patientName } from '../patients/labels';
import { MedicationTable } from './MedicationTable';
import { PatientBanner } from './PatientBanner';
import { applyFilter, GIVEN_BY_FILTERS, STATUS_FILTERS, type GivenByFilter, type StatusFilter } from './medicationFilter';
import './orders.css';

/**
 * Medication reconciliation: everything the patient takes, given by staff or taken at home,
 * on one list with the dose in effect now. Printable for the chart or the patient.
 */
export function PatientMedicationsPage({ params }: { params: { patientId: number } }) {
  const patient = useApiQuery('patients.get', { id: params.patientId });
  const orders = useApiQuery('orders.listForPatient', { patientId: params.patientId, includeInactive: true });
  const [status, setStatus] = useState<StatusFilter>('all');
  const [givenBy, setGivenBy] = useState<GivenByFilter>('all');
  const { status: clinic } = useClinic();
  const can = useCan();
  const { navigate } = useNavigation();
  const p = patient.data;
  const shown = orders.data ? applyFilter(orders.data, status, givenBy) : [];
  const stamp = () => DateTime.now().setZone(clinic.timeZone ?? 'local').toFormat('d LLL yyyy, HH:mm ZZZZ');
  const [printedAt, setPrintedAt] = useState(stamp);
  const print = () => {
    // The printed header must carry the time of printing, on paper before the dialog opens.
    flushSync(() => setPrintedAt(stamp()));
    window.print();
  };

  return (
    <div className="print-sheet">
      <div className="print-only print-header">
        <p>
          <strong>Medication list</strong> — {clinic.clinicName}
        </p>
        {p ? (
          <p>
            {patientName(p)} · MRN {p.mrn} · Printed {printedAt}
          </p>
        ) : null}
      </div>
      <p className="breadcrumb no-print">
        <ViewLink view="patient" params={{ id: params.patientId }}>
          ← Patient record
        </ViewLink>
      </p>
      <div className="page-title-row">
        <PageHeading>{p ? `Medication list: ${patientName(p)}` : 'Medication list'}</PageHeading>
        <div className="row-actions no-print">
          <button type="button" className="secondary" onClick={print}>
            Print
          </button>
          {can('orders.start') ? (
            <button type="button" onClick={() => navigate('startOrder', { patientId: params.patientId })}>
              Start an order
            </button>
          ) : null}
        </div>
      </div>
      <LoadError error={patient.error ?? orders.error} onRetry={patient.error ? patient.reload : orders.reload} />
      {p ? <PatientBanner patient={p} /> : null}
      <div className="toolbar no-print" role="group" aria-label="Filter medications">
        <SelectField label="Status" value={status} onChange={(v) => setStatus(v)} options={STATUS_FILTERS} />
        <SelectField label="Given by" value={givenBy} onChange={(v) => setGivenBy(v)} options={GIVEN_BY_FILTERS} />
      </div>
      {orders.data ? <MedicationTable orders={shown} total={orders.data.length} filtered={status !== 'all' || givenBy !== 'all'} busy={orders.loading} /> : null}
      {!orders.data && orders.loading ? <p role="status">Loading medications…</p> : null}
    </div>
  );
}
