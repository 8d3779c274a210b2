import { useState } from 'react';
import { isFrequency } from '../../../../../main/domain/frequency';
import { generateTaper } from '../../../../../main/domain/taper';
import { generateFewerDosesTaper } from '../../../../../main/domain/taperFewerDoses';
import { CheckboxField, RadioGroup, TextField } from '../../../components/fields';
import { DateTimeInput as DateTimeField } from '../../../components/DateInput';
import { AmountField, parseAmount } from '../fields';
import { localToInstant } from '../time';
import { draftsFrom, type StepDraft } from './draft';

type Mode = 'fixed' | 'percent' | 'doses';
const MODE_OPTIONS = [
  { value: 'fixed' as const, label: 'A fixed amount' },
  { value: 'percent' as const, label: 'A percentage of the current dose' },
  { value: 'doses' as const, label: 'Reducing the number of doses per day' },
];

export interface GeneratorSettings {
  everyDays: string;
}

/**
 * Builds a plan with the same generators main trusts (domain/taper.ts, taperFewerDoses.ts):
 * reductions rounded to doses the medication's strengths can make, or the same amount given
 * once a day fewer at each step (four times daily, three times, twice, at bedtime), steps on the
 * same clinic clock time across DST. The prescriber then reviews and edits the rows before saving.
 */
export function TaperGenerator({
  baseAmount,
  baseFrequency,
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
  /** How often the dose before the plan is given; the doses-per-day mode steps down from it. */
  baseFrequency: string;
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
  const [thenStop, setThenStop] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const generate = () => {
    setDone(null);
    const startAt = localToInstant(firstLocal || defaultFirstLocal, zone);
    if (!startAt) return setProblem('Enter the date and time of the first reduction.');
    if (!Number.isFinite(baseAmount) || baseAmount <= 0) return setProblem('Enter the starting dose first: the taper reduces from it.');
    try {
      let steps;
      if (mode === 'doses') {
        if (!isFrequency(baseFrequency)) return setProblem('Choose how often the dose is given first: the plan gives it fewer times a day.');
        steps = generateFewerDosesTaper({ startAmount: baseAmount, startFrequency: baseFrequency, startAt, zone, everyDays: Number(everyDays), thenStop });
      } else {
        steps = generateTaper({ startAmount: baseAmount, startAt, zone, mode, step: parseAmount(step), everyDays: Number(everyDays), floor: parseAmount(floor), strengths, unit });
      }
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
        {mode !== 'doses' ? (
          <AmountField label="Reduction per step" value={step} onChange={setStep} unit={mode === 'fixed' ? unit : '%'} hint={mode === 'fixed' ? `Amount taken off each time, in ${unit}.` : 'Percent of the dose at each step.'} />
        ) : null}
        <TextField label="Every (days)" type="number" value={everyDays} onChange={onEveryDaysChange} min={1} size="short" />
        {mode !== 'doses' ? <AmountField label="Floor" value={floor} onChange={setFloor} unit={unit} hint="Where the taper ends; 0 stops the drug." /> : null}
      </div>
      {mode === 'doses' ? (
        <>
          <p className="hint">The amount per dose stays the same; each step gives it once a day fewer, down to once a day at bedtime.</p>
          <CheckboxField label="Then stop the drug" checked={thenStop} onChange={setThenStop} />
        </>
      ) : null}
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
