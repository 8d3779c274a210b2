import type { AllergySeverity } from '../domain/enums';
import { caseless } from '../../db/dialect';
import { patientMatches } from '../../db/patientSearch';
import type { Allergy, Patient } from '../../db/schema';
import type { PatientDetail, PatientInput, PatientSummary } from '../ipc/contract/patients';
import { PatientInput as PatientInputSchema } from '../ipc/contract/patients';
import { appendAudit } from './audit';
import { inTransaction, nowIso, type Actor, type ServiceContext, type Trx } from './context';
import { conflict, notFound, validation } from './errors';
import { scheduleDischargeReviews } from './followupScheduling';
import { duplicateGate } from './patientDuplicates';

// Callers (the handlers, the migration test) look it up with the rest of the patients service.
export { findPossibleDuplicates } from './patientDuplicates';

export interface AllergyInput {
  substance: string;
  reaction: string;
  severity: AllergySeverity;
}

const summary = (p: Patient, allergyCount: number): PatientSummary => ({
  id: p.id,
  mrn: p.mrn,
  familyName: p.family_name,
  givenName: p.given_name,
  dateOfBirth: p.date_of_birth,
  admissionDate: p.admission_date,
  dischargeDate: p.discharge_date,
  levelOfCare: p.level_of_care,
  residence: p.residence,
  allergyCount,
  noKnownAllergiesAt: allergyCount > 0 ? null : p.no_known_allergies_at,
});

const allergyView = (a: Allergy) => ({
  id: a.id,
  substance: a.substance,
  reaction: a.reaction,
  severity: a.severity,
  status: a.status,
  recordedAt: a.recorded_at,
});

function parsePatient(input: PatientInput): PatientInput {
  const parsed = PatientInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw validation(
      issue?.message ?? 'Invalid patient.',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return parsed.data;
}

async function loadDetail(db: ServiceContext['db'] | Trx, id: number): Promise<PatientDetail> {
  const p = await db.selectFrom('patients').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound('That patient');
  const allergies = await db.selectFrom('allergies').selectAll().where('patient_id', '=', id).orderBy('id').execute();
  const active = allergies.filter((a) => a.status === 'active').length;
  return { ...summary(p, active), allergies: allergies.map(allergyView) };
}

export const getPatient = (ctx: ServiceContext, id: number) => loadDetail(ctx.db, id);

/** What a patients screen filters on: a search on MRN or name, and whether discharged patients count. */
export interface PatientFilter {
  query: string;
  includeDischarged: boolean;
  /**
   * Only the patients in one prescriber's care ("Only my patients"): a current order of theirs
   * (active or held and not past its end, as orderStatusAt reads it) or an open review assigned
   * to them. Filtered in SQL so that a page and its total agree.
   */
  inCareOf?: { prescriberId: number; nowIso: string };
}

export type PatientSort = 'name' | 'mrn' | 'dateOfBirth' | 'admissionDate';

/** The patients a filter selects (the search through the trigram index, db/patientSearch.ts). */
function matching(ctx: ServiceContext, q: PatientFilter) {
  let query = ctx.db.selectFrom('patients as p');
  const text = q.query.trim();
  if (text) query = query.where(patientMatches(text));
  if (!q.includeDischarged) query = query.where('p.discharge_date', 'is', null);
  const care = q.inCareOf;
  if (care) {
    query = query.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('orders as o')
            .select('o.id')
            .whereRef('o.patient_id', '=', 'p.id')
            .where('o.prescriber_id', '=', care.prescriberId)
            .where('o.status', 'in', ['active', 'held'])
            .where((w) => w.or([w('o.end_at', 'is', null), w('o.end_at', '>', care.nowIso)])),
        ),
        eb.exists(
          eb
            .selectFrom('followups as f')
            .select('f.id')
            .whereRef('f.patient_id', '=', 'p.id')
            .where('f.status', '=', 'scheduled')
            .where('f.assigned_prescriber_id', '=', care.prescriberId),
        ),
      ]),
    );
  }
  return query;
}

const SORT_COLUMNS = { mrn: 'p.mrn', dateOfBirth: 'p.date_of_birth', admissionDate: 'p.admission_date' } as const;

