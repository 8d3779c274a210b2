import type { AuditAction } from '../domain/auditWords';
import type { ReviewOutcome } from '../domain/enums';
import type { Followup } from '../../db/schema';
import { IANAZone } from 'luxon';
import { localDate } from '../domain/followups';
import { bandCutoffs, classifierFromCutoffs, daysLateFromToday, onTimeJudge, type BandCutoffs, type OverdueSettings, type UrgencyBand } from '../domain/overdue';
import type { FollowupView } from '../ipc/contract/followups';
import { appendAudit } from './audit';
import { inTransaction, type Actor, type ServiceContext, type Trx } from './context';
import { conflict, notFound, validation } from './errors';
import { scheduleByPolicy } from './followupScheduling';
import { getMedication } from './formulary';
import { getSetting } from './settings';

/**
 * Prescriber reviews: the worklist, completing, and the manual changes (schedule, reassign,
 * reschedule). Due dates are calendar dates in the clinic's zone; bands come from
 * main/domain/overdue.ts so the worklist, the patient chart and the audit always agree.
 */

type Db = ServiceContext['db'] | Trx;

export interface ReviewClock {
  now: Date;
  zone: string;
  overdue: OverdueSettings;
}

/**
 * The request's four band cut-off dates (domain/overdue.ts bandCutoffs) and its classifier,
 * computed once: after that a band is a string comparison.
 */
const perRequest = new WeakMap<ReviewClock, { cut: BandCutoffs; band: (date: string) => UrgencyBand }>();
function fastPath(rc: ReviewClock) {
  let f = perRequest.get(rc);
  if (!f) {
    const cut = bandCutoffs(rc.now, rc.zone, rc.overdue);
    perRequest.set(rc, (f = { cut, band: classifierFromCutoffs(cut, rc.zone, rc.overdue) }));
  }
  return f;
}
const bandOf = (rc: ReviewClock, date: string) => fastPath(rc).band(date);
const lateOf = (rc: ReviewClock, date: string) => daysLateFromToday(date, fastPath(rc).cut.today);
const judges = new WeakMap<ReviewClock, ReturnType<typeof onTimeJudge>>();
/**
 * domain/overdue.ts wasOnTime, with each due date's threshold computed once per request. A
 * stored date the rule cannot read is not on time (the row shows, the screen does not fail).
 */
function onTimeOf(rc: ReviewClock, dueDate: string, completedAt: string): boolean {
  let judge = judges.get(rc);
  if (!judge) judges.set(rc, (judge = onTimeJudge(rc.zone, rc.overdue)));
  try {
    return judge(dueDate, completedAt);
  } catch (err) {
    if (err instanceof RangeError) return false;
    throw err;
  }
}

const offsetMemo = new WeakMap<ReviewClock, Map<number, number | null>>();
/**
 * The clinic-zone date of an instant, fast: the zone's offset is looked up once per UTC hour
 * (and only trusted when it is the same at both ends of that hour; otherwise luxon decides).
 * Audits turn tens of thousands of completion times into dates.
 */
function localDateOf(rc: ReviewClock, iso: string): string {
  const ms = Date.parse(iso);
  const hour = Math.floor(ms / 3_600_000);
  let memo = offsetMemo.get(rc);
  if (!memo) offsetMemo.set(rc, (memo = new Map()));
  let offset = memo.get(hour);
  if (offset === undefined) {
    const zone = IANAZone.create(rc.zone);
    const start = zone.offset(hour * 3_600_000);
    offset = start === zone.offset((hour + 1) * 3_600_000 - 1) ? start : null;
    memo.set(hour, offset);
  }
  if (offset === null) return localDate(iso, rc.zone);
  return new Date(ms + offset * 60_000).toISOString().slice(0, 10);
}

/** Whole days from one calendar date to another (both YYYY-MM-DD, so UTC arithmetic is exact). */
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

