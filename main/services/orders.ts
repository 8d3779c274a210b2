import type { DoseVersion as DoseRow, Medication as MedicationRow, Order } from '../../db/schema';
import { doseInEffect } from '../domain/doses';
import { formatInstant } from '../domain/display';
import { assessDose, overrideReasonProblem, type DoseToCheck } from '../domain/doseRange';
import type { Frequency } from '../domain/frequency';
import { isBackDated, isPastDischarge, plannedTaperSteps } from '../domain/orders';
import { checkOrderSafety, type SafetyWarning } from '../domain/safety';
import { shiftForHold, validateTaperSteps, type TaperStep } from '../domain/taper';
import type { OrderDetail, StartOrderInput } from '../ipc/contract/orders';
import { appendAudit } from './audit';
import { inTransaction, type Actor, type ServiceContext, type Trx } from './context';
import { AppError, conflict, notFound, validation } from './errors';
import { cancelOpenReviews, scheduleByPolicy } from './followupScheduling';
import { doseRangeOf, getMedication } from './formulary';
import { asDomainDose, orderDetail, readSymptomTrigger, statusNow, type SymptomTrigger } from './orderViews';
import { getSetting } from './settings';

/**
 * Prescribing use cases. Orders change state (held, resumed, stopped) with before/after audit;
 * doses never change in place: each change, and each planned taper step, is a new dose version
 * (DESIGN.md). Every use case schedules or cancels the reviews its event calls for, in the same
 * transaction.
 */


/**
 * "CIWA-Ar >= 10", "COWS 8": the symptom trigger as a scale and the lowest qualifying score, so
 * main can check that a qualifying score was recorded before a symptom-triggered PRN. Free
 * text that names no scale and score is refused rather than stored as a trigger nobody checks.
 */
function parseSymptomTrigger(text: string | null): SymptomTrigger | null {
  if (text === null || text.trim() === '') return null;
  const trigger = readSymptomTrigger(text);
  if (!trigger) {
    throw validation('Write the symptom trigger as a scale and a score, e.g. "CIWA-Ar >= 10" or "COWS >= 5".', [
      { path: 'symptomTrigger', message: 'A scale (CIWA-Ar or COWS) and a score.' },
    ]);
  }
  return trigger;
}

function requirePrescriber(actor: Actor): void {
  if (actor.role !== 'prescriber') throw new AppError('FORBIDDEN', 'Only prescribers start or change orders.');
}

async function loadOrder(trx: Trx, id: number): Promise<Order> {
  const o = await trx.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!o) throw notFound('That order');
  return o;
}

async function versionsOf(trx: Trx, orderId: number): Promise<DoseRow[]> {
  return trx.selectFrom('dose_versions').selectAll().where('order_id', '=', orderId).orderBy('effective_from').orderBy('id').execute();
}

/** Taper steps still to come after an instant (domain/orders.ts plannedTaperSteps), as rows. */
const plannedAfter = (versions: DoseRow[], after: string) => plannedTaperSteps(versions.map(asDomainDose), after).map((v) => v.row);

function taperProblems(previousAmount: number, steps: TaperStep[], now: string, med: MedicationRow, zone: string): void {
  const problems = validateTaperSteps(previousAmount, steps, {
    now,
    strengths: JSON.parse(med.strengths) as number[],
    unit: med.unit,
    zone,
  });
  if (problems.length > 0) {
    throw validation(
      `Taper step ${problems[0].index + 1}: ${problems[0].message}`,
      problems.map((p) => ({ path: `steps.${p.index}`, message: p.message })),
    );
  }
}

interface DoseUnderCheck {
  /** The form field the dose came from, for the field error ("amount", "steps.2.amount"). */
  path: string;
  /** "Step 2: " for a taper step; empty for the order's own dose. */
  label: string;
  dose: DoseToCheck;
}

