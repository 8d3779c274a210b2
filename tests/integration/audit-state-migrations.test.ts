import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate';
import { openClinicDatabase, type ClinicDatabase } from '../../db/open';
import { migrations } from '../../migrations';
import { AUDITED_TABLES, rowStateHash } from '../../main/services/auditState';
import { makeTempDir } from '../support/tempdb';

/**
 * Guard for every migration after 0003: rows written at version 3 hash the same after all later
 * migrations. A migration that adds a column with a non-null default to an audited table (or
 * rewrites values) would otherwise make every older record look edited outside the app; list
 * such a column in COLUMNS_ADDED_WITH_DEFAULT (main/services/auditState.ts).
 */
const at = '2026-11-27T15:00:00.000Z';
let dir: string;
let h: ClinicDatabase;
beforeEach(async () => {
  dir = makeTempDir('medtrack-state-migrations-');
  h = await openClinicDatabase({ file: path.join(dir, 'clinic.db'), key: crypto.randomBytes(32), create: true, migrate: false });
  await migrateToLatest(h, migrations.filter((m) => m.version <= 3));
});
afterEach(async () => {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function hashes(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const tables = new Set(((await (h.db as any).selectFrom('sqlite_master').select('name').where('type', '=', 'table').execute()) as { name: string }[]).map((t) => t.name));
  for (const { table, key } of Object.values(AUDITED_TABLES)) {
    // Tables a later migration creates have no rows written at version 3.
    if (!tables.has(table)) continue;
    const rows = (await (h.db as any).selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    for (const row of rows) out[`${table} ${String(row[key])}`] = rowStateHash(row, table);
  }
  return out;
}

describe('state hashes across later migrations', () => {
  it('rows written at version 3 hash the same at the latest version', async () => {
    const db = h.db as any;
    const user = await db.insertInto('users').values({ login: 'rx', display_name: 'Dr. Hash Test', role: 'prescriber', password_hash: 'x', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    const nurse = await db.insertInto('users').values({ login: 'rn', display_name: 'Nurse Hash', role: 'nurse', password_hash: 'x', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    const patient = await db
      .insertInto('patients')
      .values({ mrn: 'H-1', family_name: 'Hashus', given_name: 'Testa', date_of_birth: '1970-01-01', admission_date: '2026-11-01', level_of_care: '2.1', residence: 'home', created_at: at, created_by: user.id, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('allergies').values({ patient_id: patient.id, substance: 'penicillin', reaction: 'rash', severity: 'mild', recorded_at: at, recorded_by: user.id }).execute();
    const med = await db
      .insertInto('medications')
      .values({ name: 'Hashazepam', ingredients: '["hashazepam"]', form: 'tablet', strengths: '[5]', unit: 'mg', drug_class: 'benzodiazepine', sedating_class: 'benzodiazepine', dea_schedule: 'IV', withdrawal_management: 1, origin: 'clinic', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const order = await db
      .insertInto('orders')
      .values({ patient_id: patient.id, medication_id: med.id, prescriber_id: user.id, indication: 'test', route: 'oral', administered_by: 'staff', start_at: at, status: 'held', status_reason: 'sedated', held_since: at, created_at: at, created_by: user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const dose = await db
      .insertInto('dose_versions')
      .values({ order_id: order.id, kind: 'initial', amount: 10, unit: 'mg', frequency: 'bid', effective_from: at, reason: 'start', author_id: user.id, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('administrations').values({ order_id: order.id, dose_version_id: dose.id, administered_at: at, outcome: 'given', amount: 10, unit: 'mg', nurse_id: nurse.id, recorded_at: at }).execute();
    await db.insertInto('followups').values({ patient_id: patient.id, order_id: order.id, kind: 'order_start', due_date: '2026-11-30', assigned_prescriber_id: user.id, origin: 'policy', created_at: at }).execute();
    await db.insertInto('settings').values({ key: 'clinic.name', value_json: '"Hash Clinic"', updated_at: at }).execute();

    const before = await hashes();
    // A row in every audited table that exists at version 3 (tables added later have none yet).
    const withRows = [...new Set(Object.keys(before).map((k) => k.split(' ')[0]))].sort();
    expect(withRows).toEqual(['administrations', 'allergies', 'dose_versions', 'followups', 'medications', 'orders', 'patients', 'settings', 'users']);
    await migrateToLatest(h);
    expect(await hashes()).toEqual(before);
  });
});
