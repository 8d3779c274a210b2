import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate';
import { openClinicDatabase } from '../../db/open';
import { ensureShippedFormulary } from '../../main/services/formulary';
import { rowStateHash } from '../../main/services/auditState';
import { migrations } from '../../migrations';
import { makeTempDir, openTempDb, type TempDb } from '../support/tempdb';

/**
 * One test per migration: real rows go through it and its constraints and triggers hold.
 * Add a block here with every new migration (rows written at the previous version, then
 * migrated, then read back).
 */
let h: TempDb;
const at = '2026-11-27T15:00:00.000Z';
beforeEach(async () => {
  h = await openTempDb();
});
afterEach(async () => h.cleanup());

async function seedClinicalRows(db: TempDb['db']) {
  const user = await db
    .insertInto('users')
    .values({ login: 'rx', display_name: 'Dr. Migration Test', role: 'prescriber', password_hash: 'x', created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const nurse = await db
    .insertInto('users')
    .values({ login: 'rn', display_name: 'Nurse Migration', role: 'nurse', password_hash: 'x', created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const patient = await db
    .insertInto('patients')
    .values({
      mrn: 'M-1',
      family_name: 'Migratus',
      given_name: 'Testa',
      date_of_birth: '1970-01-01',
      admission_date: '2026-11-01',
      level_of_care: '2.1',
      residence: 'home',
      created_at: at,
      created_by: user.id,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const med = await db
    .insertInto('medications')
    .values({
      name: 'Testazepam',
      ingredients: '["testazepam"]',
      form: 'tablet',
      strengths: '[5]',
      unit: 'mg',
      drug_class: 'benzodiazepine',
      sedating_class: 'benzodiazepine',
      dea_schedule: 'IV',
      withdrawal_management: 1,
      origin: 'clinic',
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const order = await db
    .insertInto('orders')
    .values({
      patient_id: patient.id,
      medication_id: med.id,
      prescriber_id: user.id,
      indication: 'test',
      route: 'oral',
      administered_by: 'staff',
      start_at: at,
      status: 'active',
      created_at: at,
      created_by: user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const dose = await db
    .insertInto('dose_versions')
    .values({
      order_id: order.id,
      kind: 'initial',
      amount: 10,
      unit: 'mg',
      frequency: 'bid',
      effective_from: at,
      reason: 'start',
      author_id: user.id,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const adm = await db
    .insertInto('administrations')
    .values({
      order_id: order.id,
      dose_version_id: dose.id,
      administered_at: at,
      outcome: 'given',
      amount: 10,
      unit: 'mg',
      nurse_id: nurse.id,
      witness_id: user.id,
      scale: 'CIWA-Ar',
      score: 12,
      recorded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('followups')
    .values({
      patient_id: patient.id,
      order_id: order.id,
      kind: 'order_start',
      due_date: '2026-11-30',
      assigned_prescriber_id: user.id,
      origin: 'policy',
      created_at: at,
    })
    .execute();
  await db.insertInto('audit_log').values({ at, action: 'test', entity_type: 'x', prev_hash: '0', hash: 'h1' }).execute();
  return { user, nurse, patient, med, order, dose, adm };
}

describe('0001_initial', () => {
  it('is recorded and takes rows of every table', async () => {
    const versions = await h.db.selectFrom('schema_migrations').selectAll().execute();
    expect(versions.map((v) => v.name)).toEqual(migrations.map((m) => m.name));
    const ids = await seedClinicalRows(h.db);
    expect(ids.adm.id).toBeGreaterThan(0);
    // Running the runner again changes nothing.
    expect(await migrateToLatest(h)).toEqual({ from: migrations.length, to: migrations.length });
  });

  it('rejects values outside each enumeration and broken references', async () => {
    const ids = await seedClinicalRows(h.db);
    const bad = [
      sql`UPDATE users SET role = 'superuser' WHERE id = ${ids.user.id}`,
      sql`UPDATE patients SET residence = 'moon' WHERE id = ${ids.patient.id}`,
      sql`UPDATE medications SET unit = 'mcg' WHERE id = ${ids.med.id}`,
      sql`UPDATE orders SET status = 'paused' WHERE id = ${ids.order.id}`,
      sql`UPDATE orders SET status = 'held' WHERE id = ${ids.order.id}`, // held needs a reason
      sql`INSERT INTO orders (patient_id, medication_id, prescriber_id, indication, route, administered_by, start_at, status, created_at, created_by, prn) VALUES (${ids.patient.id}, ${ids.med.id}, ${ids.user.id}, 'x', 'oral', 'staff', ${at}, 'active', ${at}, ${ids.user.id}, 1)`,
      sql`INSERT INTO followups (patient_id, kind, due_date, assigned_prescriber_id, origin, created_at) VALUES (999, 'manual', '2026-11-30', ${ids.user.id}, 'manual', ${at})`,
      sql`INSERT INTO followups (patient_id, order_id, kind, due_date, assigned_prescriber_id, origin, created_at) VALUES (${ids.patient.id}, ${ids.order.id}, 'order_start', '2026-12-01', ${ids.user.id}, 'policy', ${at})`,
      sql`INSERT INTO administrations (order_id, administered_at, outcome, nurse_id, recorded_at) VALUES (${ids.order.id}, ${at}, 'given', ${ids.nurse.id}, ${at})`,
    ];
    for (const stmt of bad) await expect(stmt.execute(h.db), stmt.compile(h.db).sql).rejects.toThrow(/constraint|CHECK|FOREIGN|UNIQUE/i);
  });

  it('keeps the audit log append-only and clinical rows undeletable', async () => {
    const ids = await seedClinicalRows(h.db);
    await expect(sql`UPDATE audit_log SET reason = 'x'`.execute(h.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(h.db)).rejects.toThrow(/append-only/);
    for (const table of ['patients', 'orders', 'dose_versions', 'administrations', 'followups', 'users', 'medications']) {
      await expect(sql.raw(`DELETE FROM ${table}`).execute(h.db)).rejects.toThrow(/never deleted/);
    }
    await expect(sql`UPDATE dose_versions SET amount = 20 WHERE id = ${ids.dose.id}`.execute(h.db)).rejects.toThrow(/never edited/);
    await expect(sql`UPDATE administrations SET amount = 5 WHERE id = ${ids.adm.id}`.execute(h.db)).rejects.toThrow(/never edited/);
    // The one permitted change: marking a recorded fact void / entered in error, once.
    await sql`UPDATE administrations SET entered_in_error_at = ${at}, entered_in_error_by = ${ids.nurse.id}, entered_in_error_reason = 'wrong patient' WHERE id = ${ids.adm.id}`.execute(
      h.db,
    );
    await expect(
      sql`UPDATE administrations SET entered_in_error_reason = 'changed' WHERE id = ${ids.adm.id}`.execute(h.db),
    ).rejects.toThrow(/never edited/);
    await sql`UPDATE dose_versions SET voided_at = ${at}, voided_by = ${ids.user.id}, void_reason = 'entered in error' WHERE id = ${ids.dose.id}`.execute(
      h.db,
    );
  });

  it('rolls a failing migration back entirely, leaving the version where it was', async () => {
    const failing = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'broken',
        up: async (db: Parameters<(typeof migrations)[0]['up']>[0]) => {
          await sql`CREATE TABLE half_done (x INTEGER)`.execute(db);
          throw new Error('boom');
        },
      },
    ];
    await expect(migrateToLatest(h, failing)).rejects.toThrow('boom');
    const tables = await h.db.introspection.getTables();
    expect(tables.map((t) => t.name)).not.toContain('half_done');
    const v = await h.db
      .selectFrom('schema_migrations')
      .select((eb) => eb.fn.max('version').as('v'))
      .executeTakeFirst();
    expect(v?.v).toBe(migrations.length);
  });

  it('applies each migration in its own transaction: one that succeeded stays when the next one fails', async () => {
    type Up = (typeof migrations)[0]['up'];
    const next = migrations.length + 1;
    const list = [
      ...migrations,
      { version: next, name: 'adds_notes', up: (async (db) => void (await sql`CREATE TABLE notes_added (x INTEGER)`.execute(db))) as Up },
      {
        version: next + 1,
        name: 'breaks',
        up: (async (db) => {
          await sql`CREATE TABLE half_done (x INTEGER)`.execute(db);
          throw new Error('second one fails');
        }) as Up,
      },
    ];
    await expect(migrateToLatest(h, list)).rejects.toThrow('second one fails');
    const tables = (await h.db.introspection.getTables()).map((t) => t.name);
    expect(tables).toContain('notes_added');
    expect(tables).not.toContain('half_done');
    const versions = await h.db.selectFrom('schema_migrations').select(['version', 'name']).orderBy('version').execute();
    expect(versions.at(-1)).toEqual({ version: next, name: 'adds_notes' });
    // Run again with the failing one mended: only it is applied, the earlier one is not repeated.
    list[list.length - 1] = {
      version: next + 1,
      name: 'mended',
      up: (async (db) => void (await sql`CREATE TABLE mended (x INTEGER)`.execute(db))) as Up,
    };
    expect(await migrateToLatest(h, list)).toEqual({ from: next, to: next + 1 });
  });
});

describe('0002_followups_by_order', () => {
  it('indexes the reviews written at version 1 by order, so the next-review lookup reads only that order', async () => {
    const dir = makeTempDir();
    const old = await openClinicDatabase({ file: path.join(dir, 'v1.db'), key: crypto.randomBytes(32), create: true, migrate: false });
    try {
      await migrateToLatest(old, migrations.slice(0, 1));
      const ids = await seedClinicalRows(old.db);
      // A second, completed review of the same order: only the open one is its next review.
      await old.db
        .insertInto('followups')
        .values({
          patient_id: ids.patient.id,
          order_id: ids.order.id,
          kind: 'routine',
          due_date: '2026-11-20',
          assigned_prescriber_id: ids.user.id,
          status: 'completed',
          completed_at: at,
          completed_by: ids.user.id,
          outcome: 'continue',
          origin: 'policy',
          created_at: at,
        })
        .execute();
      expect(await migrateToLatest(old, migrations.slice(0, 2))).toEqual({ from: 1, to: 2 });
      const next = sql<{
        due: string;
      }>`SELECT min(due_date) AS due FROM followups WHERE order_id IN (${ids.order.id}) AND status = 'scheduled'`;
      expect((await next.execute(old.db)).rows).toEqual([{ due: '2026-11-30' }]);
      const plan = old.sqlite
        .prepare(`EXPLAIN QUERY PLAN SELECT min(due_date) FROM followups WHERE order_id IN (?) AND status = 'scheduled'`)
        .all(ids.order.id) as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX followups_order/);
    } finally {
      await old.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('0004_dose_ranges', () => {
  it('keeps the medications written at version 1; shipped ones get the seed range once, clinic ones are left alone', async () => {
    const file = path.join(h.dir, 'v1.db');
    const v1 = await openClinicDatabase({ file, key: h.key, create: true, migrate: false });
    await migrateToLatest(v1, migrations.slice(0, 1));
    const ids = await seedClinicalRows(v1.db);
    await v1.db
      .insertInto('medications')
      .values({
        name: 'Lorazepam',
        ingredients: '["lorazepam"]',
        form: 'oral tablet',
        strengths: '[0.5,1,2]',
        unit: 'mg',
        drug_class: 'benzodiazepine',
        sedating_class: 'benzodiazepine',
        dea_schedule: 'IV',
        withdrawal_management: 1,
        origin: 'shipped',
        created_at: at,
        updated_at: at,
      } as never)
      .execute();
    const hashAtV1 = rowStateHash(
      await v1.db.selectFrom('medications').selectAll().where('name', '=', 'Testazepam').executeTakeFirstOrThrow(),
    );
    expect(await migrateToLatest(v1)).toEqual({ from: 1, to: migrations.length });
    const rows = await v1.db.selectFrom('medications').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.name, r.usual_single_dose, r.max_single_dose, r.max_daily_dose])).toEqual([
      ['Testazepam', null, null, null],
      ['Lorazepam', null, null, null],
    ]);
    expect((await v1.db.selectFrom('dose_versions').selectAll().where('id', '=', ids.dose.id).executeTakeFirstOrThrow()).amount).toBe(10);
    await v1.db.transaction().execute((trx) => ensureShippedFormulary(trx, at));
    const lorazepam = await v1.db.selectFrom('medications').selectAll().where('name', '=', 'Lorazepam').executeTakeFirstOrThrow();
    expect([lorazepam.usual_single_dose, lorazepam.max_single_dose, lorazepam.max_daily_dose]).toEqual([2, 4, 10]);
    expect(lorazepam.dose_range_source).toMatch(/FDA label/);
    const clinic = await v1.db.selectFrom('medications').selectAll().where('name', '=', 'Testazepam').executeTakeFirstOrThrow();
    expect(clinic.max_daily_dose).toBeNull();
    // Adding the columns does not make the row hash as if edited outside the app.
    expect(rowStateHash(clinic)).toBe(hashAtV1);
    await expect(sql`UPDATE medications SET max_daily_dose = -1 WHERE id = ${clinic.id}`.execute(v1.db)).rejects.toThrow(/CHECK/);
    // An administrator's own range is never replaced by the seed on a later open.
    await sql`UPDATE medications SET max_daily_dose = 8 WHERE id = ${lorazepam.id}`.execute(v1.db);
    await v1.db.transaction().execute((trx) => ensureShippedFormulary(trx, at));
    expect(
      (await v1.db.selectFrom('medications').select('max_daily_dose').where('id', '=', lorazepam.id).executeTakeFirstOrThrow())
        .max_daily_dose,
    ).toBe(8);
    await v1.close();
  });
});

describe('0006_no_known_allergies', () => {
  it('keeps the patients written before it, with "no known allergies" not recorded and their row hash unchanged', async () => {
    const v5 = await openClinicDatabase({ file: path.join(h.dir, 'v5.db'), key: h.key, create: true, migrate: false });
    await migrateToLatest(v5, migrations.slice(0, 5));
    const ids = await seedClinicalRows(v5.db);
    const before = await v5.db.selectFrom('patients').selectAll().where('id', '=', ids.patient.id).executeTakeFirstOrThrow();
    expect(await migrateToLatest(v5)).toEqual({ from: 5, to: migrations.length });
    const after = await v5.db.selectFrom('patients').selectAll().where('id', '=', ids.patient.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ ...before, no_known_allergies_at: null, no_known_allergies_by: null });
    expect(rowStateHash(after)).toBe(rowStateHash(before));
    await v5.close();
  });
});

describe('0007_followups_audit_indexes and 0008_patient_search', () => {
  it('indexes reviews and makes patients written at version 6 findable by part of their name', async () => {
    const dir = makeTempDir();
    const old = await openClinicDatabase({ file: path.join(dir, 'v6.db'), key: crypto.randomBytes(32), create: true, migrate: false });
    try {
      await migrateToLatest(old, migrations.slice(0, 6));
      const ids = await seedClinicalRows(old.db);
      expect(await migrateToLatest(old, migrations.slice(0, 8))).toEqual({ from: 6, to: 8 });
      const indexes = (old.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'followups'`).all() as Array<{ name: string }>).map((r) => r.name);
      expect(indexes).toEqual(expect.arrayContaining(['followups_due', 'followups_completed', 'followups_cancelled']));
      const find = (text: string) => (old.sqlite.prepare(`SELECT rowid AS id FROM patients_search WHERE patients_search MATCH ?`).all(`"${text}"`) as Array<{ id: number }>).map((r) => r.id);
      // Backfilled from the row written before the migration ('Migratus, Testa', MRN M-1).
      expect(find('gratu')).toEqual([ids.patient.id]);
      expect(find('testa migr')).toEqual([ids.patient.id]);
      // Kept in step afterwards by the triggers.
      await sql`UPDATE patients SET family_name = 'Renamed' WHERE id = ${ids.patient.id}`.execute(old.db);
      expect(find('gratu')).toEqual([]);
      expect(find('RENAM')).toEqual([ids.patient.id]);
    } finally {
      await old.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
