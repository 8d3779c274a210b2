import { useId, type ReactNode } from 'react';

/**
 * Inputs the shared components/fields.tsx does not offer (date-time, free-text area, decimal
 * amounts), built the same way: a real <label>, the hint and the server's message joined in
 * aria-describedby, aria-invalid when refused.
 */
interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  autoFocus?: boolean;
}

function useDescribed(hint: ReactNode, error: string | undefined) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return { id, describedBy };
}

function Frame({ id, label, required, hint, error, className, children }: { id: string; label: string; required?: boolean; hint: ReactNode; error?: string; className: string; children: ReactNode }) {
  return (
    <div className={`field ${className}`}>
      <span className="label-line">
        <label htmlFor={id}>{label}</label>
        {required ? (
          <span className="required-mark" aria-hidden="true">
            *
          </span>
        ) : null}
      </span>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A date and time on the clinic's clock (datetime-local). */
export function DateTimeField({ label, value, onChange, error, hint, required, autoFocus }: Props) {
  const { id, describedBy } = useDescribed(hint, error);
  return (
    <Frame id={id} label={label} required={required} hint={hint} error={error} className="field-datetime">
      <input
        id={id}
        type="datetime-local"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoFocus={autoFocus}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </Frame>
  );
}

/** A number that may have decimals (0.5 mg), with its unit shown after the box. */
export function AmountField({ label, value, onChange, error, hint, required, autoFocus, unit, min = 0 }: Props & { unit?: string; min?: number }) {
  const { id, describedBy } = useDescribed(hint, error);
  return (
    <Frame id={id} label={label} required={required} hint={hint} error={error} className="field-amount">
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
          aria-required={required || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        {unit ? <span className="unit" aria-hidden="true">{unit}</span> : null}
      </span>
    </Frame>
  );
}

export function TextAreaField({ label, value, onChange, error, hint, required, autoFocus }: Props) {
  const { id, describedBy } = useDescribed(hint, error);
  return (
    <Frame id={id} label={label} required={required} hint={hint} error={error} className="field-textarea">
      <textarea
        id={id}
        rows={3}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoFocus={autoFocus}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </Frame>
  );
}

/** Parses what a number input holds; '' and junk become NaN so main's own message explains it. */
export const parseAmount = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));
