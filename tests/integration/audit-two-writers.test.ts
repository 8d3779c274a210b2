import crypto from 'node:crypto';
import path from 'node:path';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isConstraintViolation } from '../../db/dialect';
import { migrateToLatest } from '../../db/migrate';
import { openClinicDatabase, type ClinicDatabase } from '../../db/open';
import { migrations } from '../../migrations';
import { appendAudit, verifyAuditChain } from '../../main/services/audit';
import type { Trx } from '../../main/services/context';
import { makeTempDir } from '../support/tempdb';

/**
 * Two writers on one database can never chain audit entries to the same predecessor
 * (migration 0009, issue 12 item 4). appendAudit reads the last hash, then inserts. On a
 * shared server at read committed, each statement sees what is committed when it runs, so two
 * writers can both read the same last entry. Two connections to one encrypted file, each
 * appending with autocommit statements, reproduce exactly that interleaving: both read the
 * head before either inserts. Without 0009 that forks the chain (the control below); with it
 * the second insert is refused as a constraint, so that write saves nothing.
 */
let dir: string;
let key: Buffer;
let file: string;
const open: ClinicDatabase[] = [];
const AT = '2026-06-01T12:00:00.000Z';

beforeEach(() => {
  dir = makeTempDir();
  key = crypto.randomBytes(32);
  file = path.join(dir, 'clinic.db');
});
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function twoConnections(list: typeof migrations): Promise<[ClinicDatabase, ClinicDatabase]> {
  const a = await openClinicDatabase({ file, key, create: true, migrate: false });
  open.push(a);
  await migrateToLatest(a, list);
  const b = await openClinicDatabase({ file, key, migrate: false });
  open.push(b);
  return [a, b];
}

// Autocommit: each statement on its own, as a read-committed server transaction sees them.
const append = (h: ClinicDatabase, who: string) =>
  appendAudit(h.db as unknown as Trx, { at: AT, actorId: null, action: 'test.write', entityType: 'test', entityId: who, after: { who } });

describe('audit appends from two connections', () => {
  it('control, before 0009: the read-then-insert race forks the chain', async () => {
    const [a, b] = await twoConnections(migrations.filter((m) => m.version < 9));
    await append(a, 'first');
    const results = await Promise.allSettled([append(a, 'a'), append(b, 'b')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await verifyAuditChain(a.db)).toMatchObject({ ok: false, brokenAtId: 3 });
  });

  it('with 0009: one of two racing appends is refused, and the chain still verifies', async () => {
    const [a, b] = await twoConnections(migrations);
    await append(a, 'first');
    for (let round = 0; round < 5; round++) {
      const results = await Promise.allSettled([append(a, `a${round}`), append(b, `b${round}`)]);
      const refused = results.filter((r) => r.status === 'rejected');
      expect(refused).toHaveLength(1);
      expect(isConstraintViolation((refused[0] as PromiseRejectedResult).reason)).toBe(true);
    }
    expect(await verifyAuditChain(b.db)).toEqual({ ok: true, entries: 6, lastHash: expect.any(String) });
    // Taking turns, both connections append to the one chain.
    await append(b, 'b-after');
    await append(a, 'a-after');
    expect(await verifyAuditChain(a.db)).toMatchObject({ ok: true, entries: 8 });
  });
});
