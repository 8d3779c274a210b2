import { useEffect } from 'react';
import { scoresBackingDose } from '../../../../main/domain/prn';
import type { ScoreView } from '../../../../main/ipc/contract/scores';
import { RadioGroup } from '../../components/fields';
import { useApiQuery } from '../../hooks';
import type { DoseTarget } from './doseDraft';
import { dayAndTime } from './time';

/** The symptom window when settings cannot be read: main's default (it checks again anyway). */
const DEFAULT_WINDOW_MINUTES = 60;

/** "COWS 7 (mild withdrawal), Tue 1 Dec, 08:30, by Ana Nurse": a score in words and clinic time. */
export const scoreInWords = (s: ScoreView, zone: string) => `${s.scale} ${s.total} (${s.bandLabel}), ${dayAndTime(s.scoredAt, zone)}, by ${s.nurseName}`;

/**
 * Which withdrawal score a dose answers (issue 7 item 5): for a symptom-triggered PRN one that
 * qualifies is needed, for another withdrawal-management dose it is optional. The choices are
 * the patient's scores that may back a dose at that time by the domain's rule (the same one
 * main checks), newest first; the newest is chosen unless the nurse picks another.
 */
export function ScorePicker({
  target,
  atIso,
  zone,
  value,
  onChange,
  error,
}: {
  target: DoseTarget;
  atIso: string | null;
  zone: string;
  value: string;
  onChange(scoreId: string): void;
  error?: string;
}) {
  // Two days back covers any symptom window (at most 8 hours) across midnight.
  const scores = useApiQuery('scores.forPatient', { patientId: target.patientId ?? 0, days: 2 });
  const settings = useApiQuery('settings.get', {});
  const stored = settings.data?.['mar.prnSymptomWindowMinutes'];
  const windowMinutes = typeof stored === 'number' ? stored : DEFAULT_WINDOW_MINUTES;
  const trigger = target.symptomTrigger ?? null;
  const candidates =
    atIso && scores.data
      ? scoresBackingDose(
          scores.data.filter((s) => s.enteredInError === null).map((s) => ({ ...s, at: s.scoredAt })),
          { at: atIso, windowMinutes, trigger },
        )
      : [];
  const ids = candidates.map((s) => String(s.id)).join(',');
  const first = candidates[0] ? String(candidates[0].id) : '';
  // The newest qualifying score by default; a choice that no longer qualifies (the time changed) falls back to it.
  useEffect(() => {
    if (!scores.data) return;
    if (value === 'none' && !trigger) return;
    if (!ids.split(',').includes(value)) onChange(first);
  }, [ids, first, value, trigger, scores.data, onChange]);

  if (!scores.data) return scores.error ? <p className="field-error">The patient&apos;s scores could not be loaded; the newest qualifying score will be linked.</p> : null;
  const label = trigger ? `${trigger.scale} score this dose is given on` : 'Withdrawal score this dose answers';
  if (candidates.length === 0) {
    return (
      <p className="score-picker-empty" role="note">
        {trigger
          ? `No ${trigger.scale} of ${trigger.minScore} or more has been recorded in the ${windowMinutes} minutes before this dose. Record a ${trigger.scale} score first.`
          : `No withdrawal score in the ${windowMinutes} minutes before this dose; it will not be linked to one.`}
      </p>
    );
  }
  const options = [
    ...candidates.map((s) => ({ value: String(s.id), label: scoreInWords(s, zone) })),
    ...(trigger ? [] : [{ value: 'none', label: 'Not linked to a score' }]),
  ];
  return (
    <RadioGroup
      label={label}
      value={value}
      onChange={onChange}
      options={options}
      error={error}
      required={trigger !== null}
      hint={trigger ? `Needs ${trigger.scale} ${trigger.minScore} or more, taken in the ${windowMinutes} minutes before the dose.` : `Scores taken in the ${windowMinutes} minutes before the dose.`}
    />
  );
}
