import { caseless, containsCaseless } from '../../db/dialect';
import type { Medication as MedicationRow } from '../../db/schema';
import type { DoseRange } from '../domain/doseRange';
import { FORMULARY_SEED } from '../domain/formulary';
import type { Medication, MedicationInput } from '../ipc/contract/formulary';
import { appendAudit } from './audit';
import { inTransaction, nowIso, type Actor, type ServiceContext, type Trx } from './context';
import { conflict, notFound } from './errors';

export const toMedication = (m: MedicationRow): Medication => ({
  id: m.id,
  name: m.name,
  ingredients: JSON.parse(m.ingredients) as string[],
  rxnormCode: m.rxnorm_code,
  form: m.form,
  strengths: JSON.parse(m.strengths) as number[],
  unit: m.unit,
  drugClass: m.drug_class,
  sedatingClass: m.sedating_class,
  deaSchedule: m.dea_schedule,
  withdrawalManagement: m.withdrawal_management === 1,
  origin: m.origin,
  active: m.active === 1,
  doseRange: { usualSingle: m.usual_single_dose, maxSingle: m.max_single_dose, maxDaily: m.max_daily_dose },
  doseRangeSource: m.dose_range_source,
});

/** The dose range the domain checks, from a formulary row. */
export const doseRangeOf = (m: MedicationRow): DoseRange => ({
  usualSingle: m.usual_single_dose,
  maxSingle: m.max_single_dose,
  maxDaily: m.max_daily_dose,
});

const columns = (m: MedicationInput) => ({
  name: m.name,
  ingredients: JSON.stringify(m.ingredients.map((i) => i.toLowerCase())),
  rxnorm_code: m.rxnormCode,
  form: m.form,
  strengths: JSON.stringify([...m.strengths].sort((a, b) => a - b)),
  unit: m.unit,
  drug_class: m.drugClass,
  sedating_class: m.sedatingClass,
  dea_schedule: m.deaSchedule,
  withdrawal_management: m.withdrawalManagement ? 1 : 0,
  usual_single_dose: m.doseRange.usualSingle,
  max_single_dose: m.doseRange.maxSingle,
  max_daily_dose: m.doseRange.maxDaily,
  dose_range_source: m.doseRangeSource,
});

/**
 * Adds the shipped formulary entries this file does not have yet (by name). Existing rows are
 * never touched: the clinic may have edited them. Runs at clinic creation and after upgrades.
 */
export async function ensureShippedFormulary(trx: Trx, at: string): Promise<number> {
  const existing = new Map((await trx.selectFrom('medications').selectAll().execute()).map((r) => [r.name.toLowerCase(), r]));
  let added = 0;
  for (const seed of FORMULARY_SEED) {
    const have = existing.get(seed.name.toLowerCase());
    if (have) {
      await fillShippedDoseRange(trx, at, have, seed);
      continue;
    }
    const row = await trx
      .insertInto('medications')
      .values({
        ...columns({ ...seed, ingredients: [...seed.ingredients], strengths: [...seed.strengths], doseRange: { ...seed.doseRange } }),
        origin: 'shipped',
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      at,
      actorId: null,
      action: 'formulary.ship',
      entityType: 'medication',
      entityId: row.id,
      after: toMedication(row),
    });
    added++;
  }
  return added;
}

/**
 * A shipped entry from before dose ranges (migration 0004) gets the seed's range, once: only
 * while it has no range and no source at all, so an administrator's own range is never replaced.
 */
async function fillShippedDoseRange(trx: Trx, at: string, row: MedicationRow, seed: (typeof FORMULARY_SEED)[number]): Promise<void> {
  if (row.origin !== 'shipped' || row.dose_range_source !== null) return;
  if (row.usual_single_dose !== null || row.max_single_dose !== null || row.max_daily_dose !== null) return;
  if (row.unit !== seed.unit) return;
  const after = await trx
    .updateTable('medications')
    .set({
      usual_single_dose: seed.doseRange.usualSingle,
      max_single_dose: seed.doseRange.maxSingle,
      max_daily_dose: seed.doseRange.maxDaily,
      dose_range_source: seed.doseRangeSource,
      updated_at: at,
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(trx, {
    at,
    actorId: null,
    action: 'formulary.ship_dose_range',
    entityType: 'medication',
    entityId: row.id,
    before: toMedication(row),
    after: toMedication(after),
  });
}

export async function listFormulary(ctx: ServiceContext, q: { includeInactive: boolean; query: string }): Promise<Medication[]> {
  let query = ctx.db
    .selectFrom('medications')
    .selectAll()
    .orderBy(caseless('name'));
  if (!q.includeInactive) query = query.where('active', '=', 1);
  if (q.query.trim()) query = query.where(containsCaseless('name', q.query.trim()));
  return (await query.execute()).map(toMedication);
}

export async function getMedication(db: ServiceContext['db'] | Trx, id: number): Promise<MedicationRow> {
  const m = await db.selectFrom('medications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) throw notFound('That medication');
  return m;
}

async function assertNameFree(trx: Trx, name: string, exceptId?: number) {
  const clash = await trx.selectFrom('medications').select('id').where('name', '=', name).executeTakeFirst();
  if (clash && clash.id !== exceptId) throw conflict(`The formulary already has "${name}".`);
}

export async function createMedication(ctx: ServiceContext, actor: Actor, input: MedicationInput): Promise<Medication> {
  return inTransaction(ctx, async (trx) => {
    await assertNameFree(trx, input.name);
    const at = nowIso(ctx);
    const row = await trx
      .insertInto('medications')
      .values({ ...columns(input), origin: 'clinic', created_at: at, updated_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      at,
      actorId: actor.id,
      action: 'formulary.create',
      entityType: 'medication',
      entityId: row.id,
      after: toMedication(row),
    });
    return toMedication(row);
  });
}

export async function updateMedication(ctx: ServiceContext, actor: Actor, id: number, input: MedicationInput, reason: string) {
  return inTransaction(ctx, async (trx) => {
    const before = await getMedication(trx, id);
    await assertNameFree(trx, input.name, id);
    const at = nowIso(ctx);
    const row = await trx
      .updateTable('medications')
      .set({ ...columns(input), updated_at: at })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      at,
      actorId: actor.id,
      action: 'formulary.update',
      entityType: 'medication',
      entityId: id,
      before: toMedication(before),
      after: toMedication(row),
      reason,
    });
    return toMedication(row);
  });
}

export async function setMedicationActive(ctx: ServiceContext, actor: Actor, id: number, active: boolean, reason: string) {
  return inTransaction(ctx, async (trx) => {
    const before = await getMedication(trx, id);
    const at = nowIso(ctx);
    const row = await trx
      .updateTable('medications')
      .set({ active: active ? 1 : 0, updated_at: at })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      at,
      actorId: actor.id,
      action: active ? 'formulary.activate' : 'formulary.deactivate',
      entityType: 'medication',
      entityId: id,
      before: toMedication(before),
      after: toMedication(row),
      reason,
    });
    return toMedication(row);
  });
}
