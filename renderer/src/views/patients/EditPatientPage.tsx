import { useState, type FormEvent } from 'react';
import type { PatientDetail } from '../../../../main/ipc/contract/patients';
import { call } from '../../api';
import { FormActions } from '../../components/FormActions';
import { FormError, LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { PatientBanner } from '../../components/PatientBanner';
import { TextField } from '../../components/fields';
import { useAction, useApiQuery } from '../../hooks';
import { useNavigation } from '../../navigation';
import { patientName } from './labels';
import { draftFrom, explainEmptyFields, PatientFields, toPatientInput, type PatientDraft } from './PatientFields';

export function EditPatientPage({ params }: { params: { id: number } }) {
  const patient = useApiQuery('patients.get', { id: params.id });
  return (
    <>
      <PageHeading>Edit patient</PageHeading>
      {patient.data ? <PatientBanner patient={patient.data} /> : null}
      <LoadError error={patient.error} onRetry={patient.reload} />
      {patient.data ? <EditPatientForm patient={patient.data} /> : patient.loading ? <p role="status">Loading…</p> : null}
    </>
  );
}

/** Demographic changes are audited with before and after; the reason goes with them. */
function EditPatientForm({ patient }: { patient: PatientDetail }) {
  const [draft, setDraft] = useState<PatientDraft>(() => draftFrom(patient));
  const [reason, setReason] = useState('');
  const submit = useAction();
  const { navigate } = useNavigation();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await submit.run(() =>
      call('patients.update', { id: patient.id, patient: toPatientInput(draft), reason }).catch((err: unknown) =>
        explainEmptyFields(err, draft),
      ),
    );
    if (saved) navigate('patient', { id: saved.id });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="form">
      <p className="lead">{patientName(patient)}</p>
      <FormError error={submit.error} />
      <PatientFields value={draft} onChange={setDraft} errorAt={(f) => submit.error?.field(`patient.${f}`)} />
      <TextField
        label="Reason for the change"
        value={reason}
        onChange={setReason}
        error={submit.error?.field('reason')}
        size="wide"
        hint="Kept in the audit log with the change."
      />
      <FormActions
        submitLabel={submit.pending ? 'Saving…' : 'Save changes'}
        pending={submit.pending}
        onCancel={() => navigate('patient', { id: patient.id })}
      />
    </form>
  );
}
