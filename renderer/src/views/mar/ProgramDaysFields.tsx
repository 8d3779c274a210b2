import { DateListEditor } from './DateListEditor';

/** Luxon weekdays, 1 = Monday .. 7 = Sunday, as the domain's program days use them. */
export const WEEKDAYS: readonly { value: number; label: string }[] = [
  { value: 1, label: 'Monday' },
  { value: 2, label: 'Tuesday' },
  { value: 3, label: 'Wednesday' },
  { value: 4, label: 'Thursday' },
  { value: 5, label: 'Friday' },
  { value: 6, label: 'Saturday' },
  { value: 7, label: 'Sunday' },
];

export interface ProgramDaysDraft {
  weekdays: number[];
  absences: string[];
  extraDays: string[];
}

/** "Monday, Wednesday and Friday". */
export function weekdaysInWords(days: readonly number[]): string {
  const names = WEEKDAYS.filter((d) => days.includes(d.value)).map((d) => d.label);
  if (names.length === 0) return 'no regular days';
  if (names.length === 7) return 'every day';
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The weekly pattern as one checkbox a day, then the one-off absences and extra days. */
export function ProgramDaysFields({ draft, onChange }: { draft: ProgramDaysDraft; onChange(d: ProgramDaysDraft): void }) {
  const toggle = (day: number, on: boolean) => onChange({ ...draft, weekdays: on ? [...draft.weekdays, day].sort() : draft.weekdays.filter((d) => d !== day) });
  return (
    <>
      <fieldset className="field">
        <legend>Attends on</legend>
        <div className="weekday-choices">
          {WEEKDAYS.map((d) => (
            <label key={d.value} className="checkbox">
              <input type="checkbox" checked={draft.weekdays.includes(d.value)} onChange={(e) => toggle(d.value, e.target.checked)} /> {d.label}
            </label>
          ))}
        </div>
      </fieldset>
      <DateListEditor label="Absences" dates={draft.absences} onChange={(absences) => onChange({ ...draft, absences })} />
      <DateListEditor label="Extra days" dates={draft.extraDays} onChange={(extraDays) => onChange({ ...draft, extraDays })} />
    </>
  );
}
