import { FieldFrame, fieldAria, useDescribedBy, type FreeTextFieldProps } from '../../components/fields';

/** A number that may have decimals (0.5 mg), with its unit shown after the box. */
export function AmountField({ label, value, onChange, error, hint, required, autoFocus, unit, min = 0 }: Omit<FreeTextFieldProps, 'className'> & { unit?: string; min?: number }) {
  const { id, describedBy } = useDescribedBy(hint, error);
  return (
    <FieldFrame id={id} label={label} required={required} hint={hint} error={error} className="field-amount">
      <span className="amount-input">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          step="any"
          min={min}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoFocus={autoFocus}
          {...fieldAria(required, error, describedBy)}
        />
        {unit ? <span className="unit" aria-hidden="true">{unit}</span> : null}
      </span>
    </FieldFrame>
  );
}

/** Parses what a number input holds; '' and junk become NaN so main's own message explains it. */
export const parseAmount = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));
