import type { DoseVersion as DoseRow, Medication as MedicationRow, Order } from '../../db/schema';
import { plannedTaperSteps } from '../domain/orders';
import type { TaperStep } from '../domain/taper';
import { appendAudit } from './audit';
import type { Actor, Trx } from './context';
import { cancelOpenReviews, scheduleByPolicy } from './followupScheduling';
import { asDomainDose } from './orderViews';

/**
 * Dose versions as the prescribing use cases write them (split from orders.ts): every dose
 * change and every planned taper step is a new row with its audit entry; a planned step that is
 * dropped is voided (never deleted) and its review cancelled, in the caller's transaction.
 */

export async function versionsOf(trx: Trx, orderId: number): Promise<DoseRow[]> {
  return trx.selectFrom('dose_versions').selectAll().where('order_id', '=', orderId).orderBy('effective_from').orderBy('id').execute();
}

/** Taper steps still to come after an instant (domain/orders.ts plannedTaperSteps), as rows. */
export const plannedAfter = (versions: DoseRow[], after: string) => plannedTaperSteps(versions.map(asDomainDose), after).map((v) => v.row);

export async function insertVersion(
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

export async function voidVersions(trx: Trx, at: string, actor: Actor, rows: DoseRow[], reason: string): Promise<void> {
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
export async function addTaperSteps(
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
      frequency: step.frequency ?? base.frequency,
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
export async function dropPlannedSteps(trx: Trx, at: string, actor: Actor, orderId: number, planned: DoseRow[], reason: string): Promise<void> {
  await voidVersions(trx, at, actor, planned, reason);
  await cancelOpenReviews(trx, at, actor.id, orderId, reason, { kinds: ['taper_step'], doseVersionIds: planned.map((p) => p.id) });
}

/** Taper steps of an order still to come after an instant. */
export const plannedStepsOf = async (trx: Trx, orderId: number, after: string) => plannedAfter(await versionsOf(trx, orderId), after);
