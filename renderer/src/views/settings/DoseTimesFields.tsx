import { DEFAULT_DOSE_TIMES, FREQUENCIES, frequencyInWords, isScheduledFrequency, type Frequency } from '../../../../main/domain/frequency';
import { TextField } from '../../components/fields';

/**
 * The clinic's dose times per frequency (issue 7 item 1), one box each: "09:00, 21:00". The
 * screen only splits the text into times; main checks them (domain doseTimeProblems: the
 * number for the frequency, 24-hour times, none twice, earliest first) and says at the box
 * which one is wrong.
 */
const SCHEDULED: readonly Frequency[] = FREQUENCIES.filter(isScheduledFrequency);

export type DoseTimesText = Readonly<Record<string, string>>;

const label = (f: Frequency) => frequencyInWords(f).charAt(0).toUpperCase() + frequencyInWords(f).slice(1);

/** The stored times as the boxes show them. */
export function doseTimesText(stored: unknown): DoseTimesText {
  const value = (stored ?? {}) as Partial<Record<Frequency, unknown>>;
  return Object.fromEntries(SCHEDULED.map((f) => [f, Array.isArray(value[f]) ? (value[f] as string[]).join(', ') : '']));
}

/** What settings.update takes: every frequency, the unscheduled ones with no times. */
export function doseTimesValue(text: DoseTimesText): Record<Frequency, string[]> {
  return Object.fromEntries(
    FREQUENCIES.map((f) => [f, isScheduledFrequency(f) ? (text[f] ?? '').split(/[\s,;]+/).filter((t) => t !== '') : []]),
  ) as Record<Frequency, string[]>;
}

export function DoseTimesFields({ value, onChange, errorAt }: { value: DoseTimesText; onChange(next: DoseTimesText): void; errorAt(path: string): string | undefined }) {
  return (
    <fieldset>
      <legend>Dose times</legend>
      <p className="hint">
        The clinic&apos;s times for scheduled doses, 24-hour clock, earliest first, separated by commas. Today&apos;s doses and the MAR use them
        from the moment they are saved; doses already documented keep their times.
      </p>
      <div className="field-row">
        {SCHEDULED.map((f) => {
          const n = DEFAULT_DOSE_TIMES[f].length;
          return (
            <TextField
              key={f}
              label={label(f)}
              value={value[f] ?? ''}
              onChange={(v) => onChange({ ...value, [f]: v })}
              error={errorAt(`doses.times.${f}`)}
              hint={`${n} time${n === 1 ? '' : 's'}`}
              required
            />
          );
        })}
      </div>
    </fieldset>
  );
}
