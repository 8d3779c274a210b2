import type { Medication as MedicationRow, Order } from '../../db/schema';
import { doseInEffect } from '../domain/doses';
import { formatInstant } from '../domain/display';
import type { Frequency } from '../domain/frequency';
import { isBackDated, isPastDischarge } from '../domain/orders';
import { shiftForHold, type TaperStep } from '../domain/taper';
import type { OrderDetail, StartOrderInput } from '../ipc/contract/orders';
import { appendAudit } from './audit';
import { inTransaction, type Actor, type ServiceContext, type Trx } from './context';
import { addTaperSteps, dropPlannedSteps, insertVersion, plannedAfter, plannedStepsOf, versionsOf } from './doseVersionWrites';
import { AppError, conflict, notFound, validation } from './errors';
import { cancelOpenReviews, scheduleByPolicy } from './followupScheduling';
import { getMedication } from './formulary';
import { asTimed, auditDoseOverride, doseRangeWarnings, overrideFor, parseSymptomTrigger, safetyWarnings, stepChecks, taperProblems, taperRateWarnings } from './orderChecks';
import { asDomainDose, orderDetail, statusNow } from './orderViews';
import { getSetting } from './settings';

export { checkSafety, safetyWarnings } from './orderChecks';

/**
 * Prescribing use cases. Orders change state (held, resumed, stopped) with before/after audit;
 * doses never change in place: each change, and each planned taper step, is a new dose version
 * (DESIGN.md, doseVersionWrites.ts). Every use case runs its checks first (orderChecks.ts) and
 * schedules or cancels the reviews its event calls for, in the same transaction.
 */

function requirePrescriber(actor: Actor): void {
  if (actor.role !== 'prescriber') throw new AppError('FORBIDDEN', 'Only prescribers start or change orders.');
}

async function loadOrder(trx: Trx, id: number): Promise<Order> {
  const o = await trx.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!o) throw notFound('That order');
  return o;
}

