import { useId, type ReactNode } from 'react';

interface FieldBase {
  label: string;
  /** The server's message for this field, shown under it and announced with it. */
  error?: string;
  hint?: ReactNode;
  required?: boolean;
}

/** Ids for the hint and error, joined for aria-describedby so screen readers read them with the field. */
function useDescribedBy(hint: ReactNode, error: string | undefined) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

/** The required mark sits outside the <label> so the field's name is exactly its label text. */
function Label({ htmlFor, label, required }: { htmlFor: string; label: string; required?: boolean }) {
  return (
    <span className="label-line">
      <label htmlFor={htmlFor}>{label}</label>
      {required ? (
        <span className="required-mark" aria-hidden="true">
          *
        </span>
      ) : null}
    </span>
  );
}

function HintAndError({ hint, hintId, error, errorId }: { hint: ReactNode; hintId: string; error?: string; errorId: string }) {
  return (
    <>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

export interface TextFieldProps extends FieldBase {
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'password' | 'date' | 'number' | 'search';
  autoComplete?: string;
  autoFocus?: boolean;
  min?: number | string;
  max?: number | string;
  size?: 'short' | 'normal' | 'wide';
}

export function TextField({ label, error, hint, required, value, onChange, type = 'text', autoComplete, autoFocus, min, max, size = 'normal' }: TextFieldProps) {
  const { id, hintId, errorId, describedBy } = useDescribedBy(hint, error);
  return (
    <div className={`field field-${size}`}>
      <Label htmlFor={id} label={label} required={required} />
      <input
        id={id}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete={autoComplete ?? 'off'}
        autoFocus={autoFocus}
        min={min}
        max={max}
        spellCheck={type === 'text' ? false : undefined}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      <HintAndError hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
}

export interface Option<V extends string> {
  value: V;
  label: string;
}

export interface SelectFieldProps<V extends string> extends FieldBase {
  value: V;
  onChange(value: V): void;
  options: readonly Option<V>[];
}

export function SelectField<V extends string>({ label, error, hint, required, value, onChange, options }: SelectFieldProps<V>) {
  const { id, hintId, errorId, describedBy } = useDescribedBy(hint, error);
  return (
    <div className="field">
      <Label htmlFor={id} label={label} required={required} />
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value as V)}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <HintAndError hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
}

export interface RadioGroupProps<V extends string> extends FieldBase {
  value: V | '';
  onChange(value: V): void;
  options: readonly Option<V>[];
}

/** A fieldset whose legend names the choice; each radio has its own label. */
export function RadioGroup<V extends string>({ label, error, hint, required, value, onChange, options }: RadioGroupProps<V>) {
  const { id, hintId, errorId, describedBy } = useDescribedBy(hint, error);
  return (
    <fieldset className="field radio-group" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
      <legend>
        {label}
        {required ? <span className="required-mark" aria-hidden="true"> *</span> : null}
      </legend>
      {options.map((o) => (
        <label key={o.value} className="radio">
          <input type="radio" name={id} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
      <HintAndError hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </fieldset>
  );
}

export function CheckboxField({ label, checked, onChange }: { label: string; checked: boolean; onChange(checked: boolean): void }) {
  const id = useId();
  return (
    <div className="field checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
