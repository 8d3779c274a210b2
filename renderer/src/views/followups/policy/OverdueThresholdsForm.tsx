import { useState, type FormEvent } from 'react';
import { OverdueSettingsSchema } from '../../../../../main/domain/overdue';
import { ApiError, call } from '../../../api';
import { FormActions } from '../../../components/FormActions';
import { FormError } from '../../../components/FormError';
import { TextField } from '../../../components/fields';
import { useAction } from '../../../hooks';
import { issueInWords } from './issueWords';

interface Thresholds {
  graceHours: string;
  criticalAfterDays: string;
  dueSoonDays: string;
}

export function thresholdsFrom(value: unknown): Thresholds {
  const v = (value ?? {}) as Record<string, unknown>;
  return { graceHours: String(v.graceHours ?? ''), criticalAfterDays: String(v.criticalAfterDays ?? ''), dueSoonDays: String(v.dueSoonDays ?? '') };
}

const LABELS: Record<keyof Thresholds, string> = {
  graceHours: 'Grace period (hours)',
  criticalAfterDays: 'Critically overdue after (days)',
  dueSoonDays: 'Due soon within (days)',
};

// Sent as typed when not a number, so main's message names the problem.
const asNumber = (s: string): number | string => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s);

/** 'reviews.overdue': when a review turns overdue, then critical, and how far ahead "due soon" looks. */
export function OverdueThresholdsForm({ initial }: { initial: Thresholds }) {
  const [form, setForm] = useState(initial);
  const [notice, setNotice] = useState<string | null>(null);
  const submit = useAction();
  const set = (key: keyof Thresholds) => (v: string) => setForm((f) => ({ ...f, [key]: v }));
  const err = (key: keyof Thresholds) => submit.error?.field(key);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const value = { graceHours: asNumber(form.graceHours), criticalAfterDays: asNumber(form.criticalAfterDays), dueSoonDays: asNumber(form.dueSoonDays) };
    const saved = await submit.run(() => {
      // main's refusal names only the setting; checking with its schema first places the message on the field.
      const checked = OverdueSettingsSchema.safeParse(value);
      if (!checked.success) {
        const fields = checked.error.issues.map((i) => {
          const key = String(i.path[0]) as keyof Thresholds;
          return { path: key, message: issueInWords(LABELS[key] ?? key, i) };
        });
        throw new ApiError({ code: 'VALIDATION', message: 'Check the thresholds.', fields });
      }
      return call('settings.update', { values: { 'reviews.overdue': value } });
    });
    if (saved) {
      setForm(thresholdsFrom(saved['reviews.overdue']));
      setNotice('Overdue thresholds saved. Every list and the audit use them from now on.');
    }
  };

  return (
    <section className="panel thresholds" aria-labelledby="thresholds-heading">
      <h2 id="thresholds-heading">When a review is late</h2>
      <form onSubmit={onSubmit} noValidate className="form">
        <FormError error={submit.error} />
        <div className="field-row">
          <TextField
            label={LABELS.graceHours}
            type="number"
            min={0}
            max={168}
            size="short"
            value={form.graceHours}
            onChange={set('graceHours')}
            error={err('graceHours')}
            hint="After the due date ends. 0: overdue the moment the due date is over."
            required
          />
          <TextField label={LABELS.criticalAfterDays} type="number" min={1} max={365} size="short" value={form.criticalAfterDays} onChange={set('criticalAfterDays')} error={err('criticalAfterDays')} hint="Days past overdue." required />
          <TextField label={LABELS.dueSoonDays} type="number" min={0} max={60} size="short" value={form.dueSoonDays} onChange={set('dueSoonDays')} error={err('dueSoonDays')} hint="Shown as due soon this many days ahead." required />
        </div>
        <FormActions submitLabel="Save thresholds" pending={submit.pending} />
        <p role="status" className="saved">
          {notice}
        </p>
      </form>
    </section>
  );
}
