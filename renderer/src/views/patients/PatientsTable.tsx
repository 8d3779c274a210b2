import type { PatientPage } from '../../../../main/ipc/contract/patients';
import { ViewLink } from '../../components/ViewLink';
import { formatDate } from '../../format';
import { levelOfCareLabel, patientName, residenceLabel } from './labels';
import './patients.css';

/** One page of patients; the caption gives the true total (a count in main), never the page's length. */
export function PatientsTable({ page, query, showDischarge, busy }: { page: PatientPage; query: string; showDischarge: boolean; busy: boolean }) {
  const patients = page.patients;
  const count = page.total === 1 ? '1 patient' : `${page.total.toLocaleString('en-US')} patients`;
  const caption = query ? `${count} matching “${query}”` : showDischarge ? `${count}, including discharged` : `${count} currently admitted`;
  return (
    <>
      <table className="data-table" aria-busy={busy || undefined}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">MRN</th>
            <th scope="col">Date of birth</th>
            <th scope="col">Admitted</th>
            {showDischarge ? <th scope="col">Discharged</th> : null}
            <th scope="col">Level of care</th>
            <th scope="col">Residence</th>
            <th scope="col">Active allergies</th>
          </tr>
        </thead>
        <tbody>
          {patients.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <ViewLink view="patient" params={{ id: p.id }}>
                  <bdi>{patientName(p)}</bdi>
                </ViewLink>
              </th>
              <td className="nowrap">{p.mrn}</td>
              <td className="nowrap">{formatDate(p.dateOfBirth)}</td>
              <td className="nowrap">{formatDate(p.admissionDate)}</td>
              {showDischarge ? <td className="nowrap">{formatDate(p.dischargeDate)}</td> : null}
              <td>{levelOfCareLabel(p.levelOfCare)}</td>
              <td>{residenceLabel(p.residence)}</td>
              <td className={p.allergyCount > 0 ? 'num has-allergies' : 'num'}>{p.allergyCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {patients.length === 0 ? <p className="empty">No patients to show{query ? ` for “${query}”` : ''}.</p> : null}
    </>
  );
}