async function reviewClock(ctx: ServiceContext): Promise<ReviewClock> {
  return { now: ctx.clock.now(), zone: await getSetting(ctx.db, 'clinic.timeZone'), overdue: await getSetting(ctx.db, 'reviews.overdue') };
}

function baseQuery(db: Db) {
  return db
    .selectFrom('followups as f')
    .innerJoin('patients as p', 'p.id', 'f.patient_id')
    .innerJoin('users as u', 'u.id', 'f.assigned_prescriber_id')
    .leftJoin('orders as o', 'o.id', 'f.order_id')
    .leftJoin('medications as m', 'm.id', 'o.medication_id')
    .leftJoin('users as cu', 'cu.id', 'f.completed_by')
    .selectAll('f')
    .select([
      'p.family_name',
      'p.given_name',
      'p.mrn',
      'u.display_name as prescriber_name',
      'm.name as medication_name',
      'm.drug_class as drug_class',
      'cu.display_name as completed_by_name',
    ]);
}
export type FollowupRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];
export { baseQuery as followupQuery };

/** A count that arithmetic on an unreadable stored date turned into NaN reads as 0. */
const finiteOr0 = (n: number) => (Number.isFinite(n) ? n : 0);

/** Rows a reader could not classify are shown as needing attention and named in the log (ids only, no patient data). */
function logUnclassifiable(ctx: ServiceContext, where: string, ids: readonly (number | string)[]): void {
  if (ids.length > 0) ctx.log?.(`${where}: ${ids.length} review(s) with a due date that cannot be classified (ids ${ids.slice(0, 20).join(', ')}); shown as needing attention.`);
}

export function toView(r: FollowupRow, rc: ReviewClock): FollowupView {
  const open = r.status === 'scheduled';
  const band = open ? bandOf(rc, r.due_date) : null;
  return {
    id: r.id,
    patientId: r.patient_id,
    patientName: `${r.family_name}, ${r.given_name}`,
    mrn: r.mrn,
    orderId: r.order_id,
    medicationName: r.medication_name,
    drugClass: r.drug_class,
    kind: r.kind,
    dueDate: r.due_date,
    assignedPrescriberId: r.assigned_prescriber_id,
    assignedPrescriberName: r.prescriber_name,
    status: r.status,
    origin: r.origin,
    reason: r.reason,
    band,
    daysLate:
      band === 'needs_attention' ? 0
      : open ? lateOf(rc, r.due_date)
      : r.completed_at ? finiteOr0(Math.max(0, daysBetween(r.due_date, localDateOf(rc, r.completed_at)))) : 0,
    completedAt: r.completed_at,
    completedByName: r.completed_by_name,
    outcome: r.outcome,
    note: r.note,
    onTime: r.status === 'completed' && r.completed_at ? onTimeOf(rc, r.due_date, r.completed_at) : null,
    cancelledReason: r.cancelled_reason,
  };
}

async function viewById(db: Db, id: number, rc: ReviewClock): Promise<FollowupView> {
  const row = await baseQuery(db).where('f.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That review');
  return toView(row, rc);
}

export async function worklist(ctx: ServiceContext, actor: Actor, q: { scope: 'mine' | 'everyone'; includeUpcoming: boolean }) {
  const rc = await reviewClock(ctx);
  let query = baseQuery(ctx.db).where('f.status', '=', 'scheduled');
  if (q.scope === 'mine') query = query.where('f.assigned_prescriber_id', '=', actor.id);
  // Worklist order (domain compareByUrgency: band, due date, id) is due-date order within the
  // readable dates, because each band is a range of due dates (bandCutoffs), so each row is
  // classified once and sorted by two plain keys. Unreadable dates lead, as the band order says.
  // (Sorted here, not in SQL: ORDER BY due_date, id would have SQLite walk a whole due-date
  // index, every closed review included, to avoid a sort.)
  const rows = (await query.execute()).sort((a, b) => (a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : a.id - b.id));
  const views = rows.map((r) => toView(r, rc));
  const attention = views.filter((v) => v.band === 'needs_attention');
  logUnclassifiable(ctx, 'Reviews worklist', attention.map((v) => v.id));
  const rest = views.filter((v) => v.band !== 'needs_attention' && (q.includeUpcoming || v.band !== 'upcoming'));
  return attention.length ? [...attention, ...rest] : rest;
}

