import type { PatientPage, PatientSummary } from '../../../../main/ipc/contract/patients';
import { DataTable, type DataTableSort } from '../../components/DataTable';
import { ViewLink } from '../../components/ViewLink';
import { formatDate } from '../../format';
import { levelOfCareLabel, patientName, residenceLabel } from './labels';
import './patients.css';

type Patient = PatientSummary;

/**
 * One page of patients; the caption gives the true total (a count in main), never the page's
 * length. Name, MRN and the dates sort in main, so the page is a page of the whole sorted list.
 */
export function PatientsTable({ page, query, showDischarge, busy, sort, onSort }: { page: PatientPage; query: string; showDischarge: boolean; busy: boolean; sort: DataTableSort; onSort(sort: DataTableSort): void }) {
  const patients = page.patients;
  const count = page.total === 1 ? '1 patient' : `${page.total.toLocaleString('en-US')} patients`;
  const caption = query ? `${count} matching “${query}”` : showDischarge ? `${count}, including discharged` : `${count} currently admitted`;
  return (
    <>
      <DataTable<Patient>
        caption={caption}
        rows={patients}
        rowKey={(p) => p.id}
        busy={busy}
        sort={sort}
        onSort={onSort}
        columns={[
          {
            id: 'name',
            header: 'Name',
            rowHeader: true,
            sortable: true,
            cell: (p) => (
              <ViewLink view="patient" params={{ id: p.id }}>
                <bdi>{patientName(p)}</bdi>
              </ViewLink>
            ),
          },
          { id: 'mrn', header: 'MRN', className: 'nowrap', sortable: true, cell: (p) => p.mrn },
          { id: 'dateOfBirth', header: 'Date of birth', className: 'nowrap', sortable: true, cell: (p) => formatDate(p.dateOfBirth) },
          { id: 'admissionDate', header: 'Admitted', className: 'nowrap', sortable: true, cell: (p) => formatDate(p.admissionDate) },
          showDischarge && { id: 'dischargeDate', header: 'Discharged', className: 'nowrap', cell: (p) => formatDate(p.dischargeDate) },
          { id: 'levelOfCare', header: 'Level of care', cell: (p) => levelOfCareLabel(p.levelOfCare) },
          { id: 'residence', header: 'Residence', cell: (p) => residenceLabel(p.residence) },
          { id: 'allergies', header: 'Active allergies', className: 'num', cell: (p) => <span className={p.allergyCount > 0 ? 'has-allergies' : undefined}>{p.allergyCount}</span> },
        ]}
      />
      {patients.length === 0 ? <p className="empty">No patients to show{query ? ` for “${query}”` : ''}.</p> : null}
    </>
  );
}
