import type { Medication } from '../../db/schema';
import type { RecordAdministrationInput } from '../ipc/contract/administrations';
import type { Actor, ServiceContext } from './context';
import { validation } from './errors';
import { verifyWitness, type PublicUser } from './users';

/**
 * The witness of a controlled dose (issue 7 item 4): a second active nurse or prescriber, not
 * the giver, confirming with their own password, checked like a login (users.verifyWitness:
 * same throttling, failures audited, no session switch). Checked before the dose's
 * transaction, so a slow password hash never holds the write lock.
 */

export const needsWitness = (med: Medication, outcome: string) => med.dea_schedule !== null && outcome === 'given';

export async function checkWitness(
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

/** For a witness whose password a trusted main-process caller already checked (the demo builder). */
export async function recheckWitness(ctx: ServiceContext, actor: Actor, w: PublicUser): Promise<PublicUser> {
  const u = await ctx.db.selectFrom('users').select(['id', 'role', 'active']).where('id', '=', w.id).executeTakeFirst();
  if (!u || u.active !== 1 || (u.role !== 'nurse' && u.role !== 'prescriber') || u.id === actor.id) {
    throw validation('The witness must be an active nurse or prescriber other than the nurse giving the dose.');
  }
  return w;
}
