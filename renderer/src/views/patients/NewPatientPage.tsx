import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { FormActions } from '../../components/FormActions';
import { FormError } from '../../components/FormError';
import { CheckboxField } from '../../components/fields';
import { PageHeading } from '../../components/PageHeading';
import { useAction } from '../../hooks';
import { useNavigation } from '../../navigation';
import { AllergyRowsEditor } from './AllergyRowsEditor';
import type { AllergyDraft } from './AllergyFields';
import { EMPTY_PATIENT, explainEmptyFields, PatientFields, toPatientInput, type PatientDraft } from './PatientFields';

export function NewPatientPage() {
  const [patient, setPatient] = useState<PatientDraft>(EMPTY_PATIENT);
  const [allergies, setAllergies] = useState<AllergyDraft[]>([]);
  const [noKnownAllergies, setNoKnownAllergies] = useState(false);
  const submit = useAction();
  const { navigate } = useNavigation();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const created = await submit.run(() =>
      call('patients.create', {
        patient: toPatientInput(patient),
        allergies,
        noKnownAllergies: noKnownAllergies && allergies.length === 0,
      }).catch((err: unknown) => explainEmptyFields(err, patient)),
    );
    if (created) navigate('patient', { id: created.id });
  };

  return (
    <>
      <PageHeading>New patient</PageHeading>
      <form onSubmit={onSubmit} noValidate className="form">
        <FormError error={submit.error} />
        <PatientFields value={patient} onChange={setPatient} errorAt={(f) => submit.error?.field(`patient.${f}`)} />
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