export async function startOrder(ctx: ServiceContext, actor: Actor, input: StartOrderInput): Promise<OrderDetail> {
  requirePrescriber(actor);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const orderId = await inTransaction(ctx, async (trx) => {
    const patient = await trx.selectFrom('patients').selectAll().where('id', '=', input.patientId).executeTakeFirst();
    if (!patient) throw notFound('That patient');
    const zone = await getSetting(trx, 'clinic.timeZone');
    if (isPastDischarge(patient.discharge_date, now, zone))
      throw conflict('This patient has been discharged; re-admit them before ordering.');
    const med = await getMedication(trx, input.medicationId);
    if (med.active !== 1) throw conflict(`${med.name} is withdrawn from the formulary.`);
    if (input.unit !== med.unit) {
      throw validation(`${med.name} is dosed in ${med.unit}; "${input.unit}" is not a unit for it.`, [
        { path: 'unit', message: `Use ${med.unit}.` },
      ]);
    }
    if (isBackDated(input.startAt, now)) {
      throw validation('An order cannot start in the past.', [{ path: 'startAt', message: 'Start now or later.' }]);
    }
    const steps = [...input.taperSteps].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    if (steps.length) {
      taperProblems(input.amount, steps, input.startAt > at ? input.startAt : at, med, zone, input.frequency);
      if (input.endAt && steps[steps.length - 1].effectiveFrom >= input.endAt) {
        throw validation('Every taper step must fall before the order ends.', [{ path: 'endAt', message: 'End after the last step.' }]);
      }
      if (input.prn)
        throw validation('A PRN order cannot carry a taper plan.', [{ path: 'taperSteps', message: 'Remove the taper or the PRN.' }]);
    }
    const trigger = parseSymptomTrigger(input.symptomTrigger);
    // A cap below one dose would refuse every dose of the order.
    if (input.prn?.maxAmount24h != null && input.prn.maxAmount24h < input.amount) {
      throw validation(`The maximum per 24 hours (${input.prn.maxAmount24h} ${med.unit}) is less than one dose (${input.amount} ${med.unit}); no dose could ever be given.`, [
        { path: 'prn.maxAmount24h', message: 'At least one dose.' },
      ]);
    }
    const prnMax = input.prn?.maxDoses24h ?? null;
    const doseWarnings = await doseRangeWarnings(trx, med, [
      { path: 'amount', label: '', dose: { amount: input.amount, frequency: input.frequency, prnMaxDoses24h: prnMax } },
      ...stepChecks(steps, input.frequency, prnMax).map((c) => ({ ...c, path: `taperSteps.${c.path.slice('steps.'.length)}` })),
    ]);
    // The starting dose is the reference for the plan's first steps.
    const rateWarnings = steps.length
      ? await taperRateWarnings(trx, med, input.indication, zone, [{ effectiveFrom: input.startAt, amount: input.amount, frequency: input.frequency }], steps.map((s) => ({ ...s, frequency: s.frequency ?? input.frequency })))
      : [];
    doseWarnings.push(...rateWarnings);
    const warnings = await safetyWarnings(trx, patient.id, med, now);
    const override = overrideFor(
      [...warnings.map((w) => ({ code: w.code, message: w.message })), ...doseWarnings],
      input.overrideReason,
      'ordering',
    );
    const order = await trx
      .insertInto('orders')
      .values({
        patient_id: patient.id,
        medication_id: med.id,
        prescriber_id: actor.id,
        indication: input.indication,
        route: input.route,
        administered_by: input.administeredBy,
        prn: input.prn ? 1 : 0,
        prn_indication: input.prn?.indication ?? null,
        prn_max_doses_24h: input.prn?.maxDoses24h ?? null,
        prn_min_interval_minutes: input.prn?.minIntervalMinutes ?? null,
        prn_max_amount_24h: input.prn?.maxAmount24h ?? null,
        symptom_trigger: input.symptomTrigger,
        symptom_trigger_scale: trigger?.scale ?? null,
        symptom_trigger_min_score: trigger?.minScore ?? null,
        start_at: input.startAt,
        end_at: input.endAt,
        status: 'active',
        safety_override_reason: override,
        created_at: at,
        created_by: actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, { at, actorId: actor.id, action: 'orders.start', entityType: 'order', entityId: order.id, after: order });
    if (warnings.length) {
      await appendAudit(trx, {
        at,
        actorId: actor.id,
        action: 'orders.safety_override',
        entityType: 'order',
        entityId: order.id,
        after: { warnings },
        reason: override,
      });
    }
    const initial = await insertVersion(trx, at, actor, order.id, {
      kind: 'initial',
      amount: input.amount,
      unit: input.unit,
      frequency: input.frequency,
      effectiveFrom: input.startAt,
      reason: 'Order started',
      previousVersionId: null,
    });
    await scheduleByPolicy(trx, { event: 'order_start', at, actorId: actor.id, order, medication: med, eventInstant: input.startAt });
    await scheduleByPolicy(trx, { event: 'routine', at, actorId: actor.id, order, medication: med, eventInstant: input.startAt });
    await auditDoseOverride(trx, at, actor, order.id, doseWarnings, override);
    if (steps.length) await addTaperSteps(trx, at, actor, order, med, initial, steps, 'Taper plan');
    return order.id;
  });
  return orderDetail(ctx.db, orderId, now);
}

interface OrderChange {
  trx: Trx;
  now: Date;
  at: string;
  order: Order;
  med: MedicationRow;
  zone: string;
}

/**
 * Every change to an existing order: only a prescriber, only from the statuses that allow it,
 * in one transaction with its audit entries and reviews; answers the order as it now reads.
 */
async function changeOrder(
  ctx: ServiceContext,
  actor: Actor,
  orderId: number,
  allowed: Order['status'][],
  change: (c: OrderChange) => Promise<void>,
): Promise<OrderDetail> {
  requirePrescriber(actor);
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    const order = await loadOrder(trx, orderId);
    const status = statusNow(order, now);
    if (!allowed.includes(status)) throw conflict(`This order is ${status}; that change is not possible.`);
    const med = await getMedication(trx, order.medication_id);
    const zone = await getSetting(trx, 'clinic.timeZone');
    await change({ trx, now, at: now.toISOString(), order, med, zone });
  });
  return orderDetail(ctx.db, orderId, now);
}