function withAllergyCount(ctx: ServiceContext, q: PatientFilter, sort: PatientSort = 'name', direction: 'asc' | 'desc' = 'asc') {
  let query = matching(ctx, q)
    .selectAll('p')
    .select((eb) =>
      eb
        .selectFrom('allergies as a')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('a.patient_id', '=', 'p.id')
        .where('a.status', '=', 'active')
        .as('allergy_count'),
    );
  if (sort !== 'name') query = query.orderBy(SORT_COLUMNS[sort], direction);
  // Name last (or only): ties in a date or MRN read alphabetically, and the order is total (id).
  return query
    .orderBy(caseless('p.family_name'), direction === 'desc' && sort === 'name' ? 'desc' : 'asc')
    .orderBy(caseless('p.given_name'), direction === 'desc' && sort === 'name' ? 'desc' : 'asc')
    .orderBy('p.id');
}

/**
 * Every patient the filter selects, with no cap: a list that stopped at a fixed number would
 * say "500 patients" when 2,032 are admitted. Screens that show patients page them with
 * `pagePatients` instead, which also says how many there are in all.
 */
export async function listPatients(ctx: ServiceContext, q: PatientFilter): Promise<PatientSummary[]> {
  const rows = await withAllergyCount(ctx, q).execute();
  return rows.map((r) => summary(r, Number(r.allergy_count ?? 0)));
}

