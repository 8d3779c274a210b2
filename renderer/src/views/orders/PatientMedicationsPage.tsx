import { useState } from 'react';
import { flushSync } from 'react-dom';
import type { MedicationListPrint } from '../../../../main/ipc/contract/orders';
import { call } from '../../api';
import { FormError, LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { PrintPage } from '../../components/PrintPage';
import { SelectField } from '../../components/fields';
import { ViewLink } from '../../components/ViewLink';
import { useCan, useClinic } from '../../context';
import { formatInstant } from '../../format';
import { useAction, useApiQuery } from '../../hooks';
import { useNavigation } from '../../navigation';
import { printRecorded, useAuditedPrint } from '../../print';
import { patientName } from '../patients/labels';
import { MedicationListPrintSheet } from './MedicationListPrintSheet';
import { MedicationTable } from './MedicationTable';
import { PatientBanner } from './PatientBanner';
import { applyFilter, GIVEN_BY_FILTERS, STATUS_FILTERS, type GivenByFilter, type StatusFilter } from './medicationFilter';
import './orders.css';

/**
 * Medication reconciliation: everything the patient takes, given by staff or taken at home,
 * on one list with the dose in effect now. Printable for the chart or the patient: main records
 * the print first (audited) and answers with the clinic, who printed it and when, and the taper
 * calendars; the paper also carries page numbers and a "reconciled by" line.
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
  const printing = useAction();
  const [sheet, setSheet] = useState<MedicationListPrint | null>(null);
  const print = async () => {
    const out = await printing.run(() => call('orders.printList', { patientId: params.patientId, orderIds: shown.map((o) => o.id) }));
    if (!out) return;
    // The paper must carry this print's time and calendars before the dialog opens.
    flushSync(() => setSheet(out));
    printRecorded();
  };
  // Ctrl+P prints through the same audited flow as the button.
  useAuditedPrint(orders.data ? print : null);

  return (
    <div className="print-sheet medication-list-print">
      {p ? <PrintPage size="auto" footer={`Medication list: ${patientName(p)}, MRN ${p.mrn}`} /> : null}
      {sheet ? (
        <div className="print-only print-header">
          <p>
            <strong>Medication list</strong> — {sheet.clinicName}
          </p>
          <p>
            Printed by {sheet.printedBy} on {formatInstant(sheet.printedAt, clinic.timeZone)}
          </p>
        </div>
      ) : null}
      <p className="breadcrumb no-print">
        <ViewLink view="patient" params={{ id: params.patientId }}>
          ← Patient record
        </ViewLink>
      </p>
      <div className="page-title-row">
        <PageHeading>{p ? `Medication list: ${patientName(p)}` : 'Medication list'}</PageHeading>
        <div className="row-actions no-print">
          <button type="button" className="secondary" onClick={() => void print()} disabled={!orders.data || printing.pending}>
            Print
          </button>
          {can('orders.start') ? (
            <button type="button" onClick={() => navigate('startOrder', { patientId: params.patientId })}>
              Start an order
            </button>
          ) : null}
        </div>
      </div>
      <FormError error={printing.error} />
      <LoadError error={patient.error ?? orders.error} onRetry={patient.error ? patient.reload : orders.reload} />
      {p ? <PatientBanner patient={p} /> : null}
      <div className="toolbar no-print" role="group" aria-label="Filter medications">
        <SelectField label="Status" value={status} onChange={(v) => setStatus(v)} options={STATUS_FILTERS} />
        <SelectField label="Given by" value={givenBy} onChange={(v) => setGivenBy(v)} options={GIVEN_BY_FILTERS} />
      </div>
      {orders.data ? <MedicationTable orders={shown} total={orders.data.length} filtered={status !== 'all' || givenBy !== 'all'} busy={orders.loading} /> : null}
      {!orders.data && orders.loading ? <p role="status">Loading medications…</p> : null}
      {sheet && orders.data ? <MedicationListPrintSheet sheet={sheet} orders={orders.data} zone={clinic.timeZone} /> : null}
    </div>
  );
}