export async function changeDose(
  ctx: ServiceContext,
  actor: Actor,
  input: { orderId: number; amount: number; frequency: string; effectiveFrom: string; reason: string; overrideReason?: string | null },
): Promise<OrderDetail> {
  return changeOrder(ctx, actor, input.orderId, ['active', 'held'], async ({ trx, now, at, order, med, zone }) => {
    if (isBackDated(input.effectiveFrom, now)) {
      throw validation('A dose change cannot take effect in the past.', [{ path: 'effectiveFrom', message: 'Now or later.' }]);
    }
    if (order.end_at && input.effectiveFrom >= order.end_at)
      throw validation('The change would take effect after the order ends.', [
        { path: 'effectiveFrom', message: 'Before the order ends.' },
      ]);
    if ((order.prn === 1) !== (input.frequency === 'prn')) {
      const message =
        order.prn === 1
          ? 'This is an as-needed order; its frequency stays "as needed".'
          : 'A scheduled order cannot become as needed; stop it and start an as-needed order with its limits.';
      throw validation(message, [{ path: 'frequency', message }]);
    }
    const versions = await versionsOf(trx, order.id);
    const laterSteps = plannedAfter(versions, input.effectiveFrom);
    if (laterSteps.length) {
      throw conflict(
        `This order has ${laterSteps.length} planned taper step(s) after that time. Stop the taper or replace the plan first, so no step silently overrides this dose.`,
      );
    }
    const previous = doseInEffect(versions.map(asDomainDose), input.effectiveFrom)?.row ?? versions[versions.length - 1];
    if (previous && previous.amount === input.amount && previous.frequency === input.frequency) {
      throw validation('That is the dose already in effect; nothing to change.');
    }
    const warnings = await doseRangeWarnings(trx, med, [
      {
        path: 'amount',
        label: '',
        dose: { amount: input.amount, frequency: input.frequency as Frequency, prnMaxDoses24h: order.prn_max_doses_24h },
      },
    ]);
    // A dose change that cuts a benzodiazepine faster than the clinic allows is a taper step too.
    const onRecord = versions.filter((v) => v.voided_at === null && v.effective_from <= input.effectiveFrom).map(asTimed);
    warnings.push(...(await taperRateWarnings(trx, med, order.indication, zone, onRecord, [{ effectiveFrom: input.effectiveFrom, amount: input.amount, frequency: input.frequency }], () => 'The new dose')));
    const override = overrideFor(warnings, input.overrideReason, 'changing the dose');
    await auditDoseOverride(trx, at, actor, order.id, warnings, override);
    await insertVersion(trx, at, actor, order.id, {
      kind: 'change',
      amount: input.amount,
      unit: med.unit,
      frequency: input.frequency,
      effectiveFrom: input.effectiveFrom,
      reason: input.reason,
      previousVersionId: previous?.id ?? null,
    });
    await scheduleByPolicy(trx, { event: 'dose_change', at, actorId: actor.id, order, medication: med, eventInstant: input.effectiveFrom });
  });
}

export async function setTaper(
  ctx: ServiceContext,
  actor: Actor,
  input: { orderId: number; steps: TaperStep[]; reason: string; overrideReason?: string | null },
): Promise<OrderDetail> {
  return changeOrder(ctx, actor, input.orderId, ['active', 'held'], async ({ trx, at, order, med, zone }) => {
    if (order.prn === 1) throw validation('A PRN order cannot carry a taper plan.');
    const steps = [...input.steps].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    const versions = await versionsOf(trx, order.id);
    const planned = plannedAfter(versions, at);
    const kept = versions.filter((v) => !planned.includes(v));
    const base = doseInEffect(kept.map(asDomainDose), steps[0].effectiveFrom)?.row;
    if (!base) throw validation('The first step must come after the order starts.');
    taperProblems(base.amount, steps, at > order.start_at ? at : order.start_at, med, zone, base.frequency);
    if (order.end_at && steps[steps.length - 1].effectiveFrom >= order.end_at)
      throw validation('Every taper step must fall before the order ends.');
    const warnings = await doseRangeWarnings(trx, med, stepChecks(steps, base.frequency, order.prn_max_doses_24h));
    const history = kept.filter((v) => v.voided_at === null).map(asTimed);
    warnings.push(...(await taperRateWarnings(trx, med, order.indication, zone, history, steps.map((s) => ({ ...s, frequency: s.frequency ?? base.frequency })))));
    const override = overrideFor(warnings, input.overrideReason, 'replacing the taper');
    await auditDoseOverride(trx, at, actor, order.id, warnings, override);
    await dropPlannedSteps(trx, at, actor, order.id, planned, `Taper plan replaced: ${input.reason}`);
    await addTaperSteps(trx, at, actor, order, med, base, steps, input.reason);
  });
}

