import { useState, type FormEvent } from 'react';
import type { PossibleDuplicate } from '../../../../main/ipc/contract/patients';
import { ApiError, call } from '../../api';
import { FormActions } from '../../components/FormActions';
import { FormError } from '../../components/FormError';
import { CheckboxField } from '../../components/fields';
import { PageHeading } from '../../components/PageHeading';
import { useAction } from '../../hooks';
import { useNavigation } from '../../navigation';
import { AllergyRowsEditor } from './AllergyRowsEditor';
import type { AllergyDraft } from './AllergyFields';
import { PossibleDuplicates } from './PossibleDuplicates';
import { EMPTY_PATIENT, explainEmptyFields, PatientFields, toPatientInput, type PatientDraft } from './PatientFields';

export function NewPatientPage() {
  const [patient, setPatient] = useState<PatientDraft>(EMPTY_PATIENT);
  const [allergies, setAllergies] = useState<AllergyDraft[]>([]);
  const [noKnownAllergies, setNoKnownAllergies] = useState(false);
  const [duplicates, setDuplicates] = useState<PossibleDuplicate[]>([]);
  const [confirmedDifferent, setConfirmedDifferent] = useState(false);
  const submit = useAction();
  const { navigate } = useNavigation();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const input = toPatientInput(patient);
    const created = await submit.run(() =>
      call('patients.create', {
        patient: input,
        allergies,
        noKnownAllergies: noKnownAllergies && allergies.length === 0,
        confirmedDifferentPerson: confirmedDifferent && duplicates.length > 0,
      }).catch(async (err: unknown) => {
        // Main refused a possible duplicate: show whom, so the chart can be opened or the answer given.
        if (err instanceof ApiError && err.field('confirmedDifferentPerson')) {
          setDuplicates(await call('patients.findDuplicates', { familyName: input.familyName, givenName: input.givenName, dateOfBirth: input.dateOfBirth }));
          setConfirmedDifferent(false);
        }
        return explainEmptyFields(err, patient);
      }),
    );
    if (created) navigate('patient', { id: created.id });
  };

  return (
    <>
      <PageHeading>New patient</PageHeading>
      <form onSubmit={onSubmit} noValidate className="form">
        <FormError error={submit.error} />
        <PatientFields
          value={patient}
          onChange={(next) => {
            setPatient(next);
            // A changed name or birth date is a new question: the old answer does not carry over.
            if (next.familyName !== patient.familyName || next.givenName !== patient.givenName || next.dateOfBirth !== patient.dateOfBirth) {
              setDuplicates([]);
              setConfirmedDifferent(false);
            }
          }}
          errorAt={(f) => submit.error?.field(`patient.${f}`)}
        />
        {duplicates.length > 0 ? (
          <PossibleDuplicates found={duplicates} confirmed={confirmedDifferent} onConfirm={setConfirmedDifferent} error={submit.error?.field('confirmedDifferentPerson')} />
        ) : null}
        <AllergyRowsEditor rows={allergies} onChange={setAllergies} error={submit.error} />
        {allergies.length === 0 ? (
          <CheckboxField label="No known allergies (asked, none)" checked={noKnownAllergies} onChange={setNoKnownAllergies} />
        ) : null}
        <FormActions
          submitLabel={submit.pending ? 'Saving…' : 'Save patient'}
          pending={submit.pending}
          onCancel={() => navigate('patients', {})}
        />
      </form>
    </>
  );
}
