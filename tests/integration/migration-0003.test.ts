import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate';
import { openClinicDatabase, type ClinicDatabase } from '../../db/open';
import { migrations } from '../../migrations';
import { appendAudit, entryHash, GENESIS_HASH, verifyAuditChain } from '../../main/services/audit';
import { rowStateHash, verifyCurrentState } from '../../main/services/auditState';
import { makeTempDir } from '../support/tempdb';

/**
 * 0003_audit_state_hash: a file at version 2 with rows and a hash chain written the old way goes
 * through the migration; its old chain still verifies, its old rows are "unproven" rather than
 * tampered, and entries written afterwards carry (and chain) the state hash.
 */
const at = '2026-11-27T15:00:00.000Z';
let dir: string;
let h: ClinicDatabase;
beforeEach(async () => {
  dir = makeTempDir('medtrack-m0003-');
  h = await openClinicDatabase({ file: path.join(dir, 'clinic.db'), key: crypto.randomBytes(32), create: true, migrate: false });
  await migrateToLatest(h, migrations.filter((m) => m.version < 3));
});
afterEach(async () => {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('0003_audit_state_hash', () => {
  it('keeps an old chain valid, reads old rows as unproven, and hashes new entries', async () => {
    const user = await h.db
      .insertInto('users')
      .values({ login: 'rx', display_name: 'Dr. Migration Test', role: 'prescriber', password_hash: 'x', created_at: at, updated_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    const old = { prev_hash: GENESIS_HASH, at, actor_id: null, action: 'users.create', entity_type: 'user', entity_id: String(user.id), before_json: null, after_json: '{}', reason: null };
    await h.db.insertInto('audit_log').values({ ...old, hash: entryHash(old) } as never).execute();

    await migrateToLatest(h);
    expect((await verifyAuditChain(h.db)).ok).toBe(true);
    expect(await verifyCurrentState(h.db)).toEqual({ proven: 0, unproven: 1, problems: [] });

    await h.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ display_name: 'Dr. Renamed Test' }).where('id', '=', user.id).execute();
      await appendAudit(trx, { at, actorId: user.id, action: 'users.activate', entityType: 'user', entityId: user.id });
    });
    const newest = await h.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    const row = await h.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(newest.state_hash).toBe(rowStateHash(row, 'users'));
    expect((await verifyAuditChain(h.db)).ok).toBe(true);
    expect(await verifyCurrentState(h.db)).toEqual({ proven: 1, unproven: 0, problems: [] });
  });

  it('refuses a state hash that is not one', async () => {
    await migrateToLatest(h);
    const e = { prev_hash: GENESIS_HASH, at, actor_id: null, action: 'x', entity_type: 'x', entity_id: null, before_json: null, after_json: null, reason: null };
    await expect(h.db.insertInto('audit_log').values({ ...e, hash: 'h', state_hash: 'short' }).execute()).rejects.toThrow(/CHECK/);
  });
});
