import { SelectField, TextField } from '../../../components/fields';
import type { OrderDraft } from './orderDraft';

const INTERVAL_UNITS = [
  { value: 'hours' as const, label: 'hours' },
  { value: 'minutes' as const, label: 'minutes' },
];

/** What a PRN order needs so nurses can give it safely: what for, how many a day, how far apart. */
export function PrnFields({ draft, set, errorAt }: { draft: OrderDraft; set<K extends keyof OrderDraft>(key: K): (v: OrderDraft[K]) => void; errorAt(path: string): string | undefined }) {
  return (
    <fieldset className="prn-fields">
      <legend>As needed (PRN)</legend>
      <TextField label="PRN indication" value={draft.prnIndication} onChange={set('prnIndication')} error={errorAt('prn.indication')} required hint='What it is for, e.g. "anxiety".' size="wide" />
      <div className="field-row">
        <TextField label="Maximum doses in 24 hours" type="number" min={1} value={draft.prnMax} onChange={set('prnMax')} error={errorAt('prn.maxDoses24h')} required size="short" />
        <TextField label="Minimum interval" type="number" min={0} value={draft.prnInterval} onChange={set('prnInterval')} error={errorAt('prn.minIntervalMinutes')} required size="short" hint="At least 15 minutes." />
        <SelectField label="Interval unit" value={draft.prnIntervalUnit} onChange={set('prnIntervalUnit')} options={INTERVAL_UNITS} />
      </div>
      <TextField
        label="Maximum amount in 24 hours (optional)"
        type="number"
        min={0}
        value={draft.prnMaxAmount}
        onChange={set('prnMaxAmount')}
        error={errorAt('prn.maxAmount24h')}
        size="short"
        hint="Summed over every order of this drug for the patient, scheduled and PRN alike. In the order's unit."
      />
    </fieldset>
  );
}
