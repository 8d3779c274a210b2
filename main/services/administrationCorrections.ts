import type { EnteredInErrorRefusalKind } from '../domain/corrections';
import { enteredInErrorRefusal } from '../domain/corrections';
import type { AdministrationView, RecordAdministrationInput } from '../ipc/contract/administrations';
import { alertOnCapRefusal, PrnCapRefusal } from './administrationPrn';
import { loadForRecord, recordInTrx, requireNurse, type RecordResult } from './administrations';
import { checkWitness } from './administrationWitness';
import { appendAudit } from './audit';
import { inTransaction, type Actor, type ServiceContext, type Trx } from './context';
import { AppError, conflict, notFound, validation } from './errors';
import { userNames } from './marData';
import { administrationView } from './marViews';
import { getSetting } from './settings';

/**
 * Corrections (issue 7 item 7): nothing is edited or deleted. A wrong entry is marked
 * entered-in-error with a reason, by whom the clinic's rule allows (domain/corrections.ts), and
 * may be replaced by a new entry pointing to it, in the same transaction.
 */

/** The domain's refusal as the error a nurse sees: the record's state is a conflict, who may do it is a permission. */
export function correctionError(refusal: { kind: EnteredInErrorRefusalKind; message: string }): AppError {
  if (refusal.kind === 'already_in_error') return conflict(refusal.message);
  if (refusal.kind === 'no_reason') return validation(refusal.message, [{ path: 'reason', message: 'Say why the entry is wrong.' }]);
  return new AppError('FORBIDDEN', refusal.message);
}

/** Refuses (throws) unless the actor may mark this record entered-in-error under the clinic's rule. */
export async function assertMayCorrect(
  trx: Trx,
  actor: Actor,
  record: { nurse_id: number; entered_in_error_at: string | null },
  reason: string,
  what: 'entry' | 'score',
): Promise<void> {
  const rule = await getSetting(trx, 'mar.enteredInErrorBy');
  const me = await trx.selectFrom('users').select('charge_nurse').where('id', '=', actor.id).executeTakeFirstOrThrow();
  const refusal = enteredInErrorRefusal({
    rule,
    authorId: record.nurse_id,
    actor: { id: actor.id, role: actor.role, chargeNurse: me.charge_nurse === 1 },
    alreadyInError: record.entered_in_error_at !== null,
    reason,
    what,
  });
  if (refusal) throw correctionError(refusal);
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
      await assertMayCorrect(trx, actor, before, input.reason, 'entry');
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
