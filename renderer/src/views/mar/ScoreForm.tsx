import { useState, type FormEvent } from 'react';
import { SCALE_ITEMS } from '../../../../main/domain/scoreItems';
import type { WithdrawalScale } from '../../../../main/domain/scores';
import type { ApiError } from '../../api';
import { DateTimeInput as DateTimeField } from '../../components/DateInput';
import { FormActions } from '../../components/FormActions';
import { DialogError } from './DialogError';
import { ScoreItems, ScoreTotal, type ItemValues } from './ScoreItems';

/**
 * A CIWA-Ar or COWS entered item by item, the total and band shown as the items are scored.
 * main totals, bands and stores it; the form only helps the nurse see the result first.
 */
export function ScoreForm({ scale, takenAt, onTakenAt, onSubmit, onCancel, pending, error }: { scale: WithdrawalScale; takenAt: string; onTakenAt(v: string): void; onSubmit(items: Record<string, number>): void; onCancel(): void; pending: boolean; error: ApiError | null }) {
  const items = SCALE_ITEMS[scale];
  const [values, setValues] = useState<ItemValues>({});
  const itemErrors: Record<string, string> = {};
  for (const [path, message] of Object.entries(error?.fields ?? {})) {
    const key = path.replace(/^items\./, '');
    if (items.some((i) => i.key === key)) itemErrors[key] = message;
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const chosen: Record<string, number> = {};
    for (const [k, v] of Object.entries(values)) if (v !== undefined) chosen[k] = v;
    onSubmit(chosen);
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={`${scale} score`}>
      <ScoreItems scale={scale} items={items} values={values} onChange={(key, v) => setValues((old) => ({ ...old, [key]: v }))} errors={itemErrors} />
      <ScoreTotal scale={scale} items={items} values={values} />
      <DateTimeField label="Time taken" value={takenAt} onChange={onTakenAt} error={error?.field('scoredAt')} required />
      <DialogError error={error} />
      <FormActions submitLabel={pending ? 'Saving…' : 'Save score'} pending={pending} onCancel={onCancel} />
    </form>
  );
}
