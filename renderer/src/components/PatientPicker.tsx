import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { PatientSummary } from '../../../main/ipc/contract/patients';
import { call } from '../api';
import { useApiQuery, useDebounced } from '../hooks';
import { fieldAria, FieldFrame, useDescribedBy } from './fields';
import './PatientPicker.css';

/** How many matches the list shows; the rest are counted, and typing more narrows them. */
const SHOWN = 20;

export const pickerLabel = (p: Pick<PatientSummary, 'familyName' | 'givenName' | 'mrn'>) => `${p.familyName}, ${p.givenName} (${p.mrn})`;

export interface PatientPickerProps {
  label: string;
  /** The chosen patient's id as a string ('' for none), as the forms keep their fields. */
  value: string;
  onChange(id: string, patient: PatientSummary | null): void;
  includeDischarged?: boolean;
  /** What "no patient chosen" means here, e.g. "All patients". Shown as the placeholder. */
  emptyLabel?: string;
  hint?: string;
  error?: string;
  required?: boolean;
}

/**
 * Choosing one patient out of thousands: a search-as-you-type combobox over patients.page.
 * It shows the first matches and says how many there are in all, so a long clinic is never
 * cut short silently ("20 of 2,032 shown: type more of the name or MRN"). Keyboard: arrows
 * move, Enter chooses, Escape closes.
 */
export function PatientPicker({ label, value, onChange, includeDischarged = false, emptyLabel, hint, error, required }: PatientPickerProps) {
  const { id, describedBy } = useDescribedBy(hint, error);
  const listId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<PatientSummary | null>(null);
  const query = useDebounced(text.trim(), 200);

  // A value set from outside (a saved filter, a link): show whose it is.
  useEffect(() => {
    if (value === '') {
      setChosen(null);
      return;
    }
    if (chosen && String(chosen.id) === value) return;
    let current = true;
    call('patients.get', { id: Number(value) }).then(
      (p) => {
        if (current) setChosen(p);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [value, chosen]);

  const matches = useApiQuery('patients.page', { query, includeDischarged, offset: 0, limit: SHOWN });
  const shown = open ? (matches.data?.patients ?? []) : [];
  const total = matches.data?.total ?? 0;

  const choose = (p: PatientSummary) => {
    setChosen(p);
    setText('');
    setOpen(false);
    onChange(String(p.id), p);
  };
  const clear = () => {
    setChosen(null);
    setText('');
    onChange('', null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, Math.max(shown.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && open && shown[active]) {
      e.preventDefault();
      choose(shown[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  const optionId = (i: number) => `${listId}-${i}`;
  const status = !open || !matches.data
    ? null
    : total === 0
      ? `No patient matches “${query}”.`
      : total > shown.length
        ? `${shown.length} of ${total.toLocaleString('en-US')} shown: type more of the name or MRN to narrow.`
        : `${total} ${total === 1 ? 'patient' : 'patients'}.`;

  return (
    <FieldFrame id={id} label={label} required={required} hint={hint} error={error} className="patient-picker">
      <div className="patient-picker-box">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && shown[active] ? optionId(active) : undefined}
          placeholder={chosen ? pickerLabel(chosen) : (emptyLabel ?? 'Type a name or MRN')}
          value={open || !chosen ? text : pickerLabel(chosen)}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          // Late enough that a click on an option lands first.
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
          {...fieldAria(required, error, describedBy)}
        />
        {chosen ? (
          <button type="button" className="secondary small" onClick={clear} aria-label={`Clear ${label}`}>
            Clear
          </button>
        ) : null}
      </div>
      {status ? (
        <p className="hint patient-picker-status" role="status">
          {status}
        </p>
      ) : null}
      <ul id={listId} role="listbox" aria-label={`${label}: matches`} className="patient-picker-list" hidden={!open || shown.length === 0}>
        {shown.map((p, i) => (
          // The combobox's input owns the keyboard (arrows, Enter), as the ARIA combobox pattern has it.
          // eslint-disable-next-line jsx-a11y/click-events-have-key-events
          <li
            key={p.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(p)}
          >
            {pickerLabel(p)}
            {p.dischargeDate ? <span className="patient-picker-note"> · discharged</span> : null}
          </li>
        ))}
      </ul>
    </FieldFrame>
  );
}
