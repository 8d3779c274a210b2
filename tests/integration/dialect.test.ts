import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseless, containsCaseless, isConstraintViolation } from '../../db/dialect';
import { AdjustableClock } from '../../main/clock';
import { toErrorBody } from '../../main/ipc/dispatch';
import type { Actor, ServiceContext } from '../../main/services/context';
import { ensureShippedFormulary, listFormulary } from '../../main/services/formulary';
import { createPatient, listPatients } from '../../main/services/patients';
import { insertUser } from '../../main/services/users';
import { openTempDb, type TempDb } from '../support/tempdb';

/**
 * The SQL that differs between SQLite and PostgreSQL lives in db/dialect.ts (issue 12 item 4).
 * These check what a user sees through it: searches take `%` and `_` as the characters typed
 * and ignore case, lists sort names ignoring case, and a constraint refusal reads as a
 * conflict (nothing saved), on a real encrypted file.
 */
let h: TempDb;
let ctx: ServiceContext;
let nurse: Actor;
const AT = '2026-11-27T15:00:00.000Z';
beforeEach(async () => {
  h = await openTempDb();
  ctx = { db: h.db, clock: new AdjustableClock(() => new Date(AT)) };
  const u = await h.db.transaction().execute((trx) => insertUser(trx, AT, null, { login: 'rn', displayName: 'Nurse Dialect', password: 'dialect-password-1', role: 'nurse' }));
  nurse = { id: u.id, role: 'nurse', displayName: u.display_name };
});
afterEach(async () => h.cleanup());

describe('containsCaseless', () => {
  it('matches the text typed, ignoring case, with % and _ taken literally', async () => {
    await sql`CREATE TABLE t (name TEXT NOT NULL)`.execute(h.db);
    for (const name of ['10% cream', '10 mg cream', 'dose_a', 'doseXa', 'UPPER case', 'back\\slash'])
      await sql`INSERT INTO t (name) VALUES (${name})`.execute(h.db);
    const find = async (text: string) =>
      (await h.db.selectFrom('t' as never).select(sql<string>`name`.as('name')).where(containsCaseless('name', text)).orderBy(sql`name`).execute()).map((r) => r.name);
    expect(await find('10%')).toEqual(['10% cream']);
    expect(await find('e_a')).toEqual(['dose_a']);
    expect(await find('_')).toEqual(['dose_a']);
    expect(await find('upper')).toEqual(['UPPER case']);
    expect(await find('\\')).toEqual(['back\\slash']);
    expect(await find('CREAM')).toEqual(['10 mg cream', '10% cream']);
  });
});

describe('services through the helpers', () => {
  it('formulary search: "%" and "_" find nothing in names without them; case is ignored; sorted ignoring case', async () => {
    await h.db.transaction().execute((trx) => ensureShippedFormulary(trx, AT));
    const names = async (query: string) => (await listFormulary(ctx, { includeInactive: true, query })).map((m) => m.name);
    expect(await names('_')).toEqual([]);
    expect(await names('%')).toEqual([]);
    expect(await names('METHADONE')).toEqual(['Methadone']);
    const all = await names('');
    expect(all.length).toBeGreaterThan(5);
    expect(all).toEqual([...all].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it('patient list sorts family names ignoring case ("de Vries" between "Adams" and "Devlin")', async () => {
    for (const [mrn, familyName] of [['D-1', 'Devlin'], ['D-2', 'de Vries'], ['D-3', 'adams'], ['D-4', 'Zhou']]) {
      await createPatient(ctx, nurse, { patient: { mrn, familyName, givenName: 'Test', dateOfBirth: '1980-01-01', admissionDate: '2026-11-01', dischargeDate: null, levelOfCare: '2.1', residence: 'home' }, allergies: [] });
    }
    expect((await listPatients(ctx, { query: '', includeDischarged: false })).map((p) => p.familyName)).toEqual(['adams', 'de Vries', 'Devlin', 'Zhou']);
    // Two letters are below a trigram: the LIKE fallback, where "_" is a character, not a wildcard.
    expect((await listPatients(ctx, { query: 'd_', includeDischarged: false })).map((p) => p.familyName)).toEqual([]);
    expect((await listPatients(ctx, { query: 'VR', includeDischarged: false })).map((p) => p.familyName)).toEqual(['de Vries']);
  });

  it('caseless() sorts by the patients_name index, not a temporary sort', async () => {
    const q = h.db.selectFrom('patients as p').select('p.id').orderBy(caseless('p.family_name')).orderBy(caseless('p.given_name')).compile();
    const plan = await sql.raw<{ detail: string }>(`EXPLAIN QUERY PLAN ${q.sql}`).execute(h.db);
    const details = plan.rows.map((r) => r.detail).join('\n');
    expect(details).toMatch(/patients_name/);
    expect(details).not.toMatch(/TEMP B-TREE/);
  });
});

describe('isConstraintViolation', () => {
  it('knows a real SQLite constraint error and PostgreSQL class 23, and nothing else', async () => {
    const err = await h.db
      .insertInto('users')
      .values({ login: 'RN', display_name: 'Same login, other case', role: 'nurse', password_hash: 'x', created_at: AT, updated_at: AT })
      .execute()
      .catch((e: unknown) => e);
    expect(isConstraintViolation(err)).toBe(true);
    expect(toErrorBody(err).code).toBe('CONFLICT');
    expect(isConstraintViolation({ code: '23505' })).toBe(true);
    expect(toErrorBody({ code: '23514' }).code).toBe('CONFLICT');
    expect(isConstraintViolation({ code: 'SQLITE_BUSY' })).toBe(false);
    expect(isConstraintViolation({ code: '40001' })).toBe(false);
    expect(toErrorBody({ code: 'SQLITE_BUSY' }).code).toBe('INTERNAL');
    expect(isConstraintViolation(null)).toBe(false);
  });
});

describe('services and the dispatcher carry no SQLite-only SQL', () => {
  it('has no COLLATE, raw LIKE, SQLITE_ codes or PRAGMA outside db/ and migrations/', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const root = path.join(__dirname, '../../main');
    const files = ['services', 'ipc'].flatMap((d) => fs.readdirSync(path.join(root, d), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(root, d, f)));
    const offenders = files.flatMap((f) =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\*|\/\/)/.test(line) && /COLLATE|'like'|\bLIKE\b|SQLITE_[A-Z]|PRAGMA/.test(line))
        .map((line) => `${path.relative(root, f)}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
