import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate';
import { openClinicDatabase, type ClinicDatabase } from '../../db/open';
import { migrations } from '../../migrations';
import { appendAudit, entryHash, GENESIS_HASH, verifyAuditChain } from '../../main/services/audit';
import { makeTempDir } from '../support/tempdb';

/**
 * 0009_audit_one_successor: a chain written at version 8 migrates, still verifies and goes on
 * growing; afterwards no entry can name a predecessor another entry already names. A file whose
 * chain had forked before (tampering: one connection cannot fork it) still opens, keeps its
 * fork for the verifier to report, and takes no new fork.
 */
let dir: string;
let h: ClinicDatabase;
const AT = '2026-06-01T12:00:00.000Z';
const before0009 = migrations.filter((m) => m.version < 9);

beforeEach(async () => {
  dir = makeTempDir();
  h = await openClinicDatabase({ file: path.join(dir, 'clinic.db'), key: crypto.randomBytes(32), create: true, migrate: false });
  await migrateToLatest(h, before0009);
});
afterEach(async () => {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const appendSome = (n: number, from = 1) =>
  h.db.transaction().execute(async (trx) => {
    for (let i = from; i < from + n; i++) await appendAudit(trx, { at: AT, actorId: null, action: 'test.write', entityType: 'test', entityId: i, after: { i } });
  });

/** An entry naming `prev` as its predecessor, hashed correctly, written straight to the table. */
const rawEntry = (prev: string, reason: string) => {
  const e = { prev_hash: prev, at: AT, actor_id: null, action: 'test.raw', entity_type: 'test', entity_id: null, before_json: null, after_json: null, reason };
  return h.db.insertInto('audit_log').values({ ...e, hash: entryHash(e) }).execute();
};

describe('0009_audit_one_successor', () => {
  it('keeps a version-8 chain valid and growing, and refuses a second successor of any entry', async () => {
    await appendSome(4);
    const second = await h.db.selectFrom('audit_log').select('hash').where('id', '=', 2).executeTakeFirstOrThrow();
    expect(await migrateToLatest(h)).toEqual({ from: 8, to: migrations.length });
    expect(await verifyAuditChain(h.db)).toMatchObject({ ok: true, entries: 4 });
    await appendSome(2, 5);
    expect(await verifyAuditChain(h.db)).toMatchObject({ ok: true, entries: 6 });
    // A branch off the middle, or a second first entry: both refused, nothing written.
    await expect(rawEntry(second.hash, 'branch')).rejects.toThrow(/UNIQUE/);
    await expect(rawEntry(GENESIS_HASH, 'second genesis')).rejects.toThrow(/UNIQUE/);
    expect(await h.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 6 });
  });

  it('opens a file whose chain already forked, and refuses any new fork after it', async () => {
    await appendSome(3);
    const first = await h.db.selectFrom('audit_log').select('hash').where('id', '=', 1).executeTakeFirstOrThrow();
    await rawEntry(first.hash, 'old fork'); // id 4, a second successor of entry 1
    await appendSome(1, 10); // id 5 chains to the fork
    await migrateToLatest(h);
    const index = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = 'audit_log_one_successor'`.execute(h.db);
    expect(index.rows[0].sql).toMatch(/WHERE id > 4$/);
    expect(await verifyAuditChain(h.db)).toMatchObject({ ok: false, brokenAtId: 4 });
    const fifth = await h.db.selectFrom('audit_log').select('hash').where('id', '=', 5).executeTakeFirstOrThrow();
    await appendSome(1, 11); // id 6 chains to 5
    await expect(rawEntry(fifth.hash, 'new fork')).rejects.toThrow(/UNIQUE/);
  });
});