export async function counts(ctx: ServiceContext, actor: Actor) {
  const rc = await reviewClock(ctx);
  // Counted in SQL per due date on the covering (status, due_date, assigned_prescriber_id)
  // index; the few hundred distinct dates are then classified by string comparison.
  const open = await ctx.db
    .selectFrom('followups')
    .select(['due_date', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>(eb.case().when('assigned_prescriber_id', '=', actor.id).then(1).else(0).end()).as('mine')])
    .where('status', '=', 'scheduled')
    .groupBy('due_date')
    .execute();
  const empty = () => ({ needs_attention: 0, critically_overdue: 0, overdue: 0, due_today: 0, due_soon: 0 });
  const mine = empty();
  const everyone = empty();
  for (const r of open) {
    const band = bandOf(rc, r.due_date);
    if (band === 'needs_attention') logUnclassifiable(ctx, 'Review counts', [`due ${JSON.stringify(r.due_date).slice(0, 40)}`]);
    if (band === 'upcoming') continue;
    everyone[band] += Number(r.n);
    mine[band] += Number(r.mine);
  }
  return { mine, everyone };
}

export async function forPatient(ctx: ServiceContext, patientId: number) {
  const rc = await reviewClock(ctx);
  const rows = await baseQuery(ctx.db).where('f.patient_id', '=', patientId).orderBy('f.due_date', 'desc').orderBy('f.id', 'desc').execute();
  const views = rows.map((r) => toView(r, rc));
  logUnclassifiable(ctx, "A patient's reviews", views.filter((v) => v.band === 'needs_attention').map((v) => v.id));
  return views;
}

async function assertPrescriber(db: Db, id: number): Promise<void> {
  const u = await db.selectFrom('users').select(['role', 'active']).where('id', '=', id).executeTakeFirst();
  if (!u || u.role !== 'prescriber' || u.active !== 1) throw validation('Reviews can only be assigned to an active prescriber.', [{ path: 'prescriberId', message: 'Choose a prescriber.' }]);
}

async function openReview(trx: Trx, id: number): Promise<Followup> {
  const r = await trx.selectFrom('followups').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('That review');
  if (r.status !== 'scheduled') throw conflict(`This review is already ${r.status}.`);
  return r;
}

export async function scheduleManual(
  ctx: ServiceContext,
  actor: Actor,
  input: { patientId: number; orderId: number | null; dueDate: string; assignedPrescriberId?: number; reason: string },
) {
  const rc = await reviewClock(ctx);
  const today = localDate(rc.now, rc.zone);
  if (input.dueDate < today) throw validation('A new review cannot be due in the past.', [{ path: 'dueDate', message: `Today (${today}) or later.` }]);
  // The answer is read inside the transaction: if it cannot be built, the row is not kept
  // either, so an error always means nothing was saved.
  return inTransaction(ctx, async (trx) => {
    const patient = await trx.selectFrom('patients').select('id').where('id', '=', input.patientId).executeTakeFirst();
    if (!patient) throw notFound('That patient');
    if (input.orderId !== null) {
      const order = await trx.selectFrom('orders').select('patient_id').where('id', '=', input.orderId).executeTakeFirst();
      if (!order || order.patient_id !== input.patientId) throw validation('That order does not belong to this patient.');
      const open = await trx.selectFrom('followups').select('id').where('order_id', '=', input.orderId).where('kind', '=', 'manual').where('status', '=', 'scheduled').executeTakeFirst();
      if (open) throw conflict('This order already has an open manual review; reschedule that one instead.');
    }
    const assignee = input.assignedPrescriberId ?? actor.id;
    await assertPrescriber(trx, assignee);
    const at = rc.now.toISOString();
    const row = await trx
      .insertInto('followups')
      .values({
        patient_id: input.patientId,
        order_id: input.orderId,
        kind: 'manual',
        due_date: input.dueDate,
        assigned_prescriber_id: assignee,
        origin: 'manual',
        reason: input.reason,
        created_at: at,
        created_by: actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, { at, actorId: actor.id, action: 'followups.schedule', entityType: 'followup', entityId: row.id, after: row, reason: input.reason });
    return viewById(trx, row.id, rc);
  });
}

async function updateOpen(
  ctx: ServiceContext,
  rc: ReviewClock,
  actor: Actor,
  id: number,
  action: AuditAction,
  reason: string,
  change: (r: Followup, trx: Trx) => Promise<Partial<Followup>>,
) {
  return inTransaction(ctx, async (trx) => {
    const before = await openReview(trx, id);
    const set = await change(before, trx);
    const after = await trx.updateTable('followups').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, { at: rc.now.toISOString(), actorId: actor.id, action, entityType: 'followup', entityId: id, before, after, reason });
    return viewById(trx, id, rc);
  });
}

