import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../db/open';
import { unwrapKey } from '../../main/app/clinicFile';
import { fixedClock } from '../../main/clock';
import { buildDemoClinic } from '../../main/demo';
import { verifyAuditChain } from '../../main/services/audit';
import { rowStateHash, verifyCurrentState } from '../../main/services/auditState';
import { runCli } from '../support/cli';
import { makeTempDir } from '../support/tempdb';

/*
 * Tampering offline with the key in hand (issue 10, item 2): triggers dropped, a clinical row
 * edited, inserted or removed directly. The hash chain alone does not see it; the state check
 * names the table, the row and the audit entry it no longer matches.
 */

const AT = '2026-11-20T15:00:00.000Z';
const PASSPHRASE = 'demo state check passphrase';
let root: string;
let pristine: string;
let handle: ClinicDatabase;

beforeAll(async () => {
  root = makeTempDir('medtrack-audit-state-');
  pristine = path.join(root, 'demo.db');
  const h = await buildDemoClinic(pristine, { clock: fixedClock(AT), passphrase: PASSPHRASE });
  await h.close();
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let n = 0;
beforeEach(async () => {
  await handle?.close().catch(() => undefined);
  const file = path.join(root, `case-${n++}.db`);
  fs.copyFileSync(pristine, file);
  fs.copyFileSync(`${pristine}.keys.json`, `${file}.keys.json`);
  handle = await openClinicDatabase({ file, key: unwrapKey(file, PASSPHRASE), migrate: false });
});

async function dropTriggers(): Promise<void> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'trigger'`.execute(handle.db);
  for (const { name } of rows) await sql.raw(`DROP TRIGGER "${name}"`).execute(handle.db);
  await sql`PRAGMA foreign_keys = OFF`.execute(handle.db);
}

async function firstId(table: string): Promise<number> {
  const { rows } = await sql<{ id: number }>`SELECT min(id) AS id FROM ${sql.table(table)}`.execute(handle.db);
  return rows[0]!.id;
}

describe('the current state of every audited row', () => {
  it('is proven for a whole demo clinic written through the services', async () => {
    const v = await verifyCurrentState(handle.db);
    expect(v.problems).toEqual([]);
    expect(v.proven).toBeGreaterThan(100);
    expect(v.unproven).toBe(0);
    expect((await verifyAuditChain(handle.db)).ok).toBe(true);
  });

  it.each([
    ['a dose amount', 'dose_versions', 'amount = amount * 10'],
    ['an order status', 'orders', "status = CASE status WHEN 'active' THEN 'discontinued' ELSE 'active' END, status_reason = 'offline'"],
    ['a patient name', 'patients', "family_name = 'Changed'"],
    ['an allergy', 'allergies', "substance = 'nothing'"],
    ['a password hash', 'users', "password_hash = 'scrypt$forged'"],
    ['a medication', 'medications', "name = 'Placebo'"],
    ['a review', 'followups', "status = 'completed', completed_at = '2026-11-01T00:00:00.000Z', completed_by = 1, outcome = 'continue'"],
  ])('names %s changed outside the app, though the chain still verifies', async (_what, table, set) => {
    await dropTriggers();
    const id = await firstId(table);
    await sql.raw(`UPDATE ${table} SET ${set} WHERE id = ${id}`).execute(handle.db);
    expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    const v = await verifyCurrentState(handle.db);
    expect(v.problems).toHaveLength(1);
    expect(v.problems[0]).toMatchObject({ table, id: String(id) });
    expect(v.problems[0]!.problem).toMatch(/^was changed outside the app after audit entry #\d+$/);
  });

  it('names a setting changed outside the app', async () => {
    await sql`UPDATE settings SET value_json = '"Elsewhere"' WHERE key = 'clinic.name'`.execute(handle.db);
    const v = await verifyCurrentState(handle.db);
    expect(v.problems.map((p) => `${p.table} ${p.id}`)).toEqual(['settings clinic.name']);
  });

  it('names a row added and a row removed outside the app', async () => {
    await dropTriggers();
    const id = await firstId('allergies');
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM allergies WHERE id = ${id}`.execute(handle.db);
    const { id: _id, ...copy } = rows[0]!;
    const cols = Object.keys(copy);
    await sql.raw(`INSERT INTO allergies (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM allergies WHERE id = ${id}`).execute(handle.db);
    const doseId = await firstId('dose_versions');
    await sql.raw(`DELETE FROM dose_versions WHERE id = ${doseId}`).execute(handle.db);
    const problems = (await verifyCurrentState(handle.db)).problems.map((p) => `${p.table} ${p.problem.replace(/#\d+/, '#N')}`);
    expect(problems.sort()).toEqual(['allergies has no audit entry at all: it was added outside the app', 'dose_versions is missing: it was removed outside the app after audit entry #N']);
  });
});

describe('the state hash itself', () => {
  it('is covered by the chain: rewriting an entry to match an edited row breaks the chain there', async () => {
    await dropTriggers();
    const id = await firstId('patients');
    await sql.raw(`UPDATE patients SET family_name = 'Changed' WHERE id = ${id}`).execute(handle.db);
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM patients WHERE id = ${id}`.execute(handle.db);
    const entry = await handle.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_type', '=', 'patient')
      .where('entity_id', '=', String(id))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await sql`UPDATE audit_log SET state_hash = ${rowStateHash(rows[0]!, 'patients')} WHERE id = ${entry.id}`.execute(handle.db);
    expect((await verifyCurrentState(handle.db)).problems).toEqual([]);
    const chain = await verifyAuditChain(handle.db);
    expect(chain).toMatchObject({ ok: false, brokenAtId: entry.id, problem: 'its contents were changed after it was written' });
  });
});

describe('medtrack verify-audit', () => {
  it('fails naming the row changed outside the app, and passes on the untouched file', async () => {
    const passFile = path.join(root, 'pass.txt');
    fs.writeFileSync(passFile, PASSPHRASE);
    const opts = { now: AT, cwd: root, home: root, env: {} };
    const clean = await runCli(['verify-audit', '--db', pristine, '--passphrase-file', passFile], opts);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/Current rows match their latest audit entries: \d+ rows\./);

    await dropTriggers();
    const id = await firstId('patients');
    await sql.raw(`UPDATE patients SET date_of_birth = '1999-09-09' WHERE id = ${id}`).execute(handle.db);
    await handle.close();
    const file = handle.file;
    const r = await runCli(['verify-audit', '--db', file, '--passphrase-file', passFile], opts);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`rows no longer match their audit entries[\\s\\S]*patients row ${id} was changed outside the app after audit entry #\\d+`));
  });
});