/** How many patients the filter selects, counted in SQL (never the length of a capped list). */
export async function countPatients(ctx: ServiceContext, q: PatientFilter): Promise<number> {
  const row = await matching(ctx, q).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of the filter's patients and the true total, for lists and the patient picker. */
export async function pagePatients(
  ctx: ServiceContext,
  q: PatientFilter & { offset: number; limit: number; sort?: PatientSort; direction?: 'asc' | 'desc' },
): Promise<{ total: number; offset: number; patients: PatientSummary[] }> {
  const [total, rows] = await Promise.all([
    countPatients(ctx, q),
    withAllergyCount(ctx, q, q.sort, q.direction).limit(q.limit).offset(q.offset).execute(),
  ]);
  return { total, offset: q.offset, patients: rows.map((r) => summary(r, Number(r.allergy_count ?? 0))) };
}

async function insertAllergy(trx: Trx, at: string, actor: Actor, patientId: number, a: AllergyInput) {
  const row = await trx
    .insertInto('allergies')
    .values({
      patient_id: patientId,
      substance: a.substance.trim(),
      reaction: a.reaction.trim(),
      severity: a.severity,
      recorded_at: at,
      recorded_by: actor.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(trx, { at, actorId: actor.id, action: 'patients.add_allergy', entityType: 'allergy', entityId: row.id, after: row });
  // An allergy ends "no known allergies".
  const before = await trx.selectFrom('patients').selectAll().where('id', '=', patientId).executeTakeFirstOrThrow();
  if (before.no_known_allergies_at !== null) {
    const after = await trx
      .updateTable('patients')
      .set({ no_known_allergies_at: null, no_known_allergies_by: null, updated_at: at })
      .where('id', '=', patientId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      at,
      actorId: actor.id,
      action: 'patients.no_known_allergies_cleared',
      entityType: 'patient',
      entityId: patientId,
      before,
      after,
    });
  }
}

async function setNoKnownAllergies(trx: Trx, at: string, actor: Actor, patientId: number) {
  const active = await trx
    .selectFrom('allergies')
    .select('id')
    .where('patient_id', '=', patientId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (active) throw conflict('This patient has a recorded allergy; mark it entered in error first if it was wrong.');
  const before = await trx.selectFrom('patients').selectAll().where('id', '=', patientId).executeTakeFirst();
  if (!before) throw notFound('That patient');
  const after = await trx
    .updateTable('patients')
    .set({ no_known_allergies_at: at, no_known_allergies_by: actor.id, updated_at: at })
    .where('id', '=', patientId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(trx, {
    at,
    actorId: actor.id,
    action: 'patients.no_known_allergies',
    entityType: 'patient',
    entityId: patientId,
    before,
    after,
  });
}

export async function recordNoKnownAllergies(ctx: ServiceContext, actor: Actor, patientId: number) {
  return inTransaction(ctx, async (trx) => {
    await setNoKnownAllergies(trx, nowIso(ctx), actor, patientId);
    return loadDetail(trx, patientId);
  });
}

async function assertMrnFree(trx: Trx, mrn: string, exceptId?: number) {
  const clash = await trx.selectFrom('patients').select('id').where('mrn', '=', mrn).executeTakeFirst();
  if (clash && clash.id !== exceptId) {
    throw conflict(`MRN ${mrn} already belongs to another patient.`);
  }
}

const patientColumns = (p: PatientInput) => ({
  mrn: p.mrn,
  family_name: p.familyName,
  given_name: p.givenName,
  date_of_birth: p.dateOfBirth,
  admission_date: p.admissionDate,
  discharge_date: p.dischargeDate,
  level_of_care: p.levelOfCare,
  residence: p.residence,
});

export async function createPatient(
  ctx: ServiceContext,
  actor: Actor,
  input: { patient: PatientInput; allergies: AllergyInput[]; noKnownAllergies?: boolean; confirmedDifferentPerson?: boolean },
) {
  const p = parsePatient(input.patient);
  return inTransaction(ctx, async (trx) => {
    await assertMrnFree(trx, p.mrn);
    // A second chart for one person splits their record (and their allergies): refused until the
    // person registering says it is someone else, and that answer goes into the audit entry.
    const overridden = await duplicateGate(trx, p, input.confirmedDifferentPerson);
    const at = nowIso(ctx);
    const row = await trx
      .insertInto('patients')
      .values({
        ...patientColumns(p),
        created_at: at,
        created_by: actor.id,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, { at, actorId: actor.id, action: 'patients.create', entityType: 'patient', entityId: row.id, after: row, reason: overridden });
    for (const a of input.allergies) await insertAllergy(trx, at, actor, row.id, a);
    if (input.noKnownAllergies && input.allergies.length === 0) await setNoKnownAllergies(trx, at, actor, row.id);
    return loadDetail(trx, row.id);
  });
}

export async function updatePatient(
  ctx: ServiceContext,
  actor: Actor,
  input: { id: number; patient: PatientInput; reason: string; confirmedDifferentPerson?: boolean },
) {
  const p = parsePatient(input.patient);
  return inTransaction(ctx, async (trx) => {
    const before = await trx.selectFrom('patients').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!before) throw notFound('That patient');
    await assertMrnFree(trx, p.mrn, input.id);
    // A name or birth date edited to another chart's is the same split record as a second
    // registration (issue 8 item 6); an edit that leaves both alone is not asked again.
    const identityChanged = p.familyName !== before.family_name || p.givenName !== before.given_name || p.dateOfBirth !== before.date_of_birth;
    const overridden = identityChanged ? await duplicateGate(trx, p, input.confirmedDifferentPerson, input.id) : null;
    const at = nowIso(ctx);
    const after = await trx
      .updateTable('patients')
      .set({
        ...patientColumns(p),
        updated_at: at,
      })
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      at,
      actorId: actor.id,
      action: 'patients.update',
      entityType: 'patient',
      entityId: input.id,
      before,
      after,
      reason: [input.reason, overridden].filter(Boolean).join(' ') || null,
    });
    if (!before.discharge_date && after.discharge_date) {
      await scheduleDischargeReviews(trx, at, actor.id, input.id, after.discharge_date);
    }
    return loadDetail(trx, input.id);
  });
}

export async function addAllergy(ctx: ServiceContext, actor: Actor, patientId: number, allergy: AllergyInput) {
  return inTransaction(ctx, async (trx) => {
    const p = await trx.selectFrom('patients').select('id').where('id', '=', patientId).executeTakeFirst();
    if (!p) throw notFound('That patient');
    await insertAllergy(trx, nowIso(ctx), actor, patientId, allergy);
    return loadDetail(trx, patientId);
  });
}

export async function markAllergyEnteredInError(ctx: ServiceContext, actor: Actor, allergyId: number, reason: string) {
  return inTransaction(ctx, async (trx) => {
    const before = await trx.selectFrom('allergies').selectAll().where('id', '=', allergyId).executeTakeFirst();
    if (!before) throw notFound('That allergy');
    if (before.status !== 'active') throw conflict('That allergy is already marked entered in error.');
    const at = nowIso(ctx);
    const after = await trx
      .updateTable('allergies')
      .set({ status: 'entered_in_error', status_reason: reason })
      .where('id', '=', allergyId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      at,
      actorId: actor.id,
      action: 'patients.allergy_entered_in_error',
      entityType: 'allergy',
      entityId: allergyId,
      before,
      after,
      reason,
    });
    return loadDetail(trx, before.patient_id);
  });
}
