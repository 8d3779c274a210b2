import { useState, type FormEvent } from 'react';
import { doseInEffect } from '../../../../../main/domain/doses';
import type { OrderDetail } from '../../../../../main/ipc/contract/orders';
import { call } from '../../../api';
import { FormActions } from '../../../components/FormActions';
import { FormError } from '../../../components/FormError';
import { TextField } from '../../../components/fields';
import { useAction } from '../../../hooks';
import { checkTaper, toTaperSteps, type StepDraft } from '../taper/draft';
import { TaperBuilder } from '../taper/TaperBuilder';
import { amountWithUnit } from '../labels';
import { instantToLocal, localDateOf } from '../time';
import { OverridePrompt, useOverridePrompt, withoutWarnings } from './OverridePrompt';

/**
 * A new plan for the order's future steps, built with the same generator and editor as at
 * order start. Main voids the old planned steps (they stay in the history, struck through).
 */
export function ReplaceTaperForm({
  order,
  zone,
  onDone,
  onCancel,
}: {
  order: OrderDetail;
  zone: string;
  onDone(order: OrderDetail, message: string): void;
  onCancel(): void;
}) {
  const [steps, setSteps] = useState<StepDraft[]>([]);
  const [reason, setReason] = useState('');
  const [blocked, setBlocked] = useState<string | null>(null);
  const submit = useAction();
  // Dose-range and taper-speed warnings from main: shown, then the next save sends the override reason.
  const override = useOverridePrompt();

  const nowIso = new Date().toISOString();
  // What the plan replaces: main keeps every version except steps still to come.
  const kept = order.versions.filter((v) => !v.voidedAt && !(v.kind === 'taper_step' && v.effectiveFrom > nowIso));
  const planned = toTaperSteps(steps, zone);
  const firstAt = planned[0] && !Number.isNaN(Date.parse(planned[0].effectiveFrom)) ? planned[0].effectiveFrom : nowIso;
  const base = doseInEffect(kept, firstAt) ?? order.doseNow;
  const baseAmount = base?.amount ?? Number.NaN;
  // New steps default to the clock time the current dose started at (the clinic's dosing
  // time), counted from today, rather than to whatever minute the form was opened.
  const baseLocal = base
    ? `${localDateOf(nowIso, zone)}T${instantToLocal(base.effectiveFrom, zone).slice(11)}`
    : instantToLocal(nowIso, zone);
  const check = checkTaper(baseAmount, steps, {
    now: order.startAt > nowIso ? order.startAt : nowIso,
    strengths: order.medication.strengths,
    unit: order.medication.unit,
    zone,
    frequency: base?.frequency ?? 'daily',
  });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBlocked(null);
    if (steps.length === 0) return setBlocked('Add at least one step, or cancel.');
    if (check.problems.length || check.general) return setBlocked('Fix the taper steps listed above first.');
    const sorted = [...planned].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    const updated = await submit.run(() =>
      call('orders.setTaper', { orderId: order.id, steps: sorted, reason, ...override.args }).catch(override.keep),
    );
    if (updated) onDone(updated, 'Taper plan saved.');
  };

  return (
    <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="order-action-heading">
      <h3 id="order-action-heading">{order.plannedSteps ? 'Replace taper plan' : 'Plan a taper'}</h3>
      <FormError error={withoutWarnings(submit.error)} />
      <p className="hint">
        Steps reduce from {base ? `${amountWithUnit(base.amount, base.unit)} per dose (${base.frequencyWords})` : 'the current dose'}.
      </p>
      <TaperBuilder
        medication={order.medication}
        zone={zone}
        baseAmount={baseAmount}
        baseLocal={baseLocal}
        baseLabel="usual dose time today"
        history={kept}
        frequency={base?.frequency ?? 'daily'}
        endAt={order.endAt}
        steps={steps}
        onStepsChange={setSteps}
        check={check}
      />
      <TextField
        label="Reason"
        value={reason}
        onChange={setReason}
        error={submit.error?.field('reason')}
        required
        size="wide"
        hint="Kept with the plan and in the audit log."
      />
      {blocked ? (
        <p role="alert" className="form-error">
          {blocked}
        </p>
      ) : null}
      <OverridePrompt prompt={override} error={submit.error} onCancel={onCancel} cancelLabel="Cancel the taper plan" />
      <FormActions submitLabel="Save taper plan" pending={submit.pending} onCancel={onCancel} />
    </form>
  );
}
