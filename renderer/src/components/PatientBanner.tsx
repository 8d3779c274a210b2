import { DateTime } from 'luxon';
import type { PatientDetail } from '../../../main/ipc/contract/patients';
import { useClinic } from '../context';
import { formatDate } from '../format';
import { useApiQuery } from '../hooks';
import { patientName, residenceLabel } from '../views/patients/labels';
import './PatientBanner.css';

/** Whole years from the date of birth to today in the clinic's zone; null when unreadable. */
export function ageOn(dateOfBirth: string, today: DateTime): number | null {
  const born = DateTime.fromISO(dateOfBirth, { zone: today.zone });
  if (!born.isValid) return null;
  return Math.floor(today.startOf('day').diff(born.startOf('day'), 'years').years);
}

type AllergyState = { kind: 'listed'; text: string } | { kind: 'none_known'; text: string } | { kind: 'not_recorded'; text: string };

/** Listed allergies; or "no known allergies" when someone recorded it; or a warning that nobody did. */
export function allergyState(p: PatientDetail): AllergyState {
  const active = p.allergies.filter((a) => a.status === 'active');
  if (active.length)
    return { kind: 'listed', text: active.map((a) => `${a.substance} (${a.reaction ? `${a.reaction}, ` : ''}${a.severity})`).join('; ') };
  if (p.noKnownAllergiesAt) return { kind: 'none_known', text: 'No known allergies (recorded)' };
  return { kind: 'not_recorded', text: 'Allergies not recorded: ask and record them before ordering' };
}

/**
 * THE patient banner (issue 8 item 2): on every patient-scoped page, so nobody changes, holds or
 * gives a dose without seeing whose it is, and their allergies.
 */
export function PatientBanner({ patient }: { patient: PatientDetail }) {
  const { status } = useClinic();
  const zone = status.timeZone ?? 'UTC';
  const age = ageOn(patient.dateOfBirth, DateTime.now().setZone(zone));
  const allergies = allergyState(patient);
  return (
    <section className="patient-banner" aria-label="Patient">
      <p className="patient-line">
        {status.mode === 'demo' ? <span className="demo-tag">DEMO</span> : null}
        <strong className="patient-name">
          <bdi>{patientName(patient)}</bdi>
        </strong>
        <span>MRN {patient.mrn}</span>
        <span>
          Born {formatDate(patient.dateOfBirth)}
          {age !== null ? ` (${age} years)` : ''}
        </span>
        <span>Lives at: {residenceLabel(patient.residence).toLowerCase()}</span>
        {patient.dischargeDate ? <span>Discharged {formatDate(patient.dischargeDate)}</span> : null}
      </p>
      <div className={`allergy-banner allergies-${allergies.kind}`} role="note" aria-label="Allergies">
        <strong>Allergies: </strong>
        {allergies.text}
      </div>
    </section>
  );
}

/** The banner for a page that has only the patient's id (an order, a review). */
export function PatientBannerFor({ patientId }: { patientId: number }) {
  const patient = useApiQuery('patients.get', { id: patientId });
  if (patient.data) return <PatientBanner patient={patient.data} />;
  return patient.error ? (
    <p role="alert" className="patient-banner allergies-not_recorded">
      Could not load the patient: {patient.error.message}
    </p>
  ) : (
    <p role="status" className="patient-banner">
      Loading the patient…
    </p>
  );
}
