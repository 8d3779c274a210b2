import { useState } from 'react';
import { generateTaper } from '../../../../../main/domain/taper';
import { RadioGroup, TextField } from '../../../components/fields';
import { DateTimeInput as DateTimeField } from '../../../components/DateInput';
import { AmountField, parseAmount } from '../fields';
import { localToInstant } from '../time';
import { draftsFrom, type StepDraft } from './draft';

type Mode = 'fixed' | 'percent';
const MODE_OPTIONS = [
  { value: 'fixed' as const, label: 'A fixed amount' },
  { value: 'percent' as const, label: 'A percentage of the current dose' },
];

export interface GeneratorSettings {
  everyDays: string;
}

/**
 * Builds a plan with the same generator main trusts (domain/taper.ts): reductions rounded to
 * doses the medication's strengths can make, steps on the same clinic clock time across DST.
 * The prescriber then reviews and edits the rows before saving.
 */
export function TaperGenerator({
  baseAmount,
  strengths,
  unit,
  zone,
  defaultFirstLocal,
  onGenerated,
  everyDays,
  onEveryDaysChange,
  startWord = 'start',
}: {
  baseAmount: number;
  strengths: readonly number[];
  unit: string;
  zone: string;
  /** Used when "First reduction" is left empty. */
  defaultFirstLocal: string;
  onGenerated(steps: StepDraft[]): void;
  everyDays: string;
  onEveryDaysChange(v: string): void;
  /** What the first reduction counts from, in the hint: "start" of a new order, "current dose" when replanning. */
  startWord?: string;
}) {
  const [mode, setMode] = useState<Mode>('fixed');
  const [step, setStep] = useState('');
  const [firstLocal, setFirstLocal] = useState('');
  const [floor, setFloor] = useState('0');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const generate = () => {
    setDone(null);
    const startAt = localToInstant(firstLocal || defaultFirstLocal, zone);
    if (!startAt) return setProblem('Enter the date and time of the first reduction.');
    if (!Number.isFinite(baseAmount) || baseAmount <= 0) return setProblem('Enter the starting dose first: the taper reduces from it.');
    try {
      const steps = generateTaper({ startAmount: baseAmount, startAt, zone, mode, step: parseAmount(step), everyDays: Number(everyDays), floor: parseAmount(floor), strengths });
      setProblem(null);
      setDone(`Generated ${steps.length} step${steps.length === 1 ? '' : 's'}. Review and adjust them below.`);
      onGenerated(draftsFrom(steps, zone));
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="taper-generator">
      <RadioGroup label="Reduce by" value={mode} onChange={(v) => setMode(v)} options={MODE_OPTIONS} />
      <div className="field-row">
        <AmountField label="Reduction per step" value={step} onChange={setStep} unit={mode === 'fixed' ? unit : '%'} hint={mode === 'fixed' ? `Amount taken off each time, in ${unit}.` : 'Percent of the dose at each step.'} />
        <TextField label="Every (days)" type="number" value={everyDays} onChange={onEveryDaysChange} min={1} size="short" />
        <AmountField label="Floor" value={floor} onChange={setFloor} unit={unit} hint="Where the taper ends; 0 stops the drug." />
      </div>
      <DateTimeField label="First reduction" value={firstLocal} onChange={setFirstLocal} hint={`Clinic time (${zone}). Leave empty for ${everyDays === '1' ? '1 day' : `${everyDays || 'N'} days`} after the ${startWord}.`} />
      <div className="actions">
        <button type="button" className="secondary" onClick={generate}>
          Generate taper
        </button>
      </div>
      {problem ? (
        <p role="alert" className="form-error">
          {problem}
        </p>
      ) : null}
      <p role="status" className="saved">
        {done}
      </p>
    </div>
  );
}
