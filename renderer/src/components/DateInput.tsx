import { useEffect, useState } from 'react';
import { dateText, dateTimeText, parseDateText, parseDateTimeText } from '../dateText';
import { fieldAria, FieldFrame, useDescribedBy } from './fields';

/**
 * The app's date and date-time inputs (issue 8 item 9): typed in the app's own format
 * ("1 Dec 2026", "1 Dec 2026, 08:00", 24-hour) rather than the browser's mm/dd/yyyy with AM/PM.
 * The value in and out is what the native inputs gave ("YYYY-MM-DD", clinic wall clock
 * "YYYY-MM-DDTHH:mm"), so a form swaps its input and nothing else. Text that is not a date
 * gives '' to the form and says, under the field, how to write it.
 */
interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  hint?: string;
  required?: boolean;
  autoFocus?: boolean;
  className?: string;
}

function useTypedDate(value: string, onChange: (v: string) => void, parse: (t: string) => string | null, show: (v: string) => string) {
  const [text, setText] = useState(() => show(value));
  const [unreadable, setUnreadable] = useState(false);
  // A value set by the form (a default, a reset) replaces the text; the text's own value does not.
  useEffect(() => {
    if ((parse(text) ?? '') !== value) setText(show(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a change of value from outside
  }, [value]);
  return {
    text,
    unreadable,
    change(t: string) {
      setText(t);
      setUnreadable(false);
      onChange(parse(t) ?? '');
    },
    blur() {
      const parsed = parse(text);
      if (parsed === null) setUnreadable(true);
      else setText(show(parsed));
    },
  };
}

function TypedDate({ example, parse, show, label, value, onChange, error, hint, required, autoFocus, className }: Props & { example: string; parse: (t: string) => string | null; show: (v: string) => string }) {
  const typed = useTypedDate(value, onChange, parse, show);
  const problem = error ?? (typed.unreadable ? `Not a date this can read: write it like ${example}.` : undefined);
  const fullHint = hint ? `${hint} Like ${example}.` : `Like ${example}.`;
  const { id, describedBy } = useDescribedBy(fullHint, problem);
  return (
    <FieldFrame id={id} label={label} required={required} hint={fullHint} error={problem} className={className ?? 'field-normal'}>
      <input
        id={id}
        type="text"
        inputMode="text"
        autoComplete="off"
        spellCheck={false}
        placeholder={example}
        value={typed.text}
        onChange={(e) => typed.change(e.target.value)}
        onBlur={typed.blur}
        autoFocus={autoFocus}
        {...fieldAria(required, problem, describedBy)}
      />
    </FieldFrame>
  );
}

/** A calendar date, "1 Dec 2026"; the form gets "2026-12-01". */
export function DateField(props: Props) {
  return <TypedDate {...props} example="1 Dec 2026" parse={parseDateText} show={dateText} />;
}

/** A date and time on the clinic's clock, "1 Dec 2026, 08:00"; the form gets "2026-12-01T08:00". */
export function DateTimeInput(props: Props) {
  return <TypedDate {...props} example="1 Dec 2026, 08:00" parse={parseDateTimeText} show={dateTimeText} />;
}

/** The bare date-time control, for a table cell labelled by aria-label (a taper step's time). */
export function DateTimeCell({ label, value, onChange, invalid }: { label: string; value: string; onChange(value: string): void; invalid?: boolean }) {
  const typed = useTypedDate(value, onChange, parseDateTimeText, dateTimeText);
  return (
    <input
      type="text"
      autoComplete="off"
      spellCheck={false}
      placeholder="1 Dec 2026, 08:00"
      aria-label={label}
      value={typed.text}
      onChange={(e) => typed.change(e.target.value)}
      onBlur={typed.blur}
      aria-invalid={invalid || typed.unreadable || undefined}
    />
  );
}