/**
 * Dose ranges and makeable amounts for every dose being written (domain/doseRange.ts). What the
 * domain refuses is refused here with a field error; what needs an override is returned for the
 * caller to put with its other warnings (one override reason covers them all).
 */
async function doseRangeWarnings(trx: Trx, med: MedicationRow, doses: DoseUnderCheck[]): Promise<{ code: string; message: string }[]> {
  const allowAboveMaximum = await getSetting(trx, 'prescribing.allowAboveMaximum');
  const medication = { name: med.name, unit: med.unit, strengths: JSON.parse(med.strengths) as number[], range: doseRangeOf(med) };
  const refused: { path: string; message: string }[] = [];
  const warnings: { code: string; message: string }[] = [];
  for (const d of doses) {
    const a = assessDose(d.dose, medication, { allowAboveMaximum });
    for (const f of a.refused) refused.push({ path: d.path, message: `${d.label}${f.message}` });
    for (const f of a.needsOverride) warnings.push({ code: f.code, message: `${d.label}${f.message}` });
  }
  if (refused.length) throw validation(`${refused.map((r) => r.message).join(' ')}`, refused);
  return warnings;
}

/**
 * One rule for every override reason (domain overrideReasonProblem): no warnings, no reason
 * needed; warnings and no reason: the prescriber is asked; a reason that says nothing: refused.
 */
function overrideFor(warnings: { code: string; message: string }[], reason: string | null | undefined, what: string): string | null {
  if (warnings.length === 0) return null;
  const text = reason?.trim() ?? '';
  if (text === '') {
    throw new AppError(
      'SAFETY_WARNING',
      // Two orders of the same drug read alike: say each sentence once (the warnings keep every order).
      `Check before ${what}: ${[...new Set(warnings.map((w) => w.message))].join(' ')} Cancel, or give an override reason.`,
      { warnings },
    );
  }
  const problem = overrideReasonProblem(text);
  if (problem) throw validation(problem, [{ path: 'overrideReason', message: problem }]);
  return text;
}

async function auditDoseOverride(
  trx: Trx,
  at: string,
  actor: Actor,
  orderId: number,
  warnings: { code: string; message: string }[],
  reason: string | null,
) {
  if (!warnings.length) return;
  await appendAudit(trx, {
    at,
    actorId: actor.id,
    action: 'orders.dose_override',
    entityType: 'order',
    entityId: orderId,
    after: { warnings },
    reason,
  });
}

const stepChecks = (steps: TaperStep[], frequency: string, prnMax: number | null): DoseUnderCheck[] =>
  steps.map((s, i) => ({
    path: `steps.${i}.amount`,
    label: `Step ${i + 1}: `,
    dose: { amount: s.amount, frequency: frequency as Frequency, prnMaxDoses24h: prnMax },
  }));

async function insertVersion(
  trx: Trx,
  at: string,
  actor: Actor,
  orderId: number,
  v: {
    kind: DoseRow['kind'];
    amount: number;
    unit: string;
    frequency: string;
    effectiveFrom: string;
    reason: string;
    previousVersionId: number | null;
  },
): Promise<DoseRow> {
  const row = await trx
    .insertInto('dose_versions')
    .values({
      order_id: orderId,
      previous_version_id: v.previousVersionId,
      kind: v.kind,
      amount: v.amount,
      unit: v.unit,
      frequency: v.frequency,
      effective_from: v.effectiveFrom,
      reason: v.reason,
      author_id: actor.id,
      created_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(trx, {
    at,
    actorId: actor.id,
    action: `orders.dose_${v.kind}`,
    entityType: 'dose_version',
    entityId: row.id,
    after: row,
    reason: v.reason,
  });
  return row;
}

async function voidVersions(trx: Trx, at: string, actor: Actor, rows: DoseRow[], reason: string): Promise<void> {
  for (const before of rows) {
    const after = await trx
      .updateTable('dose_versions')
      .set({ voided_at: at, voided_by: actor.id, void_reason: reason })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      at,
      actorId: actor.id,
      action: 'orders.dose_void',
      entityType: 'dose_version',
      entityId: before.id,
      before,
      after,
      reason,
    });
  }
}

