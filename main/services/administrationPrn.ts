import type { Medication, Order, Patient } from '../../db/schema';
import { doseInEffect } from '../domain/doses';
import { marAlertFor } from '../domain/marAlerts';
import { checkPrnEligibility, prnCapReachedBy, scoreBackingProblem, type PrnScale } from '../domain/prn';
import { prnCapsReachedByScheduledDose } from '../domain/prnCapByScheduled';
import type { Actor, ServiceContext, Trx } from './context';
import { inTransaction } from './context';
import { AppError, validation } from './errors';
import { scheduleMarAlert } from './followupScheduling';
import { asScheduleDose, givenBetween, sameIngredient, withDetails } from './marData';
import { symptomTriggerOf } from './orderViews';
import { getSetting, type SettingValue } from './settings';

/**
 * A PRN dose's checks (issue 7 item 3): both 24-hour caps across the ingredient, the interval,
 * the symptom trigger and the score the dose answers; and the MAR alert when a PRN cap is
 * reached (item 6), by a dose refused at it or one given up to it. The rules are
 * domain/prn.ts's and domain/marAlerts.ts's; this file gathers their inputs.
 */

const DAY_MS = 86_400_000;

/** A refusal at a PRN cap: nothing is recorded, but the prescriber gets a review due today. */
export class PrnCapRefusal extends Error {
  constructor(
    readonly refusal: AppError,
    readonly order: Order,
    readonly detail: string,
  ) {
    super(refusal.message);
  }
}

export interface PrnDose {
  order: Order;
  med: Medication;
  patient: Patient;
  administeredAt: string;
  amount: number;
  unit: string;
  zone: string;
  symptomWindowMinutes: number;
  requestedScoreId: number | null;
}

const plainUnit = (unit: string) => unit.replace(/[{}]/g, '');

/** The ingredient's other orders of this patient (scheduled and PRN alike), this one included. */
async function ingredientOrderIds(trx: Trx, med: Medication, patientId: number): Promise<number[]> {
  const patientOrders = await trx.selectFrom('orders').selectAll().where('patient_id', '=', patientId).execute();
  const meds = await trx
    .selectFrom('medications')
    .selectAll()
    .where('id', 'in', [...new Set(patientOrders.map((o) => o.medication_id))])
    .execute();
  const medById = new Map(meds.map((m) => [m.id, m]));
  return sameIngredient(
    med,
    patientOrders.map((o) => ({ order: o, med: medById.get(o.medication_id)! })),
  );
}

interface ScoreRow {
  id: number;
  patient_id: number;
  scale: PrnScale;
  total: number;
  scored_at: string;
  entered_in_error_at: string | null;
}

async function scoreRow(trx: Trx, scoreId: number): Promise<ScoreRow | undefined> {
  return trx
    .selectFrom('withdrawal_scores')
    .select(['id', 'patient_id', 'scale', 'total', 'scored_at', 'entered_in_error_at'])
    .where('id', '=', scoreId)
    .executeTakeFirst();
}

/**
 * The score a dose says it answers: the patient's own, not struck through, and (domain rule)
 * recorded in the window before the dose, on the trigger's scale at its score when there is one.
 */
export async function backingScore(
  trx: Trx,
  a: { scoreId: number; patientId: number; administeredAt: string; zone: string; symptomWindowMinutes: number; trigger: { scale: PrnScale; minScore: number } | null },
): Promise<number> {
  const s = await scoreRow(trx, a.scoreId);
  if (!s || s.patient_id !== a.patientId)
    throw validation('That score is not one of this patient\u2019s.', [{ path: 'scoreId', message: 'Choose a score of this patient.' }]);
  if (s.entered_in_error_at !== null)
    throw validation('That score was marked entered-in-error; record a new one.', [{ path: 'scoreId', message: 'Record a new score.' }]);
  const problem = scoreBackingProblem(
    { scale: s.scale, total: s.total, at: s.scored_at },
    { at: a.administeredAt, zone: a.zone, windowMinutes: a.symptomWindowMinutes, trigger: a.trigger },
  );
  if (problem) throw validation(problem, [{ path: 'scoreId', message: 'Choose a qualifying score, or record a new one.' }]);
  return s.id;
}

