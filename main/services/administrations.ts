import type { Administration, Medication, Order, Patient } from '../../db/schema';
import { doseInEffect } from '../domain/doses';
import { formatDate } from '../domain/display';
import { overrideReasonProblem } from '../domain/doseRange';
import { clinicTime, isOnTime } from '../domain/doseStatus';
import { localDate } from '../domain/followups';
import { marAlertFor } from '../domain/marAlerts';
import { checkOrderSafety } from '../domain/safety';
import { dosesDue } from '../domain/schedule';
import type { AdministrationView, RecordAdministrationInput } from '../ipc/contract/administrations';
import { appendAudit } from './audit';
import { inTransaction, type Actor, type ServiceContext, type Trx } from './context';
import { AppError, conflict, notFound, validation } from './errors';
import { scheduleMarAlert } from './followupScheduling';
import {
  asScheduleDose,
  programDaysOf,
  scheduleOrder,
  userNames,
  withDetails,
  type LoadedOrder,
} from './marData';
import { administrationView, amountText } from './marViews';
import { statusNow } from './orderViews';
import { alertOnCapRefusal, backingScore, capReachedAlert, checkPrn, PrnCapRefusal, scheduledCapAlert } from './administrationPrn';
import { checkWitness, recheckWitness } from './administrationWitness';
import { getAllSettings } from './settings';
import type { PublicUser } from './users';

/**
 * Logging a dose (issue 7, items 3, 4, 6). Every refusal says why and what to do, and writes
 * nothing; the entry, its audit entry and any MAR alert commit together. The rules are the
 * domain's (doses in effect, dosesDue, PRN eligibility, allergy match, MAR alerts): this file
 * only gathers their inputs. PRN checks and the cap alert: administrationPrn.ts; the witness:
 * administrationWitness.ts; corrections (entered-in-error): administrationCorrections.ts.
 */

/** A dose charted a few minutes ahead of the clock (two workstations' clocks) is still "now". */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** Routes where the nurse records the site (injection or patch site). */
const SITE_ROUTES = new Set(['intramuscular', 'subcutaneous', 'intravenous', 'transdermal']);

export { endOfShift, todaysDoses } from './doses';

export function requireNurse(actor: Actor): void {
  if (actor.role !== 'nurse') throw new AppError('FORBIDDEN', 'Only nurses document doses.');
}

export interface RecordResult {
  administration: AdministrationView;
  alert: { followupId: number; orderId: number; dueDate: string; reason: string } | null;
}

interface Loaded extends LoadedOrder {
  patient: Patient;
}

export async function loadForRecord(db: ServiceContext['db'] | Trx, orderId: number): Promise<Loaded> {
  const order = await db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
  if (!order) throw notFound('That order');
  const patient = await db.selectFrom('patients').selectAll().where('id', '=', order.patient_id).executeTakeFirstOrThrow();
  const [loaded] = await withDetails(db, [order]);
  return { ...loaded, patient };
}

/**
 * `opts.verifiedWitness` is for trusted main-process callers only (the demo builder, which checks
 * each witness's password once with verifyWitness and reuses it): the witness is still checked
 * to be active, a nurse or prescriber and not the giver. Channels never pass it.
 */
export async function recordAdministration(
  ctx: ServiceContext,
  actor: Actor,
  input: RecordAdministrationInput,
  opts: { verifiedWitness?: PublicUser } = {},
): Promise<RecordResult> {
  requireNurse(actor);
  const pre = await loadForRecord(ctx.db, input.orderId);
  const witness = opts.verifiedWitness
    ? await recheckWitness(ctx, actor, opts.verifiedWitness)
    : await checkWitness(ctx, actor, pre.med, input);
  try {
    return await inTransaction(ctx, (trx) => recordInTrx(ctx, trx, actor, input, witness, null));
  } catch (err) {
    if (err instanceof PrnCapRefusal) throw await alertOnCapRefusal(ctx, actor, err);
    throw err;
  }
}

const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;

