import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { FormActions } from '../../components/FormActions';
import { FormError, LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import { useClinic } from '../../context';
import { useAction, useApiQuery } from '../../hooks';
import { timeZoneOptions } from '../../timeZones';
import { DoseTimesFields, doseTimesText, doseTimesValue, type DoseTimesText } from './DoseTimesFields';

/** The settings this screen edits, by their keys in main's settings service. */
interface ClinicSettings {
  'clinic.name': string;
  'clinic.timeZone': string;
  'session.idleMinutes': string;
  'prescribing.allowAboveMaximum': boolean;
  'prescribing.taperMaxPercent': string;
  'prescribing.taperPerDays': string;
  'prescribing.alcoholTaperMaxPercent': string;
  'prescribing.alcoholTaperPerDays': string;
}

/** Settings typed as numbers: sent as numbers (an empty or non-number box reaches main as NaN, which main refuses in words). */
const NUMBER_KEYS = new Set<keyof ClinicSettings>(['session.idleMinutes', 'prescribing.taperMaxPercent', 'prescribing.taperPerDays']);
/** Numbers that may be left empty: empty is "not set" (null), which main reads as its own meaning. */
const OPTIONAL_NUMBER_KEYS = new Set<keyof ClinicSettings>(['prescribing.alcoholTaperMaxPercent', 'prescribing.alcoholTaperPerDays']);

function pick(values: Record<string, unknown>): ClinicSettings {
  return {
    'clinic.name': String(values['clinic.name'] ?? ''),
    'clinic.timeZone': String(values['clinic.timeZone'] ?? ''),
    'session.idleMinutes': String(values['session.idleMinutes'] ?? ''),
    'prescribing.allowAboveMaximum': values['prescribing.allowAboveMaximum'] === true,
    'prescribing.taperMaxPercent': String(values['prescribing.taperMaxPercent'] ?? ''),
    'prescribing.taperPerDays': String(values['prescribing.taperPerDays'] ?? ''),
    'prescribing.alcoholTaperMaxPercent': String(values['prescribing.alcoholTaperMaxPercent'] ?? ''),
    'prescribing.alcoholTaperPerDays': String(values['prescribing.alcoholTaperPerDays'] ?? ''),
  };
}

const toValue = (key: keyof ClinicSettings, v: string | boolean): unknown => {
  if (OPTIONAL_NUMBER_KEYS.has(key) && typeof v === 'string') return v.trim() === '' ? null : Number(v);
  if (!NUMBER_KEYS.has(key) || typeof v !== 'string') return v;
  return v.trim() === '' ? Number.NaN : Number(v);
};

export function SettingsPage() {
  const settings = useApiQuery('settings.get', {});
  return (
    <>
      <PageHeading>Settings</PageHeading>
      <LoadError error={settings.error} onRetry={settings.reload} />
      <UnreadableNotice names={settings.data?.unreadable} />
      {settings.data ? <SettingsForm initial={pick(settings.data)} initialTimes={doseTimesText(settings.data['doses.times'])} /> : settings.loading ? <p role="status">Loading…</p> : null}
    </>
  );
}

/** Stored values the app could not read: shown with their defaults until set again here. */
function UnreadableNotice({ names }: { names: unknown }) {
  if (!Array.isArray(names) || names.length === 0) return null;
  return (
    <p role="alert">
      These settings could not be read and show their defaults until you save them again: {names.join(', ')}. Until then, screens that need
      them say so instead of guessing.
    </p>
  );
}

function SettingsForm({ initial, initialTimes }: { initial: ClinicSettings; initialTimes: DoseTimesText }) {
  const [saved, setSaved] = useState(initial);
  const [form, setForm] = useState(initial);
  const [savedTimes, setSavedTimes] = useState(initialTimes);
  const [times, setTimes] = useState(initialTimes);
  const [notice, setNotice] = useState<string | null>(null);
  const submit = useAction();
  const clinic = useClinic();
  const set = (key: keyof ClinicSettings) => (v: string | boolean) => setForm((f) => ({ ...f, [key]: v }));
  const err = (key: keyof ClinicSettings) => submit.error?.field(key);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    // Only what changed: each saved key is a separate audit entry.
    const values: Record<string, unknown> = {};
    for (const key of Object.keys(form) as (keyof ClinicSettings)[]) {
      if (form[key] === saved[key]) continue;
      values[key] = toValue(key, form[key]);
    }
    // Dose times go as one setting (one audit entry) when any box changed.
    if (Object.keys(times).some((f) => times[f] !== savedTimes[f])) values['doses.times'] = doseTimesValue(times);
    if (Object.keys(values).length === 0) {
      setNotice('Nothing changed.');
      return;
    }
    const result = await submit.run(() => call('settings.update', { values }));
    if (result) {
      const next = pick(result);
      setSaved(next);
      setForm(next);
      const nextTimes = doseTimesText(result['doses.times']);
      setSavedTimes(nextTimes);
      setTimes(nextTimes);
      setNotice('Settings saved.');
      await clinic.refresh();
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate className="form">
      <FormError error={submit.error} />
      <TextField label="Clinic name" value={form['clinic.name']} onChange={set('clinic.name')} error={err('clinic.name')} required size="wide" />
      <SelectField
        label="Time zone"
        value={form['clinic.timeZone']}
        onChange={set('clinic.timeZone')}
        options={timeZoneOptions(form['clinic.timeZone'])}
        error={err('clinic.timeZone')}
        hint="Review due dates and every time on screen follow this zone."
        required
      />
      <TextField
        label="Lock the session after this many idle minutes"
        type="number"
        min={1}
        max={240}
        value={form['session.idleMinutes']}
        onChange={set('session.idleMinutes')}
        error={err('session.idleMinutes')}
        required
        size="short"
        hint="Between 1 and 240. Shorter is safer on shared workstations."
      />
      <fieldset>
        <legend>Prescribing</legend>
        <CheckboxField
          label="Allow a dose above a medication's maximum, with an override reason"
          checked={form['prescribing.allowAboveMaximum']}
          onChange={set('prescribing.allowAboveMaximum')}
        />
        <p className="hint">Off: a dose above the maximum single or daily dose is refused. On: the prescriber may go ahead with a reason of real length, kept in the audit log.</p>
        <div className="field-row">
          <TextField
            label="Largest benzodiazepine or barbiturate taper reduction (% of the daily dose)"
            type="number"
            min={1}
            max={100}
            value={form['prescribing.taperMaxPercent']}
            onChange={set('prescribing.taperMaxPercent')}
            error={err('prescribing.taperMaxPercent')}
            required
            size="short"
          />
          <TextField
            label="Over how many days (benzodiazepine or barbiturate)"
            type="number"
            min={1}
            max={90}
            value={form['prescribing.taperPerDays']}
            onChange={set('prescribing.taperPerDays')}
            error={err('prescribing.taperPerDays')}
            required
            size="short"
          />
        </div>
        <p className="hint">
          A taper or dose change that lowers the daily total faster than this needs the prescriber to confirm it with a reason. Default 25 % every 14 days (ASAM/VA benzodiazepine tapering guidance).
        </p>
        <div className="field-row">
          <TextField
            label="Largest alcohol-withdrawal taper reduction (% of the daily dose)"
            type="number"
            min={1}
            max={100}
            value={form['prescribing.alcoholTaperMaxPercent']}
            onChange={set('prescribing.alcoholTaperMaxPercent')}
            error={err('prescribing.alcoholTaperMaxPercent')}
            size="short"
          />
          <TextField
            label="Over how many days (alcohol withdrawal)"
            type="number"
            min={1}
            max={90}
            value={form['prescribing.alcoholTaperPerDays']}
            onChange={set('prescribing.alcoholTaperPerDays')}
            error={err('prescribing.alcoholTaperPerDays')}
            size="short"
          />
        </div>
        <p className="hint">
          The medical director&apos;s decision for alcohol-withdrawal management: an order of a withdrawal-management drug whose indication says
          alcohol withdrawal (for example chlordiazepoxide over a few days) is held to this limit instead. Empty (the default): the
          benzodiazepine limit above applies to them too.
        </p>
      </fieldset>
      <DoseTimesFields value={times} onChange={setTimes} errorAt={(path) => submit.error?.field(path)} />
      <FormActions submitLabel="Save settings" pending={submit.pending} />
      <p role="status" className="saved">
        {notice}
      </p>
    </form>
  );
}
