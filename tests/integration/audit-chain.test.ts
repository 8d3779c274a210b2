import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, entryHash, verifyAuditChain } from '../../main/services/audit';
import { openTempDb, type TempDb } from '../support/tempdb';

/** The audit verifier on a real encrypted file: it names the first link that does not hold. */
let h: TempDb;
beforeEach(async () => {
  h = await openTempDb();
  await h.db.transaction().execute(async (trx) => {
    for (let i = 1; i <= 8; i++) {
      await appendAudit(trx, { at: `2026-06-0${i}T12:00:00.000Z`, actorId: null, action: 'settings.update', entityType: 'test', entityId: i, after: { n: i } });
    }
  });
});
afterEach(async () => h.cleanup());

const tamper = async (stmt: ReturnType<typeof sql>) => {
  await sql`DROP TRIGGER IF EXISTS audit_log_no_update`.execute(h.db);
  await sql`DROP TRIGGER IF EXISTS audit_log_no_delete`.execute(h.db);
  await stmt.execute(h.db);
};

describe('verifyAuditChain', () => {
  it('passes an intact chain and counts its entries', async () => {
    expect(await verifyAuditChain(h.db)).toMatchObject({ ok: true, entries: 8 });
  });

  it('reports the first altered entry when two were altered, with the entries before it still good', async () => {
    await tamper(sql`UPDATE audit_log SET reason = 'edited' WHERE id IN (3, 6)`);
    expect(await verifyAuditChain(h.db)).toEqual({ ok: false, entries: 2, brokenAtId: 3, problem: 'its contents were changed after it was written' });
  });

  it('catches an edit whose own hash was recomputed: the next entry no longer links to it', async () => {
    const row = await h.db.selectFrom('audit_log').selectAll().where('id', '=', 4).executeTakeFirstOrThrow();
    const forged = { ...row, reason: 'quietly edited' };
    await tamper(sql`UPDATE audit_log SET reason = ${forged.reason}, hash = ${entryHash(forged)} WHERE id = 4`);
    expect(await verifyAuditChain(h.db)).toEqual({ ok: false, entries: 4, brokenAtId: 5, problem: 'its link to the previous entry does not match' });
  });

  it('names the gap when an entry is removed from the middle', async () => {
    await tamper(sql`DELETE FROM audit_log WHERE id = 5`);
    expect(await verifyAuditChain(h.db)).toEqual({ ok: false, entries: 4, brokenAtId: 6, problem: 'entries 5..5 are missing' });
  });

  it('walks the chain across batch boundaries', async () => {
    await tamper(sql`UPDATE audit_log SET action = 'test.other' WHERE id = 7`);
    expect(await verifyAuditChain(h.db, 3)).toMatchObject({ ok: false, entries: 6, brokenAtId: 7 });
  });
});