export async function recordInTrx(
  ctx: ServiceContext,
  trx: Trx,
  actor: Actor,
  input: RecordAdministrationInput,
  witness: PublicUser | null,
  correctsId: number | null,
): Promise<RecordResult> {
  const now = ctx.clock.now();
  const recordedAt = now.toISOString();
  const settings = await getAllSettings(trx);
  const zone = settings['clinic.timeZone'];
  const loaded = await loadForRecord(trx, input.orderId);
  const { order, med, patient, versions } = loaded;
  const administeredAt = input.administeredAt ?? recordedAt;
  const atMs = Date.parse(administeredAt);
  const when = (iso: string) => clinicTime(iso, zone);

  if (atMs > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw validation(`${when(administeredAt)} is in the future. Document a dose when it has happened.`, [
      { path: 'administeredAt', message: 'Now or earlier.' },
    ]);
  }
  if (order.administered_by !== 'staff') {
    throw conflict(`${med.name} is a home medication the patient takes themselves; staff do not document it on the MAR.`);
  }
  // Discharge is a calendar date in the clinic's zone: doses are allowed through that day.
  if (patient.discharge_date && patient.discharge_date < localDate(administeredAt, zone)) {
    throw conflict(
      `${patient.given_name} ${patient.family_name} was discharged on ${formatDate(patient.discharge_date)}. Nothing can be given after discharge; re-admit the patient first.`,
    );
  }
  orderAllows(order, loaded, administeredAt, med.name, when);

  // Which dose this entry documents, and the dose version in effect for it.
  let scheduledFor: string | null = null;
  let doseVersionId: number;
  let doseAmount: number;
  let doseUnit: string;
  if (order.prn === 1) {
    if (input.scheduledFor !== null) throw validation(`${med.name} is a PRN order: it has no dose times. Leave the dose time empty.`);
    const v = doseInEffect(versions.map(asScheduleDose), administeredAt);
    if (!v) throw conflict(`${med.name} has no dose in effect at ${when(administeredAt)}.`);
    doseVersionId = v.id;
    doseAmount = v.amount;
    doseUnit = v.unit;
  } else {
    if (input.scheduledFor === null)
      throw validation(`Choose the dose time of ${med.name} you are documenting.`, [
        { path: 'scheduledFor', message: 'Choose a dose time.' },
      ]);
    const programDays = programDaysOf(
      await trx.selectFrom('program_days').selectAll().where('patient_id', '=', patient.id).executeTakeFirst(),
    );
    const due = dosesDue({
      order: scheduleOrder(loaded),
      versions: versions.map(asScheduleDose),
      residence: patient.residence,
      programDays,
      zone,
      doseTimes: settings['doses.times'],
      from: input.scheduledFor,
      to: new Date(Date.parse(input.scheduledFor) + 1).toISOString(),
    })[0];
    if (!due) {
      throw conflict(
        `No dose of ${med.name} is due at ${when(input.scheduledFor)}${patient.residence === 'home' ? ' (it may not be one of the patient\u2019s program days)' : ''}. Check the dose time on Today's doses.`,
      );
    }
    scheduledFor = due.scheduledFor;
    doseVersionId = due.doseVersionId;
    doseAmount = due.amount;
    doseUnit = due.unit;
    const existing = await trx
      .selectFrom('administrations')
      .select(['id', 'outcome', 'nurse_id', 'administered_at'])
      .where('order_id', '=', order.id)
      .where('scheduled_for', '=', scheduledFor)
      .where('entered_in_error_at', 'is', null)
      .executeTakeFirst();
    if (existing) {
      const names = await userNames(trx);
      throw conflict(
        `The ${due.localTime} dose of ${med.name} is already documented (${existing.outcome} by ${names.get(existing.nurse_id) ?? 'a colleague'} at ${when(existing.administered_at)}). To change it, mark that entry entered-in-error.`,
      );
    }
  }

  const given = input.outcome === 'given';
  const amount = given ? (input.amount ?? doseAmount) : null;
  if (given && !same(amount!, doseAmount)) {
    throw conflict(
      `The dose in effect ${scheduledFor ? `for ${when(scheduledFor)}` : `at ${when(administeredAt)}`} is ${amountText(doseAmount, doseUnit)}; you entered ${amountText(amount!, doseUnit)}. Give the dose in effect, or ask the prescriber to change the order.`,
    );
  }
  if (!given && input.amount !== null)
    throw validation(`A ${input.outcome} dose has no amount given. Leave the amount empty.`, [{ path: 'amount', message: 'Leave empty.' }]);
  if (!given && (input.reasonCode === null || !input.reasonText)) {
    throw validation(`A ${input.outcome} dose needs a reason: choose one from the list and add a few words.`, [
      ...(input.reasonCode === null ? [{ path: 'reasonCode', message: 'Choose a reason.' }] : []),
      ...(!input.reasonText ? [{ path: 'reasonText', message: 'Add a few words.' }] : []),
    ]);
  }
  const route = input.route ?? order.route;
  if (given && route !== order.route) {
    throw conflict(
      `${med.name} is ordered ${order.route}; it cannot be documented as given ${route}. Ask the prescriber if the route should change.`,
    );
  }
  if (given && SITE_ROUTES.has(route) && !input.site) {
    throw validation(`Record the site of the ${route} dose.`, [{ path: 'site', message: 'Where it was given.' }]);
  }

  // Late: outside the on-time window around its dose time (given doses).
  const late = given && scheduledFor !== null && !isOnTime(scheduledFor, administeredAt, settings['mar.onTimeWindowMinutes']);
  if (late && !input.lateReason) {
    throw validation(
      `This dose is documented as given at ${when(administeredAt)}, outside the ${settings['mar.onTimeWindowMinutes']}-minute window around its ${when(scheduledFor!)} time. Give a reason for the late dose.`,
      [{ path: 'lateReason', message: 'Why it was late.' }],
    );
  }

  // A recorded allergy matching the drug.
  let overrideReason: string | null = null;
  if (given) {
    const allergies = await trx
      .selectFrom('allergies')
      .select('substance')
      .where('patient_id', '=', patient.id)
      .where('status', '=', 'active')
      .execute();
    const medFacts = {
      name: med.name,
      ingredients: JSON.parse(med.ingredients) as string[],
      drugClass: med.drug_class,
      sedatingClass: med.sedating_class,
    };
    const allergy = checkOrderSafety(medFacts, allergies, []).filter((w) => w.code === 'allergy');
    if (allergy.length > 0) {
      const what = allergy.map((w) => w.message).join(' ');
      if (!settings['mar.allergyOverride']) throw conflict(`${what} Do not give it; contact the prescriber.`);
      if (!input.overrideReason) {
        throw new AppError(
          'SAFETY_WARNING',
          `${what} Give it only with an override reason, or do not give it and contact the prescriber.`,
          {
            warnings: allergy.map((w) => ({ code: w.code, message: w.message })),
            fields: [{ path: 'overrideReason', message: 'Why it is given despite the allergy.' }],
          },
        );
      }
      // The one rule for override reasons (domain/doseRange.ts): it must say why.
      const problem = overrideReasonProblem(input.overrideReason);
      if (problem) throw validation(problem, [{ path: 'overrideReason', message: problem }]);
      overrideReason = input.overrideReason;
    }
  }

  // PRN limits (both caps across the ingredient, the interval), the symptom trigger, and the
  // score the dose answers (the nurse's choice, checked to be the patient's and to qualify).
  let scoreId: number | null = null;
  const symptomWindowMinutes = settings['mar.prnSymptomWindowMinutes'];
  if (order.prn === 1 && given) {
    scoreId = await checkPrn(trx, {
      order,
      med,
      patient,
      administeredAt,
      amount: amount!,
      unit: doseUnit,
      zone,
      symptomWindowMinutes,
      requestedScoreId: input.scoreId,
    });
  } else if (input.scoreId !== null) {
    scoreId = await backingScore(trx, { scoreId: input.scoreId, patientId: patient.id, administeredAt, zone, symptomWindowMinutes, trigger: null });
  }

  const row = await trx
    .insertInto('administrations')
    .values({
      order_id: order.id,
      dose_version_id: doseVersionId,
      scheduled_for: scheduledFor,
      administered_at: administeredAt,
      outcome: input.outcome,
      amount,
      unit: given ? doseUnit : null,
      nurse_id: actor.id,
      witness_id: witness?.id ?? null,
      reason: input.reasonText || null,
      reason_code: given ? null : input.reasonCode,
      note: input.note || null,
      override_reason: overrideReason,
      corrects_id: correctsId,
      recorded_at: recordedAt,
      route: given ? route : null,
      site: given ? input.site || null : null,
      prn: order.prn,
      late: late ? 1 : 0,
      late_reason: late ? input.lateReason : null,
      score_id: scoreId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(trx, {
    at: recordedAt,
    actorId: actor.id,
    action: correctsId === null ? 'administrations.record' : 'administrations.record_correction',
    entityType: 'administration',
    entityId: row.id,
    after: row,
    reason: late ? input.lateReason : overrideReason,
  });
  if (overrideReason) {
    await appendAudit(trx, {
      at: recordedAt,
      actorId: actor.id,
      action: 'administrations.allergy_override',
      entityType: 'administration',
      entityId: row.id,
      after: { medication: med.name },
      reason: overrideReason,
    });
  }

  const capArgs = { order, med, administeredAt, recordedAt, amount: amount!, unit: doseUnit, zone, thresholds: settings['mar.alerts'] };
  // A given dose may reach a PRN cap: its own order's (PRN), or a PRN order's amount across the ingredient (scheduled).
  const alert = !given
    ? await outcomeAlert(trx, actor, order, med, row, settings['mar.alerts'])
    : order.prn === 1
      ? await capReachedAlert(trx, actor, capArgs)
      : await scheduledCapAlert(trx, actor, { ...capArgs, administrationId: row.id });
  const names = await userNames(trx);
  return { administration: administrationView(row, { names, medicationName: med.name, patientId: patient.id }), alert };
}

/** Refuses a dose the order does not allow at that time: not started, held, stopped, ended. */
function orderAllows(order: Order, loaded: LoadedOrder, at: string, name: string, when: (iso: string) => string): void {
  if (at < order.start_at) throw conflict(`The ${name} order starts ${when(order.start_at)}; it cannot be given before then.`);
  const hold = loaded.holds.find((h) => h.held_from <= at && (h.held_to === null || h.held_to > at));
  if (hold || (order.status === 'held' && (order.held_since ?? order.start_at) <= at)) {
    const reason = hold?.reason ?? order.status_reason;
    throw conflict(`The ${name} order is on hold${reason ? ` (${reason})` : ''}. Do not give it; ask the prescriber whether to resume it.`);
  }
  const status = statusNow(order, new Date(at));
  if (status === 'discontinued' && (order.status_changed_at ?? order.start_at) <= at) {
    throw conflict(
      `The ${name} order was discontinued${order.status_reason ? ` (${order.status_reason})` : ''}. Do not give it; ask the prescriber.`,
    );
  }
  if (status === 'completed' || (order.end_at !== null && order.end_at <= at)) {
    throw conflict(
      `The ${name} order ended${order.end_at ? ` ${when(order.end_at)}` : ''}. Do not give it; ask the prescriber for a new order if it is still needed.`,
    );
  }
}

/** A refused or missed scheduled dose may complete a run that alerts the prescriber. */
async function outcomeAlert(
  trx: Trx,
  actor: Actor,
  order: Order,
  med: Medication,
  row: Administration,
  thresholds: { ciwaSevere: number; cowsSevere: number; consecutiveMissed: number },
): Promise<RecordResult['alert']> {
  if (row.scheduled_for === null || (row.outcome !== 'refused' && row.outcome !== 'missed')) return null;
  const recent = await trx
    .selectFrom('administrations')
    .select(['outcome'])
    .where('order_id', '=', order.id)
    .where('scheduled_for', 'is not', null)
    .where('scheduled_for', '<=', row.scheduled_for)
    .where('entered_in_error_at', 'is', null)
    .orderBy('scheduled_for', 'desc')
    .limit(thresholds.consecutiveMissed * 3 + 5)
    .execute();
  const alert = marAlertFor(
    { kind: 'outcomes', withdrawalManagement: med.withdrawal_management === 1, recentOutcomes: recent.map((r) => r.outcome).reverse() },
    thresholds,
  );
  if (!alert) return null;
  const f = await scheduleMarAlert(trx, {
    at: row.recorded_at,
    actorId: actor.id,
    patientId: order.patient_id,
    orderId: order.id,
    prescriberId: order.prescriber_id,
    reason: alert.reason,
  });
  return f ? { followupId: f.id, orderId: order.id, dueDate: f.due_date, reason: alert.reason } : null;
}
