import { useId } from 'react';
import type { Medication } from '../../../../../main/ipc/contract/formulary';
import { CheckboxField, RadioGroup, SelectField, TextField } from '../../../components/fields';
import { DateTimeInput as DateTimeField } from '../../../components/DateInput';
import { AmountField } from '../fields';
import { FREQUENCY_OPTIONS, GIVEN_BY_OPTIONS, ROUTE_OPTIONS, unitLabel } from '../labels';
import type { OrderDraft } from './orderDraft';
import { PrnFields } from './PrnFields';

type Setter = <K extends keyof OrderDraft>(key: K) => (v: OrderDraft[K]) => void;

/** The unit is the medication's own (main refuses any other), so it is shown, not chosen. */
function UnitDisplay({ unit }: { unit: string }) {
  const id = useId();
  return (
    <div className="field field-short">
      <label htmlFor={id}>Unit</label>
      <input id={id} readOnly value={unit ? unitLabel(unit) : '—'} className="readonly" aria-describedby={`${id}-hint`} />
      <p id={`${id}-hint`} className="hint">
        From the medication.
      </p>
    </div>
  );
}

/** Dose, schedule, route, who gives it, when, and why: everything an order says apart from its taper. */
export function OrderFields({
  draft,
  set,
  medication,
  zone,
  errorAt,
}: {
  draft: OrderDraft;
  set: Setter;
  medication: Medication | undefined;
  zone: string;
  errorAt(path: string): string | undefined;
}) {
  const onPrn = (prn: boolean) => {
    set('prn')(prn);
    // A PRN order is given as needed; a taper plan does not apply to it (main refuses both).
    if (prn) {
      set('frequency')('prn');
      set('withTaper')(false);
    } else if (draft.frequency === 'prn') set('frequency')('daily');
  };
  // "As needed" and the PRN limits go together (main refuses one without the other).
  const onFrequency = (f: OrderDraft['frequency']) => {
    if ((f === 'prn') !== draft.prn) onPrn(f === 'prn');
    if (f !== 'prn') set('frequency')(f);
  };
  return (
    <>
      <fieldset>
        <legend>Dose</legend>
        <div className="field-row">
          <AmountField
            label="Dose amount"
            value={draft.amount}
            onChange={set('amount')}
            error={errorAt('amount')}
            required
            unit={medication ? unitLabel(medication.unit) : undefined}
          />
          <UnitDisplay unit={medication?.unit ?? ''} />
          <SelectField
            label="Frequency"
            value={draft.frequency}
            onChange={onFrequency}
            options={FREQUENCY_OPTIONS}
            error={errorAt('frequency')}
            required
          />
          <SelectField
            label="Route"
            value={draft.route}
            onChange={set('route')}
            options={ROUTE_OPTIONS}
            error={errorAt('route')}
            required
          />
        </div>
        <RadioGroup
          label="Who gives it"
          value={draft.administeredBy}
          onChange={set('administeredBy')}
          options={GIVEN_BY_OPTIONS}
          error={errorAt('administeredBy')}
          required
        />
      </fieldset>
      <fieldset>
        <legend>When and why</legend>
        <div className="field-row">
          <DateTimeField
            label="Start"
            value={draft.startLocal}
            onChange={set('startLocal')}
            error={errorAt('startAt')}
            required
            hint={`Clinic time (${zone}).`}
          />
          <DateTimeField
            label="End (optional)"
            value={draft.endLocal}
            onChange={set('endLocal')}
            error={errorAt('endAt')}
            hint="Leave empty for an open-ended order."
          />
        </div>
        <TextField
          label="Indication"
          value={draft.indication}
          onChange={set('indication')}
          error={errorAt('indication')}
          required
          size="wide"
          hint='For example "Alcohol withdrawal".'
        />
        <TextField
          label="Symptom trigger (optional)"
          value={draft.symptomTrigger}
          onChange={set('symptomTrigger')}
          error={errorAt('symptomTrigger')}
          size="wide"
          hint='A score that calls for a dose, e.g. "CIWA-Ar >= 10".'
        />
        <CheckboxField label="As needed (PRN)" checked={draft.prn} onChange={onPrn} />
      </fieldset>
      {errorAt('prn') ? (
        <p className="field-error" role="alert">
          {errorAt('prn')}
        </p>
      ) : null}
      {draft.prn ? <PrnFields draft={draft} set={set} errorAt={errorAt} /> : null}
    </>
  );
}
