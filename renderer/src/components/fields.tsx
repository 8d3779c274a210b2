import { useId, type ReactNode } from 'react';

interface FieldBase {
  label: string;
  /** The server's message for this field, shown under it and announced with it. */
  error?: string;
  hint?: ReactNode;
  required?: boolean;
}

/** Ids for the hint and error, joined for aria-describedby so screen readers read them with the field. */
export function useDescribedBy(hint: ReactNode, error: string | undefined) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

/** The control's aria attributes: required, refused (when the server sent a message), and its hint/error ids. */
export function fieldAria(required: boolean | undefined, error: string | undefined, describedBy: string | undefined) {
  return { 'aria-required': required || undefined, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy } as const;
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

/**
 * The labelled frame every single-control field shares: label line (with the required mark), the
 * control, then the hint and the server's message under it. `id` is the one from useDescribedBy;
 * `className` is added after "field".
 */
export function FieldFrame({ id, label, required, hint, error, className, children }: { id: string; label: string; required?: boolean; hint?: ReactNode; error?: string; className?: string; children: ReactNode }) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <Label htmlFor={id} label={label} required={required} />
      {children}
      <HintAndError hint={hint} hintId={`${id}-hint`} error={error} errorId={`${id}-error`} />
    </div>
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
  const { id, describedBy } = useDescribedBy(hint, error);
  return (
    <FieldFrame id={id} label={label} required={required} hint={hint} error={error} className={`field-${size}`}>
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
        {...fieldAria(required, error, describedBy)}
      />
    </FieldFrame>
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
  const { id, describedBy } = useDescribedBy(hint, error);
  return (
    <FieldFrame id={id} label={label} required={required} hint={hint} error={error}>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value as V)}
        {...fieldAria(required, error, describedBy)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
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

export function CheckboxField({
  label,
  checked,
  onChange,
  error,
  hint,
}: {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  error?: string;
  hint?: ReactNode;
}) {
  const { id, hintId, errorId, describedBy } = useDescribedBy(hint, error);
  return (
    <div className="field checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} {...fieldAria(undefined, error, describedBy)} />
      <label htmlFor={id}>{label}</label>
      <HintAndError hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
}

export interface FreeTextFieldProps extends FieldBase {
  value: string;
  onChange(value: string): void;
  autoFocus?: boolean;
  /** Added to the frame's "field" class. */
  className?: string;
}

// Dates and clinic times: DateField and DateTimeInput in DateInput.tsx (the app's format, not the browser's).

/** A three-line free-text box (notes, reasons). */
export function TextAreaField({ label, value, onChange, error, hint, required, autoFocus, className }: FreeTextFieldProps) {
  const { id, describedBy } = useDescribedBy(hint, error);
  return (
    <FieldFrame id={id} label={label} required={required} hint={hint} error={error} className={className}>
      <textarea
        id={id}
        rows={3}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoFocus={autoFocus}
        {...fieldAria(required, error, describedBy)}
      />
    </FieldFrame>
  );
}

/**
 * One draft-backed field: its value, its change handler and its error, bound to one key of a
 * form's draft object, so a form writes `<TextField label="Name" {...field('name')} />` instead
 * of the same three props again for every input. `errorOf` maps the key to main's field error.
 */
export function draftFields<D extends object>(
  draft: D,
  setDraft: (update: (d: D) => D) => void,
  errorOf: (key: keyof D & string) => string | undefined,
) {
  return <K extends keyof D & string>(key: K) => ({
    value: draft[key],
    onChange: (value: D[K]) => setDraft((d) => ({ ...d, [key]: value })),
    error: errorOf(key),
  });
}
