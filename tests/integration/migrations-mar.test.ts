import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../db/open';
import { migrateToLatest } from '../../db/migrate';
import { migrations } from '../../migrations';
import { symptomTriggerOf } from '../../main/services/orderViews';
import { makeTempDir } from '../support/tempdb';

/**
 * 0005_mar: rows written at schema version 1 (orders with a free-text symptom trigger, a held
 * order with its hold in the audit log, a past hold, an administration, reviews) go through the
 * migration; then its new constraints and triggers hold.
 */
let dir: string;
let h: ClinicDatabase;
const at = '2026-11-20T15:00:00.000Z';
const v1 = migrations.filter((m) => m.version === 1);
const beforeMar = migrations.slice(0, migrations.findIndex((m) => m.name === '0005_mar'));
const throughMar = migrations.slice(0, migrations.findIndex((m) => m.name === '0005_mar') + 1);

beforeEach(async () => {
  dir = makeTempDir();
  h = await openClinicDatabase({ file: path.join(dir, 'clinic.db'), key: crypto.randomBytes(32), create: true, migrate: false });
  await migrateToLatest(h, v1);
});
afterEach(async () => {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function seedVersion1(db: ClinicDatabase['db']) {
  const raw = db as unknown as ClinicDatabase['db'];
  const id = async (q: Promise<{ id: number }>) => (await q).id;
  const rx = await id(raw.insertInto('users').values({ login: 'rx', display_name: 'Dr. Mig', role: 'prescriber', password_hash: 'x', created_at: at, updated_at: at } as never).returning('id').executeTakeFirstOrThrow());
  const rn = await id(raw.insertInto('users').values({ login: 'rn', display_name: 'Nurse Mig', role: 'nurse', password_hash: 'x', created_at: at, updated_at: at } as never).returning('id').executeTakeFirstOrThrow());
  const patient = await id(raw.insertInto('patients').values({ mrn: 'M-2', family_name: 'Migra', given_name: 'Tess', date_of_birth: '1970-01-01', admission_date: '2026-11-01', level_of_care: '2.1', residence: 'home', created_at: at, created_by: rx, updated_at: at }).returning('id').executeTakeFirstOrThrow());
  const med = await id(raw.insertInto('medications').values({ name: 'Testazepam', ingredients: '["testazepam"]', form: 'tablet', strengths: '[1]', unit: 'mg', drug_class: 'benzodiazepine', sedating_class: 'benzodiazepine', dea_schedule: 'IV', withdrawal_management: 1, origin: 'clinic', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow());
  const order = (values: Record<string, unknown>) =>
    id(raw.insertInto('orders').values({ patient_id: patient, medication_id: med, prescriber_id: rx, indication: 'withdrawal', route: 'oral', administered_by: 'staff', start_at: at, status: 'active', created_at: at, created_by: rx, ...values } as never).returning('id').executeTakeFirstOrThrow());
  const prnCiwa = await order({ prn: 1, prn_indication: 'anxiety', prn_max_doses_24h: 4, symptom_trigger: 'CIWA-Ar >= 10' });
  const prnCows = await order({ prn: 1, prn_indication: 'withdrawal', prn_max_doses_24h: 4, symptom_trigger: 'COWS > 8' });
  const prnText = await order({ prn: 1, prn_indication: 'agitation', prn_max_doses_24h: 2, symptom_trigger: 'when agitated' });
  const held = await order({ status: 'held', status_reason: 'sedated', status_changed_at: '2026-11-22T12:00:00.000Z', status_changed_by: rx, held_since: '2026-11-22T12:00:00.000Z' });
  const resumed = await order({});
  const dose = await id(raw.insertInto('dose_versions').values({ order_id: resumed, kind: 'initial', amount: 1, unit: 'mg', frequency: 'bid', effective_from: at, reason: 'start', author_id: rx, created_at: at }).returning('id').executeTakeFirstOrThrow());
  const audit = (action: string, orderId: number, when: string, reason: string | null) =>
    raw.insertInto('audit_log').values({ at: when, actor_id: rx, action, entity_type: 'order', entity_id: String(orderId), reason, prev_hash: '0', hash: crypto.randomUUID() }).execute();
  await audit('orders.hold', resumed, '2026-11-21T10:00:00.000Z', 'vomiting');
  await audit('orders.resume', resumed, '2026-11-21T18:00:00.000Z', 'better');
  await audit('orders.hold', held, '2026-11-22T12:00:00.000Z', 'sedated');
  const adm = await id(raw.insertInto('administrations').values({ order_id: resumed, dose_version_id: dose, scheduled_for: at, administered_at: at, outcome: 'given', amount: 1, unit: 'mg', nurse_id: rn, recorded_at: at }).returning('id').executeTakeFirstOrThrow());
  await raw.insertInto('followups').values({ patient_id: patient, order_id: resumed, kind: 'routine', due_date: '2026-12-20', assigned_prescriber_id: rx, origin: 'policy', created_at: at }).execute();
  await raw.insertInto('followups').values({ patient_id: patient, order_id: held, kind: 'order_start', due_date: '2026-11-23', assigned_prescriber_id: rx, origin: 'policy', status: 'completed', completed_at: at, completed_by: rx, outcome: 'continue', created_at: at }).execute();
  return { rx, rn, patient, med, prnCiwa, prnCows, prnText, held, resumed, dose, adm };
}

describe('0005_mar', () => {
  it('migrates version-1 rows: triggers read from their text, holds from the audit log, reviews kept with their ids', async () => {
    const ids = await seedVersion1(h.db);
    const reviewsBefore = await h.db.selectFrom('followups').selectAll().orderBy('id').execute();
    expect(await migrateToLatest(h)).toEqual({ from: 1, to: migrations.length });

    // Rows are not rewritten (their audit state hashes stay true); the text trigger is read as a rule.
    const orders = await h.db.selectFrom('orders').selectAll().orderBy('id').execute();
    const byId = new Map(orders.map((o) => [o.id, o]));
    expect(byId.get(ids.prnCiwa)).toMatchObject({ symptom_trigger_scale: null, prn_max_amount_24h: null });
    expect(symptomTriggerOf(byId.get(ids.prnCiwa)!)).toEqual({ scale: 'CIWA-Ar', minScore: 10 });
    // "> 8" is "at least 9".
    expect(symptomTriggerOf(byId.get(ids.prnCows)!)).toEqual({ scale: 'COWS', minScore: 9 });
    expect(symptomTriggerOf(byId.get(ids.prnText)!)).toBeNull();

    const holds = await h.db.selectFrom('order_holds').selectAll().orderBy('order_id').execute();
    expect(holds.map((x) => [x.order_id, x.held_from, x.held_to, x.reason])).toEqual([
      [ids.held, '2026-11-22T12:00:00.000Z', null, 'sedated'],
      [ids.resumed, '2026-11-21T10:00:00.000Z', '2026-11-21T18:00:00.000Z', 'vomiting'],
    ]);

    expect(await h.db.selectFrom('followups').selectAll().orderBy('id').execute()).toEqual(reviewsBefore);
    const adm = await h.db.selectFrom('administrations').selectAll().where('id', '=', ids.adm).executeTakeFirstOrThrow();
    expect(adm).toMatchObject({ outcome: 'given', amount: 1, prn: 0, late: 0, route: null, reason_code: null });
    const user = await h.db.selectFrom('users').select('charge_nurse').where('id', '=', ids.rn).executeTakeFirstOrThrow();
    expect(user.charge_nurse).toBe(0);
  });

  it('keeps every index and trigger of the rebuilt reviews table, and takes the mar_alert kind', async () => {
    const ids = await seedVersion1(h.db);
    const schemaOf = async () =>
      (await sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master WHERE tbl_name = 'followups' AND type IN ('index','trigger') ORDER BY name`.execute(h.db)).rows;
    await migrateToLatest(h, beforeMar);
    const before = await schemaOf();
    expect(before.map((r) => r.name)).toContain('followups_no_delete');
    await migrateToLatest(h, throughMar);
    // Every index and trigger the reviews table had just before this migration, word for word.
    expect(await schemaOf()).toEqual(before);
    await migrateToLatest(h);
    const alert = { patient_id: ids.patient, order_id: ids.resumed, kind: 'mar_alert' as const, due_date: '2026-11-20', assigned_prescriber_id: ids.rx, origin: 'policy' as const, created_at: at };
    await h.db.insertInto('followups').values(alert).execute();
    // One open per order and kind still holds; deleting still fails.
    await expect(h.db.insertInto('followups').values(alert).execute()).rejects.toThrow(/UNIQUE/);
    await expect(sql`DELETE FROM followups`.execute(h.db)).rejects.toThrow(/never deleted/);
    await expect(sql`INSERT INTO followups (patient_id, kind, due_date, assigned_prescriber_id, origin, created_at) VALUES (${ids.patient}, 'gossip', '2026-11-30', ${ids.rx}, 'manual', ${at})`.execute(h.db)).rejects.toThrow(/CHECK/);
  });

  it('holds the MAR rules in the file: one entry per dose time, append-only entries and scores, no deletes', async () => {
    const ids = await seedVersion1(h.db);
    await migrateToLatest(h);
    const second = { order_id: ids.resumed, dose_version_id: ids.dose, scheduled_for: at, administered_at: at, outcome: 'refused' as const, nurse_id: ids.rn, recorded_at: at, reason_code: 'patient_refused' as const };
    await expect(h.db.insertInto('administrations').values(second).execute()).rejects.toThrow(/UNIQUE/);
    await expect(sql`UPDATE administrations SET late = 1 WHERE id = ${ids.adm}`.execute(h.db)).rejects.toThrow(/never edited/);
    await expect(sql`UPDATE administrations SET route = 'oral' WHERE id = ${ids.adm}`.execute(h.db)).rejects.toThrow(/never edited/);
    await expect(sql`INSERT INTO administrations (order_id, administered_at, outcome, nurse_id, recorded_at, reason_code) VALUES (${ids.resumed}, ${at}, 'held', ${ids.rn}, ${at}, 'bored')`.execute(h.db)).rejects.toThrow(/CHECK/);
    // Marked entered in error, the dose time is free for the correct entry.
    await sql`UPDATE administrations SET entered_in_error_at = ${at}, entered_in_error_by = ${ids.rn}, entered_in_error_reason = 'wrong order' WHERE id = ${ids.adm}`.execute(h.db);
    await h.db.insertInto('administrations').values({ ...second, corrects_id: ids.adm }).execute();

    const score = await h.db
      .insertInto('withdrawal_scores')
      .values({ patient_id: ids.patient, scale: 'CIWA-Ar', items: '{}', total: 12, band: 'moderate', scored_at: at, nurse_id: ids.rn, recorded_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await expect(sql`UPDATE withdrawal_scores SET total = 3 WHERE id = ${score.id}`.execute(h.db)).rejects.toThrow(/never edited/);
    await sql`UPDATE withdrawal_scores SET entered_in_error_at = ${at}, entered_in_error_by = ${ids.rn}, entered_in_error_reason = 'wrong patient' WHERE id = ${score.id}`.execute(h.db);
    await expect(sql`UPDATE withdrawal_scores SET entered_in_error_reason = 'again' WHERE id = ${score.id}`.execute(h.db)).rejects.toThrow(/never edited/);

    const hold = await h.db.selectFrom('order_holds').select('id').where('order_id', '=', ids.held).executeTakeFirstOrThrow();
    await expect(h.db.insertInto('order_holds').values({ order_id: ids.held, held_from: at, created_at: at }).execute()).rejects.toThrow(/UNIQUE/);
    await sql`UPDATE order_holds SET held_to = '2026-11-25T00:00:00.000Z', ended_by = ${ids.rx} WHERE id = ${hold.id}`.execute(h.db);
    await expect(sql`UPDATE order_holds SET held_to = '2026-11-26T00:00:00.000Z' WHERE id = ${hold.id}`.execute(h.db)).rejects.toThrow(/never edited/);

    await h.db.insertInto('program_days').values({ patient_id: ids.patient, weekdays: '[1,3,5]', updated_at: at }).execute();
    for (const table of ['order_holds', 'program_days', 'withdrawal_scores', 'administrations']) {
      await expect(sql.raw(`DELETE FROM ${table}`).execute(h.db)).rejects.toThrow(/never deleted/);
    }
  });
});
