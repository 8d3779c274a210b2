import type { ProgramDaysView } from '../ipc/contract/programDays';
import { appendAudit } from './audit';
import { inTransaction, type Actor, type ServiceContext, type Trx } from './context';
import { AppError, notFound, validation } from './errors';
import { userNames } from './marData';

/**
 * A home patient's program days (issue 7 item 1): the weekly attendance pattern plus one-off
 * absences and extra days, edited on the patient's page and audited with before and after.
 * Residents get staff-given doses every day, so their pattern is kept but not read.
 */
type Db = ServiceContext['db'] | Trx;

async function view(db: Db, patientId: number): Promise<ProgramDaysView> {
  const patient = await db.selectFrom('patients').select(['id', 'residence']).where('id', '=', patientId).executeTakeFirst();
  if (!patient) throw notFound('That patient');
  const row = await db.selectFrom('program_days').selectAll().where('patient_id', '=', patientId).executeTakeFirst();
  const names = row?.updated_by ? await userNames(db) : new Map<number, string>();
  return {
    patientId,
    residence: patient.residence,
    weekdays: row ? (JSON.parse(row.weekdays) as number[]) : [],
    absences: row ? (JSON.parse(row.absences) as string[]) : [],
    extraDays: row ? (JSON.parse(row.extra_days) as string[]) : [],
    updatedAt: row?.updated_at ?? null,
    updatedByName: row?.updated_by ? (names.get(row.updated_by) ?? null) : null,
  };
}

export const getProgramDays = (ctx: ServiceContext, patientId: number) => view(ctx.db, patientId);

const sortedUnique = <T extends number | string>(xs: readonly T[]): T[] => [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export async function updateProgramDays(
  ctx: ServiceContext,
  actor: Actor,
  input: { patientId: number; weekdays: number[]; absences: string[]; extraDays: string[]; reason: string | null },
): Promise<ProgramDaysView> {
  if (actor.role !== 'nurse' && actor.role !== 'prescriber') throw new AppError('FORBIDDEN', 'Only nurses and prescribers change program days.');
  const weekdays = sortedUnique(input.weekdays);
  const absences = sortedUnique(input.absences);
  const extraDays = sortedUnique(input.extraDays);
  const both = absences.filter((d) => extraDays.includes(d));
  if (both.length > 0) {
    throw validation(`${both.join(', ')} is listed both as an absence and as an extra day; keep it in one list.`, [{ path: 'extraDays', message: 'Remove the date from one list.' }]);
  }
  return inTransaction(ctx, async (trx) => {
    const before = await view(trx, input.patientId);
    const at = ctx.clock.now().toISOString();
    const values = { weekdays: JSON.stringify(weekdays), absences: JSON.stringify(absences), extra_days: JSON.stringify(extraDays), updated_at: at, updated_by: actor.id };
    await trx
      .insertInto('program_days')
      .values({ patient_id: input.patientId, ...values })
      .onConflict((oc) => oc.column('patient_id').doUpdateSet(values))
      .execute();
    const after = await view(trx, input.patientId);
    await appendAudit(trx, {
      at,
      actorId: actor.id,
      action: 'programDays.update',
      entityType: 'program_days',
      entityId: input.patientId,
      before: { weekdays: before.weekdays, absences: before.absences, extraDays: before.extraDays },
      after: { weekdays, absences, extraDays },
      reason: input.reason,
    });
    return after;
  });
}