export async function stopTaper(ctx: ServiceContext, actor: Actor, input: { orderId: number; reason: string }): Promise<OrderDetail> {
  return changeOrder(ctx, actor, input.orderId, ['active', 'held'], async ({ trx, at, order }) => {
    const dropped = await plannedStepsOf(trx, order.id, at);
    if (dropped.length === 0) throw conflict('This order has no planned taper steps to stop.');
    await dropPlannedSteps(trx, at, actor, order.id, dropped, `Taper stopped: ${input.reason}`);
    await appendAudit(trx, {
      at,
      actorId: actor.id,
      action: 'orders.stop_taper',
      entityType: 'order',
      entityId: order.id,
      after: { stepsCancelled: dropped.length },
      reason: input.reason,
    });
  });
}

async function setStatus(
  trx: Trx,
  at: string,
  actor: Actor,
  before: Order,
  status: Order['status'],
  reason: string,
  extra: Partial<Order> = {},
) {
  const after = await trx
    .updateTable('orders')
    .set({ status, status_reason: reason, status_changed_at: at, status_changed_by: actor.id, ...extra })
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(trx, {
    at,
    actorId: actor.id,
    action: `orders.${status === 'active' ? 'resume' : status === 'held' ? 'hold' : 'discontinue'}`,
    entityType: 'order',
    entityId: before.id,
    before,
    after,
    reason,
  });
  return after;
}

/** Closes the order's open hold period, if any (the status change itself is audited by setStatus). */
async function endHold(trx: Trx, at: string, actor: Actor, orderId: number): Promise<void> {
  await trx.updateTable('order_holds').set({ held_to: at, ended_by: actor.id }).where('order_id', '=', orderId).where('held_to', 'is', null).execute();
}

export async function holdOrder(ctx: ServiceContext, actor: Actor, input: { orderId: number; reason: string }): Promise<OrderDetail> {
  return changeOrder(ctx, actor, input.orderId, ['active'], async ({ trx, at, order }) => {
    await setStatus(trx, at, actor, order, 'held', input.reason, { held_since: at });
    // The hold period itself, so the MAR knows later which doses were not due.
    await trx.insertInto('order_holds').values({ order_id: order.id, held_from: at, reason: input.reason, held_by: actor.id, created_at: at }).execute();
  });
}

export async function resumeOrder(ctx: ServiceContext, actor: Actor, input: { orderId: number; reason: string }): Promise<OrderDetail> {
  return changeOrder(ctx, actor, input.orderId, ['held'], async ({ trx, at, order, med, zone }) => {
    const heldAt = order.held_since ?? order.status_changed_at ?? at;
    const resumed = await setStatus(trx, at, actor, order, 'active', input.reason, { held_since: null });
    await endHold(trx, at, actor, order.id);
    // Remaining taper steps move by the hold's length, so the patient is not stepped down
    // for days they did not take the drug (domain/taper.ts shiftForHold).
    const versions = await versionsOf(trx, order.id);
    const planned = plannedAfter(versions, heldAt);
    const shifted = shiftForHold(
      planned.map((p) => ({ effectiveFrom: p.effective_from, amount: p.amount, frequency: p.frequency as Frequency })),
      heldAt,
      at,
      zone,
    );
    if (planned.length && shifted.some((s, i) => s.effectiveFrom !== planned[i].effective_from)) {
      const reason = `Taper shifted after a hold from ${formatInstant(heldAt, zone)} to ${formatInstant(at, zone)}`;
      await dropPlannedSteps(trx, at, actor, order.id, planned, reason);
      const base = doseInEffect(versions.filter((v) => !planned.includes(v)).map(asDomainDose), at)?.row ?? versions[0];
      await addTaperSteps(trx, at, actor, resumed, med, base, shifted, reason);
    }
    await scheduleByPolicy(trx, { event: 'resume', at, actorId: actor.id, order: resumed, medication: med, eventInstant: at });
  });
}

export async function discontinueOrder(
  ctx: ServiceContext,
  actor: Actor,
  input: { orderId: number; reason: string },
): Promise<OrderDetail> {
  return changeOrder(ctx, actor, input.orderId, ['active', 'held'], async ({ trx, at, order }) => {
    await dropPlannedSteps(trx, at, actor, order.id, await plannedStepsOf(trx, order.id, at), `Order discontinued: ${input.reason}`);
    await setStatus(trx, at, actor, order, 'discontinued', input.reason, { held_since: null });
    await endHold(trx, at, actor, order.id);
    await cancelOpenReviews(trx, at, actor.id, order.id, `Order discontinued: ${input.reason}`);
  });
}
