import type { Administration, Medication, Order, Patient } from '../../db/schema';
import { doseInEffect } from '../domain/doses';
import { formatDate } from '../domain/display';
import { overrideReasonProblem } from '../domain/doseRange';
import { clinicTime, isOnTime } from '../domain/doseStatus';
import { localDate } from '../domain/followups';
import { marAlertFor } from '../domain/marAlerts';
import { checkPrnEligibility } from '../domain/prn';
import { checkOrderSafety } from '../domain/safety';
import { dosesDue } from '../domain/schedule';
import type { AdministrationView, RecordAdministrationInput } from '../ipc/contract/administrations';
import { appendAudit } from './audit';
import { inTransaction, type Actor, type ServiceContext, type Trx } from './context';
import { AppError, conflict, notFound, validation } from './errors';
import { scheduleMarAlert } from './followupScheduling';
import {
  asScheduleDose,
  givenBetween,
  programDaysOf,
  sameIngredient,
  scheduleOrder,
  userNames,
  withDetails,
  type LoadedOrder,
} from './marData';
import { administrationView, amountText } from './marViews';
import { statusNow, symptomTriggerOf } from './orderViews';
import { getAllSettings } from './settings';
import { verifyWitness, type PublicUser } from './users';

/**
 * Logging a dose (issue 7, items 3, 4, 6, 7). Every refusal says why and what to do, and writes
 * nothing; the entry, its audit entry and any MAR alert commit together. The rules are the
 * domain's (doses in effect, dosesDue, PRN eligibility, allergy match, MAR alerts): this file
 * only gathers their inputs.
 */

const DAY_MS = 86_400_000;
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

/** A refusal at a PRN cap: nothing is recorded, but the prescriber gets a review due today. */
class PrnCapRefusal extends Error {
  constructor(
    readonly refusal: AppError,
    readonly order: Order,
    readonly detail: string,
  ) {
    super(refusal.message);
  }
}

interface Loaded extends LoadedOrder {
  patient: Patient;
}

async function loadForRecord(db: ServiceContext['db'] | Trx, orderId: number): Promise<Loaded> {
  const order = await db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
  if (!order) throw notFound('That order');
  const patient = await db.selectFrom('patients').selectAll().where('id', '=', order.patient_id).executeTakeFirstOrThrow();
  const [loaded] = await withDetails(db, [order]);
  return { ...loaded, patient };
}

const needsWitness = (med: Medication, outcome: string) => med.dea_schedule !== null && outcome === 'given';

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

export async function markEnteredInError(
  ctx: ServiceContext,
  actor: Actor,
  input: { id: number; reason: string; replacement: Omit<RecordAdministrationInput, 'orderId'> | null },
): Promise<{ corrected: AdministrationView; replacement: AdministrationView | null; alert: RecordResult['alert'] }> {
  requireNurse(actor);
  const entry = await ctx.db.selectFrom('administrations').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!entry) throw notFound('That entry');
  const pre = await loadForRecord(ctx.db, entry.order_id);
  const replacementInput = input.replacement
    ? { ...input.replacement, orderId: entry.order_id, scheduledFor: input.replacement.scheduledFor ?? entry.scheduled_for }
    : null;
  const witness = replacementInput ? await checkWitness(ctx, actor, pre.med, replacementInput) : null;
  try {
    return await inTransaction(ctx, async (trx) => {
      const before = await trx.selectFrom('administrations').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow();
      if (before.entered_in_error_at !== null) throw conflict('This entry is already marked entered-in-error.');
      const settings = await getAllSettings(trx);
      if (before.nurse_id !== actor.id) {
        const me = await trx.selectFrom('users').select('charge_nurse').where('id', '=', actor.id).executeTakeFirstOrThrow();
        const chargeMayCorrect = settings['mar.enteredInErrorBy'] === 'author_or_charge' && me.charge_nurse === 1;
        if (!chargeMayCorrect) {
          throw new AppError(
            'FORBIDDEN',
            settings['mar.enteredInErrorBy'] === 'author'
              ? 'Only the nurse who made this entry can mark it entered-in-error. Ask them to correct it.'
              : 'Only the nurse who made this entry, or a charge nurse, can mark it entered-in-error. Ask one of them to correct it.',
          );
        }
      }
      const at = ctx.clock.now().toISOString();
      const after = await trx
        .updateTable('administrations')
        .set({ entered_in_error_at: at, entered_in_error_by: actor.id, entered_in_error_reason: input.reason })
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(trx, {
        at,
        actorId: actor.id,
        action: 'administrations.entered_in_error',
        entityType: 'administration',
        entityId: before.id,
        before,
        after,
        reason: input.reason,
      });
      const replaced = replacementInput ? await recordInTrx(ctx, trx, actor, replacementInput, witness, before.id) : null;
      const names = await userNames(trx);
      const corrected = administrationView(after, {
        names,
        medicationName: pre.med.name,
        patientId: pre.patient.id,
        correctedById: replaced?.administration.id ?? null,
      });
      return { corrected, replacement: replaced?.administration ?? null, alert: replaced?.alert ?? null };
    });
  } catch (err) {
    if (err instanceof PrnCapRefusal) throw await alertOnCapRefusal(ctx, actor, err);
    throw err;
  }
}

