import { LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { PatientBanner } from '../../components/PatientBanner';
import { ViewLink } from '../../components/ViewLink';
import { useCan } from '../../context';
import { formatDate } from '../../format';
import { useApiQuery } from '../../hooks';
import { useNavigation } from '../../navigation';
import { PatientReviews } from '../followups/PatientReviews';
import { PatientScoresPanel } from '../mar/PatientScoresPanel';
import { ProgramDaysPanel } from '../mar/ProgramDaysPanel';
import { AddAllergyForm } from './AddAllergyForm';
import { AllergyList, RecordNoKnownAllergies } from './AllergyList';
import { levelOfCareLabel, patientName, residenceLabel } from './labels';

export function PatientDetailPage({ params }: { params: { id: number } }) {
  const patient = useApiQuery('patients.get', { id: params.id });
  const can = useCan();
  const { navigate } = useNavigation();
  const p = patient.data;

  return (
    <>
      <p className="breadcrumb">
        <ViewLink view="patients" params={{}}>
          ← All patients
        </ViewLink>
      </p>
      <div className="page-title-row">
        <PageHeading>{p ? <bdi>{patientName(p)}</bdi> : 'Patient'}</PageHeading>
        <div className="row-actions">
          {p && can('orders.listForPatient') ? (
            <button type="button" onClick={() => navigate('patientMedications', { patientId: p.id })}>
              Medication list
            </button>
          ) : null}
          {p && can('mar.forPatient') ? (
            <button type="button" className="secondary" onClick={() => navigate('mar', { patientId: p.id })}>
              MAR
            </button>
          ) : null}
          {p && can('patients.update') ? (
            <button type="button" className="secondary" onClick={() => navigate('editPatient', { id: p.id })}>
              Edit
            </button>
          ) : null}
        </div>
      </div>
      <LoadError error={patient.error} onRetry={patient.reload} />
      {!p && patient.loading ? <p role="status">Loading…</p> : null}
      {p ? (
        <>
          <PatientBanner patient={p} />
          <section aria-labelledby="demographics-heading" className="panel">
            <h2 id="demographics-heading">Demographics and program</h2>
            <dl className="facts">
              <dt>MRN</dt>
              <dd>{p.mrn}</dd>
              <dt>Date of birth</dt>
              <dd>{formatDate(p.dateOfBirth)}</dd>
              <dt>Admitted</dt>
              <dd>{formatDate(p.admissionDate)}</dd>
              <dt>Discharged</dt>
              <dd>{p.dischargeDate ? formatDate(p.dischargeDate) : 'Still in the program'}</dd>
              <dt>Level of care</dt>
              <dd>{levelOfCareLabel(p.levelOfCare)}</dd>
              <dt>Residence</dt>
              <dd>{residenceLabel(p.residence)}</dd>
            </dl>
          </section>
          <section aria-labelledby="allergies-heading" className="panel">
            <h2 id="allergies-heading">Allergies</h2>
            <AllergyList allergies={p.allergies} canMark={can('patients.markAllergyEnteredInError')} onChanged={patient.setData} />
            {can('patients.recordNoKnownAllergies') && !p.noKnownAllergiesAt && p.allergyCount === 0 ? (
              <RecordNoKnownAllergies patientId={p.id} onDone={patient.setData} />
            ) : null}
            {can('patients.addAllergy') ? <AddAllergyForm patientId={p.id} onAdded={patient.setData} /> : null}
          </section>
          {can('followups.forPatient') ? <PatientReviews patientId={p.id} /> : null}
          {can('scores.forPatient') ? <PatientScoresPanel patientId={p.id} /> : null}
          {can('programDays.get') ? <ProgramDaysPanel patientId={p.id} /> : null}
        </>
      ) : null}
    </>
  );
}