/** Checks a PRN dose; answers the score it was given on (symptom-triggered, or chosen), or null. */
export async function checkPrn(trx: Trx, a: PrnDose): Promise<number | null> {
  const atMs = Date.parse(a.administeredAt);
  const dayBefore = new Date(atMs - DAY_MS).toISOString();
  const dayAfter = new Date(atMs + DAY_MS).toISOString();
  const ingredientOrders = await ingredientOrderIds(trx, a.med, a.patient.id);
  // The interval looks both ways (late charting), the caps look back 24 hours.
  const own = await givenBetween(trx, [a.order.id], dayBefore, dayAfter);
  const ingredient = await givenBetween(trx, ingredientOrders, dayBefore, a.administeredAt);
  const trigger = symptomTriggerOf(a.order);
  const windowMin = a.symptomWindowMinutes;
  const scores = trigger
    ? await trx
        .selectFrom('withdrawal_scores')
        .select(['id', 'scale', 'total', 'scored_at'])
        .where('patient_id', '=', a.patient.id)
        .where('entered_in_error_at', 'is', null)
        .where('scored_at', '>=', new Date(atMs - windowMin * 60_000).toISOString())
        .where('scored_at', '<=', a.administeredAt)
        .orderBy('scored_at', 'desc')
        .execute()
    : [];
  const refusal = checkPrnEligibility({
    at: a.administeredAt,
    zone: a.zone,
    order: {
      maxDoses24h: a.order.prn_max_doses_24h,
      maxAmount24h: a.order.prn_max_amount_24h,
      minIntervalMinutes: a.order.prn_min_interval_minutes,
      symptomTrigger: trigger,
    },
    amount: a.amount,
    unit: plainUnit(a.unit),
    priorDosesThisOrder: own.map((d) => d.administered_at),
    ingredientDoses: ingredient.map((d) => ({ at: d.administered_at, amount: d.amount ?? 0 })),
    scores: scores.map((s) => ({ scale: s.scale, total: s.total, at: s.scored_at })),
    symptomWindowMinutes: windowMin,
  });
  if (refusal) {
    const error = new AppError('CONFLICT', refusal.message);
    if (refusal.code === 'prn_max' || refusal.code === 'prn_amount') {
      const detail =
        refusal.code === 'prn_max'
          ? `${a.order.prn_max_doses_24h} doses in 24 hours`
          : `${refusal.totalSoFar ?? 0} of ${a.order.prn_max_amount_24h} ${plainUnit(a.unit)} in 24 hours`;
      throw new PrnCapRefusal(error, a.order, detail);
    }
    throw error;
  }
  if (a.requestedScoreId !== null) {
    return backingScore(trx, {
      scoreId: a.requestedScoreId,
      patientId: a.patient.id,
      administeredAt: a.administeredAt,
      zone: a.zone,
      symptomWindowMinutes: windowMin,
      trigger,
    });
  }
  if (!trigger) return null;
  // No score chosen (older callers, the demo): the latest that qualifies.
  return scores.find((s) => s.scale === trigger.scale && s.total >= trigger.minScore)?.id ?? null;
}

/**
 * After a PRN dose is recorded as given (same transaction): a review due today when it brought
 * the order to a 24-hour cap (domain/prn.ts prnCapReachedBy). Null when no cap is reached or
 * the alert is off; the review machinery keeps one open per order.
 */
export async function capReachedAlert(
  trx: Trx,
  actor: Actor,
  a: { order: Order; med: Medication; administeredAt: string; recordedAt: string; amount: number; unit: string; zone: string; thresholds: SettingValue<'mar.alerts'> },
): Promise<{ followupId: number; orderId: number; dueDate: string; reason: string } | null> {
  if (a.order.prn_max_doses_24h === null && a.order.prn_max_amount_24h === null) return null;
  const atMs = Date.parse(a.administeredAt);
  const dayBefore = new Date(atMs - DAY_MS).toISOString();
  const own = await givenBetween(trx, [a.order.id], dayBefore, a.administeredAt);
  const ingredient = await givenBetween(trx, await ingredientOrderIds(trx, a.med, a.order.patient_id), dayBefore, a.administeredAt);
  const reached = prnCapReachedBy({
    at: a.administeredAt,
    zone: a.zone,
    order: { maxDoses24h: a.order.prn_max_doses_24h, maxAmount24h: a.order.prn_max_amount_24h },
    amount: a.amount,
    unit: plainUnit(a.unit),
    dosesThisOrder: own.map((d) => d.administered_at),
    ingredientDoses: ingredient.map((d) => ({ at: d.administered_at, amount: d.amount ?? 0 })),
  });
  if (!reached) return null;
  const alert = marAlertFor({ kind: 'prn_cap_reached', given: true, detail: reached.detail }, a.thresholds);
  if (!alert) return null;
  const f = await scheduleMarAlert(trx, {
    at: a.recordedAt,
    actorId: actor.id,
    patientId: a.order.patient_id,
    orderId: a.order.id,
    prescriberId: a.order.prescriber_id,
    reason: alert.reason,
  });
  return f ? { followupId: f.id, orderId: a.order.id, dueDate: f.due_date, reason: alert.reason } : null;
}