/** Adds taper steps as a chain of dose versions, each with its own policy review. */
async function addTaperSteps(
  trx: Trx,
  at: string,
  actor: Actor,
  order: Order,
  med: MedicationRow,
  base: DoseRow,
  steps: TaperStep[],
  reason: string,
) {
  let previous = base;
  for (const step of steps) {
    previous = await insertVersion(trx, at, actor, order.id, {
      kind: 'taper_step',
      amount: step.amount,
      unit: base.unit,
      frequency: base.frequency,
      effectiveFrom: step.effectiveFrom,
      reason,
      previousVersionId: previous.id,
    });
    await scheduleByPolicy(trx, {
      event: 'taper_step',
      at,
      actorId: actor.id,
      order,
      medication: med,
      eventInstant: step.effectiveFrom,
      doseVersionId: previous.id,
    });
  }
}

/** Voids planned taper steps and cancels their reviews. */
async function dropPlannedSteps(trx: Trx, at: string, actor: Actor, orderId: number, planned: DoseRow[], reason: string): Promise<void> {
  await voidVersions(trx, at, actor, planned, reason);
  await cancelOpenReviews(trx, at, actor.id, orderId, reason, { kinds: ['taper_step'], doseVersionIds: planned.map((p) => p.id) });
}

/** Taper steps of an order still to come after an instant. */
const plannedStepsOf = async (trx: Trx, orderId: number, after: string) => plannedAfter(await versionsOf(trx, orderId), after);

export async function safetyWarnings(
  db: ServiceContext['db'] | Trx,
  patientId: number,
  med: MedicationRow,
  now: Date,
): Promise<SafetyWarning[]> {
  const allergies = await db
    .selectFrom('allergies')
    .select('substance')
    .where('patient_id', '=', patientId)
    .where('status', '=', 'active')
    .execute();
  const others = await db
    .selectFrom('orders')
    .innerJoin('medications', 'medications.id', 'orders.medication_id')
    .select([
      'orders.id',
      'orders.status',
      'orders.end_at',
      'medications.name',
      'medications.ingredients',
      'medications.drug_class',
      'medications.sedating_class',
    ])
    .where('orders.patient_id', '=', patientId)
    .where('orders.status', 'in', ['active', 'held'])
    .execute();
  return checkOrderSafety(
    { name: med.name, ingredients: JSON.parse(med.ingredients) as string[], drugClass: med.drug_class, sedatingClass: med.sedating_class },
    allergies,
    others
      .filter((o) => statusNow(o, now) !== 'completed')
      .map((o) => ({
        id: o.id,
        status: o.status,
        medication: {
          name: o.name,
          ingredients: JSON.parse(o.ingredients) as string[],
          drugClass: o.drug_class,
          sedatingClass: o.sedating_class,
        },
      })),
  );
}

export async function checkSafety(ctx: ServiceContext, patientId: number, medicationId: number) {
  const med = await getMedication(ctx.db, medicationId);
  return (await safetyWarnings(ctx.db, patientId, med, ctx.clock.now())).map((w) => ({ code: w.code, message: w.message }));
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
      taperProblems(input.amount, steps, input.startAt > at ? input.startAt : at, med, zone);
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
  return changeOrder(ctx, actor, input.orderId, ['active', 'held'], async ({ trx, now, at, order, med }) => {
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
    taperProblems(base.amount, steps, at > order.start_at ? at : order.start_at, med, zone);
    if (order.end_at && steps[steps.length - 1].effectiveFrom >= order.end_at)
      throw validation('Every taper step must fall before the order ends.');
    const warnings = await doseRangeWarnings(trx, med, stepChecks(steps, base.frequency, order.prn_max_doses_24h));
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
      planned.map((p) => ({ effectiveFrom: p.effective_from, amount: p.amount })),
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
