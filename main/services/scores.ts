import { DateTime } from 'luxon';
import type { WithdrawalScore } from '../../db/schema';
import { localDate } from '../domain/followups';
import { marAlertFor } from '../domain/marAlerts';
import { SCALE_ITEMS, validateScoreItems } from '../domain/scoreItems';
import { SCORE_BANDS, scoreBand, type WithdrawalScale } from '../domain/scores';
import type { ScoreView } from '../ipc/contract/scores';
import { assertMayCorrect } from './administrationCorrections';
import { requireNurse } from './administrations';
import { appendAudit } from './audit';
import { inTransaction, type Actor, type ServiceContext, type Trx } from './context';
import { conflict, notFound, validation } from './errors';
import { scheduleMarAlert } from './followupScheduling';
import { groupBy, userNames } from './marData';
import { getAllSettings, getSetting } from './settings';

/**
 * Withdrawal scores (issue 7 item 5): entered item by item, totalled and banded by the domain,
 * stored with time, nurse and items; a severe one puts a review due today on the withdrawal
 * order (item 6), in the same transaction.
 */

const FUTURE_TOLERANCE_MS = 5 * 60_000;

type Db = ServiceContext['db'] | Trx;

export function scaleDefinitions() {
  return (Object.keys(SCALE_ITEMS) as WithdrawalScale[]).map((scale) => ({
    scale,
    min: SCORE_BANDS[scale].min,
    max: SCORE_BANDS[scale].max,
    source: SCORE_BANDS[scale].source,
    items: SCALE_ITEMS[scale].map((i) => ({
      key: i.key,
      label: i.label,
      prompt: i.prompt,
      values: [...i.values],
      anchors: Object.entries(i.anchors).map(([value, text]) => ({ value: Number(value), text })),
    })),
    bands: SCORE_BANDS[scale].bands.map((b) => ({ band: b.band, label: b.label, min: b.min, max: b.max })),
  }));
}

async function scoreViews(db: Db, rows: WithdrawalScore[]): Promise<ScoreView[]> {
  if (rows.length === 0) return [];
  const names = await userNames(db);
  const uses = await db.selectFrom('administrations').select(['id', 'score_id']).where('score_id', 'in', rows.map((r) => r.id)).execute();
  const usesBy = groupBy(uses, (u) => u.score_id);
  return rows.map((r) => {
    const band = scoreBand(r.scale, r.total);
    return {
      id: r.id,
      patientId: r.patient_id,
      scale: r.scale,
      items: JSON.parse(r.items) as Record<string, number>,
      total: r.total,
      band: r.band,
      bandLabel: band.ok ? band.label : r.band,
      scoredAt: r.scored_at,
      recordedAt: r.recorded_at,
      nurseName: names.get(r.nurse_id) ?? `user ${r.nurse_id}`,
      orderId: r.order_id,
      note: r.note,
      administrationIds: (usesBy.get(r.id) ?? []).map((u) => u.id),
      enteredInError:
        r.entered_in_error_at === null
          ? null
          : { at: r.entered_in_error_at, byName: names.get(r.entered_in_error_by ?? 0) ?? '', reason: r.entered_in_error_reason ?? '' },
    };
  });
}

