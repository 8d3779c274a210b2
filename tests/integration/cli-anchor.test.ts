import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClinicDatabase } from '../../db/open';
import { createClinic, unwrapKey } from '../../main/app/clinicFile';
import { fixedClock } from '../../main/clock';
import { appendAudit } from '../../main/services/audit';
import { runCli } from '../support/cli';
import { makeTempDir } from '../support/tempdb';

const NOW = '2026-11-27T15:00:00.000Z';
const PASSPHRASE = 'anchor test passphrase';
let dir: string;
let db: string;
let passFile: string;

const run = (argv: string[]) => runCli(argv, { now: NOW, cwd: dir, home: dir });

async function withKeyedDb(fn: (h: Awaited<ReturnType<typeof openClinicDatabase>>) => Promise<void>) {
  const h = await openClinicDatabase({ file: db, key: unwrapKey(db, PASSPHRASE), migrate: false });
  try {
    await fn(h);
  } finally {
    await h.close();
  }
}

const verify = (...extra: string[]) => run(['verify-audit', '--db', db, '--passphrase-file', passFile, ...extra]);

beforeAll(async () => {
  dir = makeTempDir();
  db = path.join(dir, 'clinic.db');
  passFile = path.join(dir, 'pass.txt');
  fs.writeFileSync(passFile, PASSPHRASE);
  const h = await createClinic(db, { clinicName: 'Anchor Clinic', timeZone: 'UTC', admin: { login: 'admin', displayName: 'Admin', password: 'admin-password-1' }, recoveryPassphrase: PASSPHRASE }, fixedClock(NOW));
  await h.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('verify-audit anchors', () => {
  it('prints an anchor, accepts it after more writes, and catches entries cut off the end', async () => {
    const first = await verify();
    expect(first.code).toBe(0);
    const anchor = /Anchor: (\d+:[0-9a-f]{64})/.exec(first.stdout)?.[1];
    expect(anchor).toBeDefined();

    await withKeyedDb(async (h) => {
      await h.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 3; i++) await appendAudit(trx, { at: NOW, actorId: null, action: 'settings.update', entityType: 'test', entityId: i });
      });
    });
    const later = await verify('--anchor', anchor!);
    expect(later.code).toBe(0);
    expect(later.stdout).toMatch(/still holds/);
    const newest = /Anchor: (\d+:[0-9a-f]{64})/.exec(later.stdout)![1];

    // Someone with the key drops the trigger and removes the newest entries: the chain that is
    // left is internally consistent, so only the anchor shows what happened.
    await withKeyedDb(async (h) => {
      await sql`DROP TRIGGER audit_log_no_delete`.execute(h.db);
      await sql`DELETE FROM audit_log WHERE id > ${Number(anchor!.split(':')[0])}`.execute(h.db);
    });
    expect((await verify()).code).toBe(0);
    const cut = await verify('--anchor', newest);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/entries were removed/);
  });

  it('refuses a malformed anchor as a usage error', async () => {
    const r = await verify('--anchor', 'latest');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--anchor must look like/);
  });
});
