import { useState, type FormEvent } from 'react';
import type { PatientDetail, PossibleDuplicate } from '../../../../main/ipc/contract/patients';
import { ApiError, call } from '../../api';
import { FormActions } from '../../components/FormActions';
import { FormError, LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { PatientBanner } from '../../components/PatientBanner';
import { TextField } from '../../components/fields';
import { useAction, useApiQuery } from '../../hooks';
import { useNavigation } from '../../navigation';
import { patientName } from './labels';
import { PossibleDuplicates } from './PossibleDuplicates';
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

/**
 * Demographic changes are audited with before and after; the reason goes with them. A name or
 * birth date changed to match another chart is refused by main as on registering (issue 8 item
 * 6): the other chart is shown and "this is a different person" must be ticked.
 */
function EditPatientForm({ patient }: { patient: PatientDetail }) {
  const [draft, setDraft] = useState<PatientDraft>(() => draftFrom(patient));
  const [reason, setReason] = useState('');
  const [duplicates, setDuplicates] = useState<PossibleDuplicate[]>([]);
  const [confirmedDifferent, setConfirmedDifferent] = useState(false);
  const submit = useAction();
  const { navigate } = useNavigation();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const input = toPatientInput(draft);
    const saved = await submit.run(() =>
      call('patients.update', { id: patient.id, patient: input, reason, confirmedDifferentPerson: confirmedDifferent && duplicates.length > 0 }).catch(
        async (err: unknown) => {
          if (err instanceof ApiError && err.field('confirmedDifferentPerson')) {
            setDuplicates(
              await call('patients.findDuplicates', {
                familyName: input.familyName,
                givenName: input.givenName,
                dateOfBirth: input.dateOfBirth,
                exceptPatientId: patient.id,
              }),
            );
            setConfirmedDifferent(false);
          }
          return explainEmptyFields(err, draft);
        },
      ),
    );
    if (saved) navigate('patient', { id: saved.id });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="form">
      <p className="lead">
        <bdi>{patientName(patient)}</bdi>
      </p>
      <FormError error={submit.error} />
      <PatientFields
        value={draft}
        onChange={(next) => {
          setDraft(next);
          // A changed name or birth date is a new question: the old answer does not carry over.
          if (next.familyName !== draft.familyName || next.givenName !== draft.givenName || next.dateOfBirth !== draft.dateOfBirth) {
            setDuplicates([]);
            setConfirmedDifferent(false);
          }
        }}
        errorAt={(f) => submit.error?.field(`patient.${f}`)}
      />
      {duplicates.length > 0 ? (
        <PossibleDuplicates editing found={duplicates} confirmed={confirmedDifferent} onConfirm={setConfirmedDifferent} error={submit.error?.field('confirmedDifferentPerson')} />
      ) : null}
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
