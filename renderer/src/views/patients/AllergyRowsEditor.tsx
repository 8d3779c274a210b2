import type { ApiError } from '../../api';
import { AllergyFields, EMPTY_ALLERGY, type AllergyDraft } from './AllergyFields';
import './patients.css';

/** The allergies entered with a new patient: any number of rows, each its own group. */
export function AllergyRowsEditor({ rows, onChange, error }: { rows: AllergyDraft[]; onChange(rows: AllergyDraft[]): void; error: ApiError | null }) {
  const update = (i: number, next: AllergyDraft) => onChange(rows.map((r, j) => (j === i ? next : r)));
  const remove = (i: number) => onChange(rows.filter((_, j) => j !== i));
  return (
    <fieldset className="allergy-rows">
      <legend>Allergies</legend>
      {rows.length === 0 ? <p className="hint">No allergies entered. Add each known allergy, or leave this empty if none are known.</p> : null}
      {rows.map((row, i) => (
        <fieldset key={i} className="allergy-row">
          <legend>Allergy {i + 1}</legend>
          <AllergyFields value={row} onChange={(next) => update(i, next)} errorAt={(f) => error?.field(`allergies.${i}.${f}`)} />
          <button type="button" className="secondary small" onClick={() => remove(i)}>
            Remove allergy {i + 1}
          </button>
        </fieldset>
      ))}
      <button type="button" className="secondary" onClick={() => onChange([...rows, { ...EMPTY_ALLERGY }])}>
        Add an allergy
      </button>
    </fieldset>
  );
}
