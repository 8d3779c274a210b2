import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate';
import { openClinicDatabase, type ClinicDatabase } from '../../db/open';
import { FREQUENCIES } from '../../main/domain/frequency';
import { migrations } from '../../migrations';
import { makeTempDir } from '../support/tempdb';

/**
 * 0010_dose_frequency_check: dose versions written at version 9 (a four-times-daily order with a
 * taper step, and an old row with a code the app no longer knows) go through the migration
 * untouched; afterwards an unknown frequency, or a taper step "as needed", is refused.
 */
let dir: string;
let h: ClinicDatabase;
const at = '2026-11-20T15:00:00.000Z';
const upTo = (version: number) => migrations.filter((m) => m.version <= version);

beforeEach(async () => {
  dir = makeTempDir();
  h = await openClinicDatabase({ file: path.join(dir, 'clinic.db'), key: crypto.randomBytes(32), create: true, migrate: false });
  await migrateToLatest(h, upTo(9));
});
afterEach(async () => {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function seedAtVersion9(db: ClinicDatabase['db']) {
  const rx = (await db.insertInto('users').values({ login: 'rx', display_name: 'Dr. Mig', role: 'prescriber', password_hash: 'x', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  const patient = (await db.insertInto('patients').values({ mrn: 'M-9', family_name: 'Migra', given_name: 'Nina', date_of_birth: '1970-01-01', admission_date: '2026-11-01', level_of_care: '2.1', residence: 'facility', created_at: at, created_by: rx, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  const med = (await db.insertInto('medications').values({ name: 'Testazepam', ingredients: '["testazepam"]', form: 'tablet', strengths: '[25]', unit: 'mg', drug_class: 'benzodiazepine', sedating_class: 'benzodiazepine', dea_schedule: 'IV', withdrawal_management: 1, origin: 'clinic', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  const order = (await db.insertInto('orders').values({ patient_id: patient, medication_id: med, prescriber_id: rx, indication: 'Alcohol withdrawal', route: 'oral', administered_by: 'staff', start_at: at, status: 'active', created_at: at, created_by: rx }).returning('id').executeTakeFirstOrThrow()).id;
  const version = (kind: 'initial' | 'taper_step', frequency: string, effective_from: string) =>
    db.insertInto('dose_versions').values({ order_id: order, kind, amount: 25, unit: 'mg', frequency, effective_from, reason: 'Taper plan', author_id: rx, created_at: at }).returning('id').executeTakeFirstOrThrow();
  await version('initial', 'qid', at);
  await version('taper_step', 'tid', '2026-11-23T14:00:00.000Z');
  // Free text before 0010: a code nobody uses now must still read back after the upgrade.
  await version('taper_step', 'q3h', '2026-11-26T14:00:00.000Z');
  return { order, version };
}

describe('0010_dose_frequency_check', () => {
  it('keeps the dose versions written before it and refuses unknown frequencies and as-needed taper steps after it', async () => {
    const { version } = await seedAtVersion9(h.db);
    const before = await h.db.selectFrom('dose_versions').selectAll().orderBy('id').execute();
    expect(await migrateToLatest(h, upTo(10))).toEqual({ from: 9, to: 10 });
    expect(await h.db.selectFrom('dose_versions').selectAll().orderBy('id').execute()).toEqual(before);
    expect(before.map((v) => v.frequency)).toEqual(['qid', 'tid', 'q3h']);

    await expect(version('taper_step', 'bid', '2026-11-29T14:00:00.000Z')).resolves.toBeDefined();
    await expect(version('taper_step', 'q3h', '2026-11-30T14:00:00.000Z')).rejects.toThrow(/unknown frequency/);
    await expect(version('taper_step', 'prn', '2026-11-30T14:00:00.000Z')).rejects.toThrow(/as needed/);
    await expect(version('initial', 'prn', '2026-11-30T14:00:00.000Z')).resolves.toBeDefined();
  });

  it("lists exactly the domain's frequencies", () => {
    // The migration is frozen text; a frequency added to the domain later needs a new migration.
    const source = fs.readFileSync(path.join(__dirname, '../../migrations/0010_dose_frequency_check.ts'), 'utf8');
    const list = /const KNOWN = `([^`]*)`/.exec(source)?.[1] ?? '';
    expect([...list.matchAll(/'([^']+)'/g)].map((m) => m[1])).toEqual([...FREQUENCIES]);
  });
});
