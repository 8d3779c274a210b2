import { useState, type FormEvent } from 'react';
import type { PatientDetail } from '../../../../main/ipc/contract/patients';
import { call } from '../../api';
import { FormActions } from '../../components/FormActions';
import { FormError } from '../../components/FormError';
import { useAction } from '../../hooks';
import { AllergyFields, EMPTY_ALLERGY, type AllergyDraft } from './AllergyFields';

export function AddAllergyForm({ patientId, onAdded }: { patientId: number; onAdded(p: PatientDetail): void }) {
  const [allergy, setAllergy] = useState<AllergyDraft>(EMPTY_ALLERGY);
  const [saved, setSaved] = useState<string | null>(null);
  const submit = useAction();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const updated = await submit.run(() => call('patients.addAllergy', { patientId, allergy }));
    if (updated) {
      setSaved(`${allergy.substance} allergy recorded.`);
      setAllergy(EMPTY_ALLERGY);
      onAdded(updated);
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate className="form subform" aria-labelledby="add-allergy-heading">
      <h3 id="add-allergy-heading">Add allergy</h3>
      <FormError error={submit.error} />
      <AllergyFields value={allergy} onChange={setAllergy} errorAt={(f) => submit.error?.field(`allergy.${f}`)} />
      <FormActions submitLabel="Add allergy" pending={submit.pending} />
      <p role="status" className="saved">
        {saved}
      </p>
    </form>
  );
}