export const reassign = async (ctx: ServiceContext, actor: Actor, input: { id: number; prescriberId: number; reason: string }) =>
  updateOpen(ctx, await reviewClock(ctx), actor, input.id, 'followups.reassign', input.reason, async (r, trx) => {
    if (r.assigned_prescriber_id === input.prescriberId) throw validation('The review is already assigned to that prescriber.');
    await assertPrescriber(trx, input.prescriberId);
    return { assigned_prescriber_id: input.prescriberId };
  });

export const reschedule = async (ctx: ServiceContext, actor: Actor, input: { id: number; dueDate: string; reason: string }) => {
  const rc = await reviewClock(ctx);
  const today = localDate(rc.now, rc.zone);
  if (input.dueDate < today) throw validation('A review cannot be rescheduled into the past.', [{ path: 'dueDate', message: `Today (${today}) or later.` }]);
  // The clock that checked the date also stamps the change: the settings are read once.
  return updateOpen(ctx, rc, actor, input.id, 'followups.reschedule', input.reason, async (r) => {
    if (r.due_date === input.dueDate) throw validation('That is already the due date.');
    return { due_date: input.dueDate };
  });
};

/**
 * Completes a review. A routine review schedules the next routine one from today (policy
 * interval), inside the same transaction, so an active order always has a routine review open.
 */
export async function complete(ctx: ServiceContext, actor: Actor, input: { id: number; outcome: ReviewOutcome; note: string }) {
  const rc = await reviewClock(ctx);
  const at = rc.now.toISOString();
  return inTransaction(ctx, async (trx) => {
    const views = async (nextId: number | null) => ({ review: await viewById(trx, input.id, rc), next: nextId ? await viewById(trx, nextId, rc) : null });
    const before = await openReview(trx, input.id);
    const after = await trx
      .updateTable('followups')
      .set({ status: 'completed', completed_at: at, completed_by: actor.id, outcome: input.outcome, note: input.note })
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, { at, actorId: actor.id, action: 'followups.complete', entityType: 'followup', entityId: input.id, before, after });
    if (before.kind !== 'routine' || before.order_id === null || input.outcome === 'stop') return views(null);
    const order = await trx.selectFrom('orders').selectAll().where('id', '=', before.order_id).executeTakeFirstOrThrow();
    // An order that has ended is left out by scheduleByPolicy (orderRunsOn).
    if (order.status !== 'active' && order.status !== 'held') return views(null);
    const medication = await getMedication(trx, order.medication_id);
    const next = await scheduleByPolicy(trx, { event: 'routine', at, actorId: actor.id, order, medication, eventInstant: at });
    return views(next?.id ?? null);
  });
}

