import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate';
import { openClinicDatabase, type ClinicDatabase } from '../../db/open';
import type { DB } from '../../db/schema';
import { migrations } from '../../migrations';
import { findPossibleDuplicates } from '../../main/services/patients';
import { makeTempDir } from '../support/tempdb';

/**
 * 0011_patients_birth_date_index: charts written at version 10 go through it untouched, and
 * afterwards the duplicate-patient lookup, as the service sends it, reads one birth date's rows
 * on the new index rather than scanning every chart.
 */
let dir: string;
let h: ClinicDatabase;
const at = '2026-11-20T15:00:00.000Z';
const upTo = (version: number) => migrations.filter((m) => m.version <= version);

beforeEach(async () => {
  dir = makeTempDir();
  h = await openClinicDatabase({ file: path.join(dir, 'clinic.db'), key: crypto.randomBytes(32), create: true, migrate: false });
  await migrateToLatest(h, upTo(10));
});
afterEach(async () => {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** 400 synthetic charts over a few hundred birth dates, as a clinic's are (not one shared date). */
async function seedAtVersion10(db: ClinicDatabase['db']) {
  const rx = (await db.insertInto('users').values({ login: 'rn', display_name: 'Nurse Mig', role: 'nurse', password_hash: 'x', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  for (let i = 0; i < 400; i++) {
    const born = new Date(Date.UTC(1950, 0, 1) + (i * 37 % 15000) * 86_400_000).toISOString().slice(0, 10);
    await db
      .insertInto('patients')
      .values({ mrn: `M-${i}`, family_name: `Family${i}`, given_name: 'Test', date_of_birth: born, admission_date: '2026-11-01', level_of_care: '2.1', residence: 'home', created_at: at, created_by: rx, updated_at: at })
      .execute();
  }
}

describe('0011_patients_birth_date_index', () => {
  it('keeps the charts written before it', async () => {
    await seedAtVersion10(h.db);
    const before = await h.db.selectFrom('patients').selectAll().orderBy('id').execute();
    expect(await migrateToLatest(h, upTo(11))).toEqual({ from: 10, to: 11 });
    expect(await h.db.selectFrom('patients').selectAll().orderBy('id').execute()).toEqual(before);
    // The patients born on one day are still found (Family1's birth date, shared with nobody here).
    const found = await findPossibleDuplicates(h.db, { familyName: 'family1', givenName: 'TEST', dateOfBirth: before[1]!.date_of_birth });
    expect(found.map((f) => [f.mrn, f.match])).toEqual([['M-1', 'same']]);
  });

  it('plans the duplicate lookup on the birth-date index, not a scan of every chart', async () => {
    await seedAtVersion10(h.db);
    await migrateToLatest(h, upTo(11));
    h.sqlite.exec('ANALYZE');
    const captured: Array<{ sql: string; parameters: readonly unknown[] }> = [];
    const logged = new Kysely<DB>({
      dialect: new SqliteDialect({ database: h.sqlite }),
      log: (e) => {
        if (e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters });
      },
    });
    // As on an edit: the chart itself is left out, which must not turn the lookup into a rowid scan.
    await findPossibleDuplicates(logged, { familyName: 'Family1', givenName: 'Test', dateOfBirth: '1950-02-07', exceptPatientId: 2 });
    const lookup = captured.find((q) => /from "patients"/.test(q.sql))!;
    const plan = (h.sqlite.prepare(`EXPLAIN QUERY PLAN ${lookup.sql}`).all(...(lookup.parameters as unknown[])) as Array<{ detail: string }>).map((p) => p.detail);
    expect(plan).toEqual([expect.stringMatching(/^SEARCH patients USING INDEX patients_date_of_birth_idx \(date_of_birth=\?\)/)]);
  });
});
