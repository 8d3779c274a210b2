import { SelectField, TextField } from '../../components/fields';
import { SEVERITY_OPTIONS, type Severity } from './labels';
import './patients.css';

export interface AllergyDraft {
  substance: string;
  reaction: string;
  severity: Severity;
}

export const EMPTY_ALLERGY: AllergyDraft = { substance: '', reaction: '', severity: 'unknown' };

/** Substance, reaction and severity; `errorAt(field)` gives the server's message for each. */
export function AllergyFields({ value, onChange, errorAt }: { value: AllergyDraft; onChange(next: AllergyDraft): void; errorAt(field: keyof AllergyDraft): string | undefined }) {
  const set =
    <K extends keyof AllergyDraft>(key: K) =>
    (v: AllergyDraft[K]) =>
      onChange({ ...value, [key]: v });
  return (
    <div className="field-row">
      <TextField label="Substance" value={value.substance} onChange={set('substance')} error={errorAt('substance')} required />
      <TextField label="Reaction" value={value.reaction} onChange={set('reaction')} error={errorAt('reaction')} size="wide" />
      <SelectField label="Severity" value={value.severity} onChange={set('severity')} options={SEVERITY_OPTIONS} error={errorAt('severity')} />
    </div>
  );
}