async function checkWitness(
  ctx: ServiceContext,
  actor: Actor,
  med: Medication,
  input: Pick<RecordAdministrationInput, 'outcome' | 'witness'>,
): Promise<PublicUser | null> {
  if (!needsWitness(med, input.outcome)) return null;
  if (!input.witness) {
    throw validation(
      `${med.name} is a controlled drug (schedule ${med.dea_schedule}): a second nurse or a prescriber must witness the dose with their own login and password.`,
      [{ path: 'witness.login', message: 'The witness enters their login and password.' }],
    );
  }
  return verifyWitness(ctx, actor, input.witness.login, input.witness.password);
}

async function recheckWitness(ctx: ServiceContext, actor: Actor, w: PublicUser): Promise<PublicUser> {
  const u = await ctx.db.selectFrom('users').select(['id', 'role', 'active']).where('id', '=', w.id).executeTakeFirst();
  if (!u || u.active !== 1 || (u.role !== 'nurse' && u.role !== 'prescriber') || u.id === actor.id) {
    throw validation('The witness must be an active nurse or prescriber other than the nurse giving the dose.');
  }
  return w;
}

/** The cap refusal's review, in its own transaction (the dose itself is not recorded). */
async function alertOnCapRefusal(ctx: ServiceContext, actor: Actor, err: PrnCapRefusal): Promise<AppError> {
  const settings = await getAllSettings(ctx.db);
  const alert = marAlertFor({ kind: 'prn_cap_reached', detail: err.detail }, settings['mar.alerts']);
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

const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;

async function recordInTrx(
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

  // PRN limits (both caps across the ingredient, the interval) and the symptom trigger.
  let scoreId: number | null = null;
  if (order.prn === 1 && given) {
    scoreId = await checkPrn(trx, {
      order,
      med,
      patient,
      administeredAt,
      amount: amount!,
      unit: doseUnit,
      zone,
      settings,
      requestedScoreId: input.scoreId,
    });
  } else if (input.scoreId !== null) {
    scoreId = await ownScore(trx, input.scoreId, patient.id);
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

  const alert = await outcomeAlert(trx, actor, order, med, row, settings['mar.alerts']);
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

async function ownScore(trx: Trx, scoreId: number, patientId: number): Promise<number> {
  const s = await trx
    .selectFrom('withdrawal_scores')
    .select(['id', 'patient_id', 'entered_in_error_at'])
    .where('id', '=', scoreId)
    .executeTakeFirst();
  if (!s || s.patient_id !== patientId)
    throw validation('That score is not one of this patient\u2019s.', [{ path: 'scoreId', message: 'Choose a score of this patient.' }]);
  if (s.entered_in_error_at !== null)
    throw validation('That score was marked entered-in-error; record a new one.', [{ path: 'scoreId', message: 'Record a new score.' }]);
  return s.id;
}

/** Checks a PRN dose; answers the score it was given on (symptom-triggered), or null. */
async function checkPrn(
  trx: Trx,
  a: {
    order: Order;
    med: Medication;
    patient: Patient;
    administeredAt: string;
    amount: number;
    unit: string;
    zone: string;
    settings: Awaited<ReturnType<typeof getAllSettings>>;
    requestedScoreId: number | null;
  },
): Promise<number | null> {
  const atMs = Date.parse(a.administeredAt);
  const dayBefore = new Date(atMs - DAY_MS).toISOString();
  const dayAfter = new Date(atMs + DAY_MS).toISOString();
  const patientOrders = await trx.selectFrom('orders').selectAll().where('patient_id', '=', a.patient.id).execute();
  const meds = await trx
    .selectFrom('medications')
    .selectAll()
    .where('id', 'in', [...new Set(patientOrders.map((o) => o.medication_id))])
    .execute();
  const medById = new Map(meds.map((m) => [m.id, m]));
  const ingredientOrders = sameIngredient(
    a.med,
    patientOrders.map((o) => ({ order: o, med: medById.get(o.medication_id)! })),
  );
  // The interval looks both ways (late charting), the caps look back 24 hours.
  const own = await givenBetween(trx, [a.order.id], dayBefore, dayAfter);
  const ingredient = await givenBetween(trx, ingredientOrders, dayBefore, a.administeredAt);
  const trigger = symptomTriggerOf(a.order);
  const windowMin = a.settings['mar.prnSymptomWindowMinutes'];
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
  const limits = {
    maxDoses24h: a.order.prn_max_doses_24h,
    maxAmount24h: a.order.prn_max_amount_24h,
    minIntervalMinutes: a.order.prn_min_interval_minutes,
    symptomTrigger: trigger,
  };
  const refusal = checkPrnEligibility({
    at: a.administeredAt,
    zone: a.zone,
    order: limits,
    amount: a.amount,
    unit: a.unit.replace(/[{}]/g, ''),
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
          : `${refusal.totalSoFar ?? 0} of ${a.order.prn_max_amount_24h} ${a.unit.replace(/[{}]/g, '')} in 24 hours`;
      throw new PrnCapRefusal(error, a.order, detail);
    }
    throw error;
  }
  if (!trigger) return a.requestedScoreId === null ? null : ownScore(trx, a.requestedScoreId, a.patient.id);
  // The score it was given on: the one asked for if it qualifies, else the latest that does.
  const qualifying = scores.filter((s) => s.scale === trigger.scale && s.total >= trigger.minScore);
  if (a.requestedScoreId !== null) {
    const chosen = qualifying.find((s) => s.id === a.requestedScoreId);
    if (!chosen) {
      throw validation(
        `The score you chose does not qualify this PRN: it needs a ${trigger.scale} of ${trigger.minScore} or more in the ${windowMin} minutes before the dose.`,
        [{ path: 'scoreId', message: 'Choose a qualifying score.' }],
      );
    }
    return chosen.id;
  }
  return qualifying[0]?.id ?? null;
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
