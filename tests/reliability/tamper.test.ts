import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/schema';
import { openClinicDatabase } from '../../db/open';
import { fileAnchorStore } from '../../main/app/anchors';
import { unwrapKey } from '../../main/app/clinicFile';
import { entryHash, verifyAudit } from '../../main/services/audit';
import { passwordFor, seedStaff, startTestApp, TEST_PASSPHRASE } from '../support/app';
import { makeTempDir } from '../support/tempdb';

/*
 * Tamper suite (issue 10, item 2): every offline change the probe made with the key in hand,
 * triggers dropped, each on its own copy of one small clinic that has had a backup (so an
 * anchor sits beside it). Each must be caught by the one verifier that `medtrack verify-audit`
 * and the admin screen's Verify both call (verifyAudit: chain, current state, anchors), and
 * named: which table and row, or which entry. The finer cases live in
 * tests/integration/audit-state.test.ts and audit-anchors.test.ts; this is the whole table in
 * one place, with what the verifier said printed for each.
 */

let root: string;
let pristine: string;

beforeAll(async () => {
  root = makeTempDir('medtrack-tamper-');
  const dir = path.join(root, 'clinic');
  fs.mkdirSync(dir);
  const t = await startTestApp({ dir });
  try {
    t.travel('2026-11-20T15:00:00.000Z');
    await seedStaff(t);
    await t.loginAs('prescriber', passwordFor('prescriber'));
    const med = (await t.call('formulary.list', { query: 'Gabapentin' })).find((m) => m.name === 'Gabapentin')!;
    const { id: patientId } = await t.call('patients.create', {
      patient: { mrn: 'TAMPER-1', familyName: 'Tampertest', givenName: 'Synthetic', dateOfBirth: '1979-09-09', admissionDate: '2026-11-02', residence: 'home' },
      allergies: [{ substance: 'Penicillin', reaction: 'rash', severity: 'moderate' }],
    });
    await t.call('orders.start', {
      patientId,
      medicationId: med.id,
      indication: 'Neuropathic pain',
      route: 'oral',
      administeredBy: 'patient',
      amount: 300,
      unit: med.unit,
      frequency: 'daily',
      startAt: '2026-11-20T15:00:00.000Z',
      overrideReason: 'Reviewed for the tamper suite',
    });
    await t.call('followups.schedule', { patientId, dueDate: '2026-12-01', reason: 'Check sleep after the start' });
    await t.app.backup(path.join(root, 'backup.db'));
  } finally {
    await t.cleanup();
  }
  pristine = path.join(dir, 'medtrack.db');
}, 120_000);

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let n = 0;
/** Copies the clinic (with its key file and anchors), tampers with it, and runs the verifier. */
async function tamperAndVerify(tamper: (db: Kysely<DB>) => Promise<void>) {
  const dir = fs.mkdtempSync(path.join(root, `case-${n++}-`));
  const file = path.join(dir, 'medtrack.db');
  for (const suffix of ['', '.keys.json', '.anchors.jsonl']) fs.copyFileSync(`${pristine}${suffix}`, `${file}${suffix}`);
  const h = await openClinicDatabase({ file, key: unwrapKey(file, TEST_PASSPHRASE), migrate: false });
  try {
    const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'trigger'`.execute(h.db);
    for (const { name } of rows) await sql.raw(`DROP TRIGGER "${name}"`).execute(h.db);
    await sql`PRAGMA foreign_keys = OFF`.execute(h.db);
    await tamper(h.db);
    return await verifyAudit(h.db, fileAnchorStore(file).list());
  } finally {
    await h.close();
  }
}

const firstId = async (db: Kysely<DB>, table: string) =>
  (await sql<{ id: number }>`SELECT min(id) AS id FROM ${sql.table(table)}`.execute(db)).rows[0]!.id;
const update = (table: string, set: string) => async (db: Kysely<DB>) => {
  await sql.raw(`UPDATE ${table} SET ${set} WHERE id = ${await firstId(db, table)}`).execute(db);
};

/** What the verifier said, in one line: the entry, the anchor or the rows it names. */
const said = (v: Awaited<ReturnType<typeof verifyAudit>>) =>
  [v.problem && `entry #${v.brokenAtId}: ${v.problem}`, v.anchorProblem, ...v.rowProblems].filter(Boolean).join(' | ');

const CASES: [string, (db: Kysely<DB>) => Promise<void>, RegExp][] = [
  ['a dose changed', update('dose_versions', 'amount = amount * 10'), /dose_versions row \d+ was changed outside the app after audit entry #\d+/],
  ['an order stopped', update('orders', "status = 'discontinued', status_reason = 'offline'"), /orders row \d+ was changed outside the app/],
  ['a patient renamed', update('patients', "family_name = 'Changed'"), /patients row \d+ was changed outside the app/],
  ['an allergy edited', update('allergies', "substance = 'nothing'"), /allergies row \d+ was changed outside the app/],
  ['a password hash replaced', update('users', "password_hash = 'scrypt$forged'"), /users row \d+ was changed outside the app/],
  ['a review moved', update('followups', "due_date = '2027-06-01'"), /followups row \d+ was changed outside the app/],
  [
    'a setting changed',
    async (db) => void (await sql`UPDATE settings SET value_json = '"Elsewhere"' WHERE key = 'clinic.name'`.execute(db)),
    /settings row clinic\.name was changed outside the app/,
  ],
  [
    'a patient added',
    async (db) => {
      const { rows } = await sql<Record<string, unknown>>`SELECT * FROM patients LIMIT 1`.execute(db);
      const { id: _id, ...row } = rows[0]!;
      await db.insertInto('patients').values({ ...row, mrn: 'FAKE-1', family_name: 'Ghost' } as never).execute();
    },
    /patients row \d+ has no audit entry at all: it was added outside the app/,
  ],
  ['an allergy removed', async (db) => void (await sql`DELETE FROM allergies`.execute(db)), /allergies row \d+ is missing: it was removed outside the app/],
  [
    'an audit entry edited',
    async (db) => void (await sql`UPDATE audit_log SET reason = 'edited' WHERE id = 3`.execute(db)),
    /entry #3: its contents were changed after it was written/,
  ],
  [
    'the newest audit entries cut off',
    async (db) => void (await sql`DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)`.execute(db)),
    /are gone: the newest audit entries were cut off/,
  ],
  [
    'the chain re-hashed from an entry on',
    async (db) => {
      const rows = await db.selectFrom('audit_log').selectAll().where('id', '>=', 5).orderBy('id').execute();
      let prev = (await db.selectFrom('audit_log').select('hash').where('id', '=', 4).executeTakeFirstOrThrow()).hash;
      for (const row of rows) {
        const changed = { ...row, prev_hash: prev, reason: row.id === 5 ? 'rewritten' : row.reason };
        const hash = entryHash(changed);
        await sql`UPDATE audit_log SET reason = ${changed.reason}, prev_hash = ${prev}, hash = ${hash} WHERE id = ${row.id}`.execute(db);
        prev = hash;
      }
    },
    /no longer matches the anchor .* the chain was rewritten from there on/,
  ],
];

describe('tamper suite', () => {
  it('the untouched copy verifies', async () => {
    const v = await tamperAndVerify(async () => undefined);
    expect(said(v)).toBe('');
    expect(v.ok).toBe(true);
    expect(v.anchors).toBe(1);
  });

  it(`catches and names each of ${CASES.length} offline changes`, async () => {
    const lines: string[] = [];
    for (const [what, tamper, named] of CASES) {
      const v = await tamperAndVerify(tamper);
      expect(v.ok, what).toBe(false);
      expect(said(v), what).toMatch(named);
      lines.push(`  ${what}: ${said(v)}`);
    }
    console.log(`[tamper] ${CASES.length} offline changes with the key in hand and the triggers dropped, ${CASES.length} caught and named:\n${lines.join('\n')}`);
  }, 120_000);
});
