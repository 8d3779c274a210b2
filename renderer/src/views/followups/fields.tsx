import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';

/**
 * The two inputs the shared components/fields.tsx lacks (a note box, a date-time on the
 * clinic's clock), built the same way: a real <label>, hint and server message joined in
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

function Frame({ id, label, required, hint, error, children }: { id: string; label: string; required?: boolean; hint?: ReactNode; error?: string; children: ReactNode }) {
  return (
    <div className="field">
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

function useInputProps({ hint, error, required, autoFocus }: Props) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return { id, autoFocus, 'aria-required': required || undefined, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy };
}

export function NoteField(props: Props) {
  const input = useInputProps(props);
  return (
    <Frame id={input.id} {...props}>
      <textarea {...input} rows={3} className="note-input" value={props.value} onChange={(e) => props.onChange(e.target.value)} />
    </Frame>
  );
}

/** A wall-clock date and time in the clinic's zone (datetime-local). */
export function DateTimeField(props: Props) {
  const input = useInputProps(props);
  return (
    <Frame id={input.id} {...props}>
      <input {...input} type="datetime-local" value={props.value} onChange={(e) => props.onChange(e.target.value)} />
    </Frame>
  );
}

/**
 * Puts the cursor in a form's first field when it opens, so keyboard users land in the form
 * they just asked for rather than back at the button.
 */
export function useFocusFirstField<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea')?.focus();
  }, []);
  return ref;
}