/**
 * After a scheduled dose is recorded as given (same transaction): a review due today on each
 * PRN order of the same ingredient whose 24-hour amount this dose used up
 * (domain/prnCapByScheduled.ts decides). Only PRN orders active at the dose's time count: a held
 * or stopped one cannot be given anyway. Answers the first review scheduled (the channel
 * returns one alert), or null.
 */
export async function scheduledCapAlert(
  trx: Trx,
  actor: Actor,
  a: { order: Order; med: Medication; administrationId: number; administeredAt: string; recordedAt: string; amount: number; unit: string; zone: string; thresholds: SettingValue<'mar.alerts'> },
): Promise<{ followupId: number; orderId: number; dueDate: string; reason: string } | null> {
  const ingredientIds = await ingredientOrderIds(trx, a.med, a.order.patient_id);
  const capped = await trx
    .selectFrom('orders')
    .selectAll()
    .where('id', 'in', ingredientIds.length > 0 ? ingredientIds : [-1])
    .where('prn', '=', 1)
    .where('status', '=', 'active')
    .where('prn_max_amount_24h', 'is not', null)
    .where('start_at', '<=', a.administeredAt)
    .where((eb) => eb.or([eb('end_at', 'is', null), eb('end_at', '>', a.administeredAt)]))
    .orderBy('id')
    .execute();
  if (capped.length === 0) return null;
  const prnOrders = (await withDetails(trx, capped)).flatMap(({ order, versions }) => {
    const v = doseInEffect(versions.map(asScheduleDose), a.administeredAt);
    return v ? [{ order, capped: { orderId: order.id, maxAmount24h: order.prn_max_amount_24h as number, amount: v.amount } }] : [];
  });
  const dayBefore = new Date(Date.parse(a.administeredAt) - DAY_MS).toISOString();
  const others = (await givenBetween(trx, ingredientIds, dayBefore, a.administeredAt)).filter((d) => d.id !== a.administrationId);
  const reached = prnCapsReachedByScheduledDose({
    at: a.administeredAt,
    zone: a.zone,
    unit: plainUnit(a.unit),
    amount: a.amount,
    prnOrders: prnOrders.map((p) => p.capped),
    otherDoses: others.map((d) => ({ at: d.administered_at, amount: d.amount ?? 0 })),
  });
  let first: Awaited<ReturnType<typeof scheduledCapAlert>> = null;
  for (const r of reached) {
    const prnOrder = prnOrders.find((p) => p.order.id === r.orderId)!.order;
    const alert = marAlertFor({ kind: 'prn_cap_reached', scheduled: true, detail: r.detail }, a.thresholds);
    if (!alert) continue;
    const f = await scheduleMarAlert(trx, {
      at: a.recordedAt,
      actorId: actor.id,
      patientId: prnOrder.patient_id,
      orderId: prnOrder.id,
      prescriberId: prnOrder.prescriber_id,
      reason: alert.reason,
    });
    if (f && first === null) first = { followupId: f.id, orderId: prnOrder.id, dueDate: f.due_date, reason: alert.reason };
  }
  return first;
}

/** The cap refusal's review, in its own transaction (the dose itself is not recorded). */
export async function alertOnCapRefusal(ctx: ServiceContext, actor: Actor, err: PrnCapRefusal): Promise<AppError> {
  const thresholds = await getSetting(ctx.db, 'mar.alerts');
  const alert = marAlertFor({ kind: 'prn_cap_reached', detail: err.detail }, thresholds);
  if (!alert) return err.refusal;
  const row = await inTransaction(ctx, (trx) =>
    scheduleMarAlert(trx, {
      at: ctx.clock.now().toISOString(),
      actorId: actor.id,
      patientId: err.order.patient_id,
      orderId: err.order.id,
      prescriberId: err.order.prescriber_id,
      reason: alert.reason,
    }),
  );
  const note = row ? ' The prescriber has a review due today.' : ' The prescriber already has a review open for this order.';
  return new AppError(err.refusal.code, err.refusal.message + note);
}
