import { taperCalendar } from '../domain/taperCalendar';
import type { MedicationListPrint } from '../ipc/contract/orders';
import { appendAudit } from './audit';
import { inTransaction, type Actor, type ServiceContext } from './context';
import { notFound, validation } from './errors';
import { PART2_NOTICE } from './mar';
import { asDomainDose, wordsFor } from './orderViews';
import { getSetting } from './settings';

/**
 * Printing a patient's medication list (issue 8 item 12) discloses it on paper, so main records
 * it first (who, which patient, which medications) and answers with what the paper must carry
 * that the screen does not: the clinic, who printed it and when (main's clock, not the
 * workstation's), the confidentiality notice, and each printed order's whole taper calendar.
 * The audit entry and the answer are made in one transaction.
 */
export async function printMedicationList(
  ctx: ServiceContext,
  actor: Actor,
  input: { patientId: number; orderIds: number[] },
): Promise<MedicationListPrint> {
  return inTransaction(ctx, async (trx) => {
    const patient = await trx.selectFrom('patients').select('id').where('id', '=', input.patientId).executeTakeFirst();
    if (!patient) throw notFound('That patient');
    const ids = [...new Set(input.orderIds)];
    const orders = ids.length === 0 ? [] : await trx.selectFrom('orders').select(['id', 'patient_id']).where('id', 'in', ids).execute();
    if (orders.length !== ids.length || orders.some((o) => o.patient_id !== patient.id)) {
      throw validation("Some of those medications are not on this patient's list. Reload the list and print again.");
    }
    const versions = ids.length === 0 ? [] : await trx.selectFrom('dose_versions').selectAll().where('order_id', 'in', ids).execute();
    const printedAt = ctx.clock.now().toISOString();
    const tapers = ids.flatMap((orderId) => {
      const steps = taperCalendar(versions.filter((v) => v.order_id === orderId).map(asDomainDose), printedAt);
      if (steps.length === 0) return [];
      return [
        {
          orderId,
          steps: steps.map((s) => ({
            from: s.version.effectiveFrom,
            until: s.until,
            amount: s.version.amount,
            unit: s.version.unit,
            frequencyWords: wordsFor(s.version.frequency),
            dailyTotal: s.dailyTotal,
            state: s.state,
          })),
        },
      ];
    });
    await appendAudit(trx, {
      at: printedAt,
      actorId: actor.id,
      action: 'orders.print_list',
      entityType: 'patient',
      entityId: patient.id,
      after: { orderIds: ids },
    });
    return { clinicName: await getSetting(trx, 'clinic.name'), printedAt, printedBy: actor.displayName, notice: PART2_NOTICE, tapers };
  });
}
