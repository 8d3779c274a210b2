import type { Followup, FollowupKind, Medication } from '../../db/schema';
import { addDays, dueDateFor, localDate, orderRunsOn, policyFor, type MedicationFacts, type PolicyEventKind } from '../domain/followups';
import { afterDays } from '../domain/display';
import { appendAudit } from './audit';
import type { Trx } from './context';
import { getSetting } from './settings';

/**
 * Scheduling prescriber reviews from clinical events. Every function here runs inside the
 * transaction of the event that causes it, so an order and its review land together or not at
 * all, and the partial unique index `followups_one_open` backs "nothing is scheduled twice".
 */

/** The medication columns the review policy reads. */
type PolicyMedication = Pick<Medication, 'drug_class' | 'sedating_class' | 'dea_schedule' | 'withdrawal_management'>;

export const medicationFacts = (m: PolicyMedication): MedicationFacts => ({
  drugClass: m.drug_class,
  sedatingClass: m.sedating_class,
  deaSchedule: m.dea_schedule,
  withdrawalManagement: m.withdrawal_management === 1,
});

export interface ReviewEvent {
  event: PolicyEventKind;
  at: string;
  actorId: number | null;
  order: { id: number; patient_id: number; prescriber_id: number; end_at: string | null };
  medication: PolicyMedication;
  /** When the event takes effect clinically (a taper step's own time; a start time). */
  eventInstant: string;
  /** For discharge: the calendar date of discharge. */
  eventDate?: string;
  doseVersionId?: number | null;
}

/** Schedules the review the policy asks for, unless an equivalent one is already open. */
export async function scheduleByPolicy(trx: Trx, ev: ReviewEvent): Promise<Followup | null> {
  const policy = await getSetting(trx, 'reviews.policy');
  const zone = await getSetting(trx, 'clinic.timeZone');
  const days = policyFor(ev.event, medicationFacts(ev.medication), policy);
  if (days === null) return null;
  const dueDate = ev.eventDate ? addDays(ev.eventDate, days) : dueDateFor(ev.eventInstant, days, zone);
  const kind: FollowupKind = ev.event;
  // A routine review checks an order in progress: none is due on a day the order has ended.
  if (kind === 'routine' && !orderRunsOn(dueDate, ev.order.end_at, zone)) return null;
  const doseVersionId = ev.doseVersionId ?? null;
  let existing = trx
    .selectFrom('followups')
    .selectAll()
    .where('order_id', '=', ev.order.id)
    .where('kind', '=', kind)
    .where('status', '=', 'scheduled');
  existing = doseVersionId === null ? existing.where('dose_version_id', 'is', null) : existing.where('dose_version_id', '=', doseVersionId);
  const open = await existing.executeTakeFirst();
  // The open review already covers this event: keep it (its due date is the earlier one).
  if (open) return null;
  const row = await trx
    .insertInto('followups')
    .values({
      patient_id: ev.order.patient_id,
      order_id: ev.order.id,
      dose_version_id: doseVersionId,
      kind,
      due_date: dueDate,
      assigned_prescriber_id: ev.order.prescriber_id,
      origin: 'policy',
      reason: `Policy: ${ev.event.replace('_', ' ')} review ${afterDays(days)}`,
      created_at: ev.at,
      created_by: ev.actorId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(trx, { at: ev.at, actorId: ev.actorId, action: 'followups.schedule', entityType: 'followup', entityId: row.id, after: row });
  return row;
}

/** Cancels open reviews of an order (all, or those of some kinds / dose versions), audited. */
export async function cancelOpenReviews(
  trx: Trx,
  at: string,
  actorId: number,
  orderId: number,
  reason: string,
  filter: { kinds?: FollowupKind[]; doseVersionIds?: number[] } = {},
): Promise<number> {
  let q = trx.selectFrom('followups').selectAll().where('order_id', '=', orderId).where('status', '=', 'scheduled');
  if (filter.kinds) q = q.where('kind', 'in', filter.kinds);
  if (filter.doseVersionIds) {
    if (filter.doseVersionIds.length === 0) return 0;
    q = q.where('dose_version_id', 'in', filter.doseVersionIds);
  }
  const open = await q.execute();
  for (const before of open) {
    const after = await trx
      .updateTable('followups')
      .set({ status: 'cancelled', cancelled_reason: reason, cancelled_at: at })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, { at, actorId, action: 'followups.cancel', entityType: 'followup', entityId: before.id, before, after, reason });
  }
  return open.length;
}

/** A discharge with active orders schedules one review per order still running. */
export async function scheduleDischargeReviews(trx: Trx, at: string, actorId: number, patientId: number, dischargeDate: string): Promise<number> {
  const orders = await trx
    .selectFrom('orders')
    .innerJoin('medications', 'medications.id', 'orders.medication_id')
    .select(['orders.id', 'orders.patient_id', 'orders.prescriber_id', 'orders.end_at'])
    .select(['medications.drug_class', 'medications.sedating_class', 'medications.dea_schedule', 'medications.withdrawal_management'])
    .where('orders.patient_id', '=', patientId)
    .where('orders.status', 'in', ['active', 'held'])
    .where((eb) => eb.or([eb('orders.end_at', 'is', null), eb('orders.end_at', '>', at)]))
    .execute();
  let n = 0;
  // The join already carries what the policy reads of each medication.
  for (const o of orders) {
    const r = await scheduleByPolicy(trx, { event: 'discharge', at, actorId, order: o, medication: o, eventInstant: at, eventDate: dischargeDate });
    if (r) n++;
  }
  return n;
}

/**
 * A MAR alert (issue 7): a prescriber review due today on the order, kind 'mar_alert', in the
 * transaction of the event that raised it. One open per order (the partial unique index backs
 * it): a second alert while one is open adds nothing and answers null. Without an order (a
 * severe score with no withdrawal order) the review is on the patient, for `prescriberId`.
 */
export async function scheduleMarAlert(
  trx: Trx,
  ev: { at: string; actorId: number; patientId: number; orderId: number | null; prescriberId: number; reason: string },
): Promise<Followup | null> {
  const zone = await getSetting(trx, 'clinic.timeZone');
  let open = trx.selectFrom('followups').select('id').where('kind', '=', 'mar_alert').where('status', '=', 'scheduled');
  open = ev.orderId === null ? open.where('patient_id', '=', ev.patientId).where('order_id', 'is', null) : open.where('order_id', '=', ev.orderId);
  if (await open.executeTakeFirst()) return null;
  const row = await trx
    .insertInto('followups')
    .values({
      patient_id: ev.patientId,
      order_id: ev.orderId,
      dose_version_id: null,
      kind: 'mar_alert',
      due_date: localDate(ev.at, zone),
      assigned_prescriber_id: ev.prescriberId,
      origin: 'policy',
      reason: `MAR alert: ${ev.reason}`,
      created_at: ev.at,
      created_by: ev.actorId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(trx, { at: ev.at, actorId: ev.actorId, action: 'followups.schedule', entityType: 'followup', entityId: row.id, after: row, reason: row.reason });
  return row;
}
