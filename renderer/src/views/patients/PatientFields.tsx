import type { PatientInput } from '../../../../main/ipc/contract/patients';
import { ApiError } from '../../api';
import { RadioGroup, SelectField, TextField } from '../../components/fields';
import { DateField } from '../../components/DateInput';
import { LEVEL_OF_CARE_OPTIONS, RESIDENCE_OPTIONS, type LevelOfCare, type Residence } from './labels';

/** The form's view of a patient: what the inputs hold (an empty discharge date is ''). */
export interface PatientDraft {
  mrn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  admissionDate: string;
  dischargeDate: string;
  levelOfCare: LevelOfCare;
  residence: Residence | '';
}

export const EMPTY_PATIENT: PatientDraft = {
  mrn: '',
  givenName: '',
  familyName: '',
  dateOfBirth: '',
  admissionDate: '',
  dischargeDate: '',
  levelOfCare: '2.1',
  residence: '',
};

export function draftFrom(p: { mrn: string; givenName: string; familyName: string; dateOfBirth: string; admissionDate: string; dischargeDate: string | null; levelOfCare: string; residence: Residence }): PatientDraft {
  const level = LEVEL_OF_CARE_OPTIONS.find((o) => o.value === p.levelOfCare)?.value ?? '2.1';
  return { ...p, dischargeDate: p.dischargeDate ?? '', levelOfCare: level };
}

/**
 * What the contract expects. An unchosen residence is sent as '' on purpose: main refuses it
 * with its own message, so every rule lives in one place.
 */
export function toPatientInput(d: PatientDraft): PatientInput {
  return { ...d, residence: d.residence as Residence, dischargeDate: d.dischargeDate === '' ? null : d.dischargeDate };
}

const EMPTY_FIELD_MESSAGES: Partial<Record<keyof PatientDraft, string>> = {
  dateOfBirth: 'Enter the date of birth.',
  admissionDate: 'Enter the admission date.',
  residence: 'Choose where the patient lives.',
};

/**
 * A date input can only hold '' or a real date, and an unchosen radio sends '', so main's
 * format and option messages ("That is not a date.") would puzzle here: for fields the
 * person left empty, say so instead. Rethrows everything else unchanged.
 */
export function explainEmptyFields(err: unknown, draft: PatientDraft): never {
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION') throw err;
  const fields = Object.entries(err.fields).map(([path, message]) => {
    const key = path.replace(/^patient\./, '') as keyof PatientDraft;
    const friendly = draft[key] === '' ? EMPTY_FIELD_MESSAGES[key] : undefined;
    return { path, message: friendly ?? message };
  });
  throw new ApiError({ code: err.code, message: err.message, fields, warnings: err.warnings });
}

export function PatientFields({ value, onChange, errorAt }: { value: PatientDraft; onChange(next: PatientDraft): void; errorAt(field: keyof PatientDraft): string | undefined }) {
  const set =
    <K extends keyof PatientDraft>(key: K) =>
    (v: PatientDraft[K]) =>
      onChange({ ...value, [key]: v });
  return (
    <>
      <fieldset>
        <legend>Identity</legend>
        <div className="field-row">
          <TextField label="Given name" value={value.givenName} onChange={set('givenName')} error={errorAt('givenName')} required />
          <TextField label="Family name" value={value.familyName} onChange={set('familyName')} error={errorAt('familyName')} required />
        </div>
        <div className="field-row">
          <TextField label="MRN" value={value.mrn} onChange={set('mrn')} error={errorAt('mrn')} required hint="Medical record number: letters, digits and hyphens." />
          <DateField label="Date of birth" value={value.dateOfBirth} onChange={set('dateOfBirth')} error={errorAt('dateOfBirth')} required />
        </div>
      </fieldset>
      <fieldset>
        <legend>Program</legend>
        <div className="field-row">
          <DateField label="Admission date" value={value.admissionDate} onChange={set('admissionDate')} error={errorAt('admissionDate')} required />
          <DateField label="Discharge date" value={value.dischargeDate} onChange={set('dischargeDate')} error={errorAt('dischargeDate')} hint="Leave empty while the patient is in the program." />
        </div>
        <SelectField label="Level of care" value={value.levelOfCare} onChange={set('levelOfCare')} options={LEVEL_OF_CARE_OPTIONS} error={errorAt('levelOfCare')} required />
        <RadioGroup label="Residence" value={value.residence} onChange={set('residence')} options={RESIDENCE_OPTIONS} error={errorAt('residence')} required />
      </fieldset>
    </>
  );
}