export async function recordScore(
  ctx: ServiceContext,
  actor: Actor,
  input: { patientId: number; scale: WithdrawalScale; items: Record<string, number>; scoredAt: string | null; orderId: number | null; note: string | null },
): Promise<{ score: ScoreView; alert: { followupId: number; orderId: number; dueDate: string; reason: string } | null }> {
  requireNurse(actor);
  const checked = validateScoreItems(input.scale, input.items);
  if (!checked.ok) {
    throw validation(`${input.scale}: ${checked.errors[0].message}${checked.errors.length > 1 ? ` (and ${checked.errors.length - 1} more)` : ''}`, checked.errors.map((e) => ({ path: `items.${e.item}`, message: e.message })));
  }
  const now = ctx.clock.now();
  const at = now.toISOString();
  const scoredAt = input.scoredAt ?? at;
  if (Date.parse(scoredAt) > now.getTime() + FUTURE_TOLERANCE_MS) throw validation('A score cannot be recorded for a time in the future.', [{ path: 'scoredAt', message: 'Now or earlier.' }]);
  return inTransaction(ctx, async (trx) => {
    const patient = await trx.selectFrom('patients').selectAll().where('id', '=', input.patientId).executeTakeFirst();
    if (!patient) throw notFound('That patient');
    const zone = await getSetting(trx, 'clinic.timeZone');
    if (patient.discharge_date && patient.discharge_date < localDate(scoredAt, zone)) throw conflict('This patient has been discharged; scores are recorded for patients in the program.');
    if (input.orderId !== null) {
      const o = await trx.selectFrom('orders').select('patient_id').where('id', '=', input.orderId).executeTakeFirst();
      if (!o || o.patient_id !== patient.id) throw validation('That order is not one of this patient\u2019s.', [{ path: 'orderId', message: 'Choose an order of this patient.' }]);
    }
    const row = await trx
      .insertInto('withdrawal_scores')
      .values({ patient_id: patient.id, scale: input.scale, items: JSON.stringify(input.items), total: checked.total, band: checked.band, scored_at: scoredAt, nurse_id: actor.id, order_id: input.orderId, note: input.note || null, recorded_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, { at, actorId: actor.id, action: 'scores.record', entityType: 'withdrawal_score', entityId: row.id, after: row });

    const settings = await getAllSettings(trx);
    const alertReason = marAlertFor({ kind: 'score', scale: input.scale, total: checked.total }, settings['mar.alerts']);
    let alert = null;
    if (alertReason) {
      const order = await alertOrder(trx, patient.id, input.orderId, at);
      if (order) {
        const f = await scheduleMarAlert(trx, { at, actorId: actor.id, patientId: patient.id, orderId: order.id, prescriberId: order.prescriber_id, reason: alertReason.reason });
        if (f) alert = { followupId: f.id, orderId: order.id, dueDate: f.due_date, reason: alertReason.reason };
      }
    }
    const [score] = await scoreViews(trx, [row]);
    return { score, alert };
  });
}

/** The order a severe score is about: the one named, else the patient's latest running withdrawal-management order, else their latest order. */
async function alertOrder(trx: Trx, patientId: number, orderId: number | null, at: string) {
  if (orderId !== null) return trx.selectFrom('orders').select(['id', 'prescriber_id']).where('id', '=', orderId).executeTakeFirst();
  return trx
    .selectFrom('orders')
    .innerJoin('medications', 'medications.id', 'orders.medication_id')
    .select(['orders.id', 'orders.prescriber_id'])
    .where('orders.patient_id', '=', patientId)
    .where('orders.status', 'in', ['active', 'held'])
    .where((eb) => eb.or([eb('orders.end_at', 'is', null), eb('orders.end_at', '>', at)]))
    .orderBy('medications.withdrawal_management', 'desc')
    .orderBy('orders.start_at', 'desc')
    .executeTakeFirst();
}

export async function markScoreEnteredInError(ctx: ServiceContext, actor: Actor, input: { id: number; reason: string }): Promise<ScoreView> {
  requireNurse(actor);
  return inTransaction(ctx, async (trx) => {
    const before = await trx.selectFrom('withdrawal_scores').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!before) throw notFound('That score');
    await assertMayCorrect(trx, actor, before, input.reason, 'score');
    const at = ctx.clock.now().toISOString();
    const after = await trx
      .updateTable('withdrawal_scores')
      .set({ entered_in_error_at: at, entered_in_error_by: actor.id, entered_in_error_reason: input.reason })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, { at, actorId: actor.id, action: 'scores.entered_in_error', entityType: 'withdrawal_score', entityId: before.id, before, after, reason: input.reason });
    return (await scoreViews(trx, [after]))[0];
  });
}

export async function scoresForPatient(ctx: ServiceContext, input: { patientId: number; endDate?: string; days: number; orderId?: number }): Promise<ScoreView[]> {
  const zone = await getSetting(ctx.db, 'clinic.timeZone');
  const end = input.endDate ?? localDate(ctx.clock.now(), zone);
  const to = DateTime.fromISO(end, { zone }).plus({ days: 1 }).startOf('day');
  const from = to.minus({ days: input.days });
  let q = ctx.db
    .selectFrom('withdrawal_scores')
    .selectAll()
    .where('patient_id', '=', input.patientId)
    .where('scored_at', '>=', from.toUTC().toISO()!)
    .where('scored_at', '<', to.toUTC().toISO()!)
    .orderBy('scored_at');
  if (input.orderId !== undefined) q = q.where('order_id', '=', input.orderId);
  return scoreViews(ctx.db, await q.execute());
}
