import type { PatientDetail } from '../../../../main/ipc/contract/patients';
import { formatDate } from '../../format';
import { patientName } from '../patients/labels';
import './orders.css';

/**
 * Who the medications are for, with their allergies always in view: the first thing to check
 * before ordering or reconciling.
 */
export function PatientBanner({ patient }: { patient: PatientDetail }) {
  const allergies = patient.allergies.filter((a) => a.status === 'active');
  return (
    <div className="patient-banner">
      <p className="patient-line">
        <strong>{patientName(patient)}</strong>
        <span>MRN {patient.mrn}</span>
        <span>Born {formatDate(patient.dateOfBirth)}</span>
      </p>
      <div className={allergies.length ? 'allergy-banner has-allergies-banner' : 'allergy-banner'} role="note" aria-label="Allergies">
        <strong>Allergies: </strong>
        {allergies.length === 0
          ? 'none recorded'
          : allergies.map((a, i) => (
              <span key={a.id}>
                {i > 0 ? '; ' : ''}
                {a.substance}
                {a.reaction ? ` (${a.reaction}, ${a.severity})` : ` (${a.severity})`}
              </span>
            ))}
      </div>
    </div>
  );
}
