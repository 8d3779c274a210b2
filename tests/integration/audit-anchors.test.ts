import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClinicDatabase } from '../../db/open';
import { anchorFilePathFor, fileAnchorStore } from '../../main/app/anchors';
import { unwrapKey } from '../../main/app/clinicFile';
import { fixedClock } from '../../main/clock';
import { buildDemoClinic } from '../../main/demo';
import { entryHash, verifyAudit } from '../../main/services/audit';
import { exportAudit } from '../../main/services/followupAudit';
import { runCli } from '../support/cli';
import { makeTempDir } from '../support/tempdb';

/*
 * Anchors written by every backup and export, outside the database: cutting the newest audit
 * entries off, or rewriting the chain from some entry on, is caught by verify-audit (and the
 * admin screen) by itself, with no anchor anyone had to keep (issue 10, item 2).
 */
const AT = '2026-11-20T15:00:00.000Z';
const PASSPHRASE = 'demo anchor check passphrase';
let root: string;
let pristine: string;
let passFile: string;
const opts = () => ({ now: AT, cwd: root, home: root, env: {} });

beforeAll(async () => {
  root = makeTempDir('medtrack-anchors-');
  pristine = path.join(root, 'demo.db');
  await (await buildDemoClinic(pristine, { clock: fixedClock(AT), passphrase: PASSPHRASE })).close();
  passFile = path.join(root, 'pass.txt');
  fs.writeFileSync(passFile, PASSPHRASE);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let n = 0;
function copy(): string {
  const file = path.join(fs.mkdtempSync(path.join(root, `case-${n++}-`)), 'medtrack.db');
  fs.copyFileSync(pristine, file);
  fs.copyFileSync(`${pristine}.keys.json`, `${file}.keys.json`);
  return file;
}

async function withDb<T>(file: string, fn: (h: Awaited<ReturnType<typeof openClinicDatabase>>) => Promise<T>): Promise<T> {
  const h = await openClinicDatabase({ file, key: unwrapKey(file, PASSPHRASE), migrate: false });
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}

async function backup(file: string): Promise<void> {
  const r = await runCli(['backup', '--db', file, '--out', path.join(path.dirname(file), `backup-${n++}.db`), '--passphrase-file', passFile], opts());
  expect(r.code, r.stderr).toBe(0);
}

describe('anchors kept by backups and exports', () => {
  it('a backup leaves one beside the clinic file, and verify-audit checks it unasked', async () => {
    const file = copy();
    await backup(file);
    const kept = fileAnchorStore(file).list();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ why: 'backup', at: AT });
    const r = await runCli(['verify-audit', '--db', file, '--passphrase-file', passFile], opts());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('All 1 anchors kept by backups and exports still hold.');
  });

  it('catches the newest entries cut off after a backup, with no anchor anyone kept', async () => {
    const file = copy();
    await backup(file);
    const { entries } = fileAnchorStore(file).list()[0]!;
    await withDb(file, async (h) => {
      await sql`DROP TRIGGER audit_log_no_delete`.execute(h.db);
      await sql`DELETE FROM audit_log WHERE id > ${entries - 3}`.execute(h.db);
    });
    const r = await runCli(['verify-audit', '--db', file, '--passphrase-file', passFile], opts());
    expect(r.code).toBe(1);
    // The backup's time on the clinic's clock in the app's format, not the stored ISO instant.
    expect(r.stderr).toContain(`entries up to #${entries}, recorded by the backup of 20 Nov 2026, 10:00 EST, are gone: the newest audit entries were cut off`);
  });

  it('catches the chain rewritten from some entry on (every hash recomputed)', async () => {
    const file = copy();
    await backup(file);
    await withDb(file, async (h) => {
      await sql`DROP TRIGGER audit_log_no_update`.execute(h.db);
      const rows = await h.db.selectFrom('audit_log').selectAll().where('id', '>=', 40).orderBy('id').execute();
      const before = await h.db.selectFrom('audit_log').select('hash').where('id', '=', 39).executeTakeFirstOrThrow();
      let prev = before.hash;
      for (const row of rows) {
        const changed = { ...row, prev_hash: prev, reason: row.id === 40 ? 'rewritten' : row.reason };
        const hash = entryHash(changed);
        await sql`UPDATE audit_log SET reason = ${changed.reason}, prev_hash = ${prev}, hash = ${hash} WHERE id = ${row.id}`.execute(h.db);
        prev = hash;
      }
      const v = await verifyAudit(h.db, fileAnchorStore(file).list());
      expect(v.brokenAtId).toBeNull();
      expect(v.ok).toBe(false);
      expect(v.anchorProblem).toMatch(/no longer matches the anchor the backup of 20 Nov 2026, 10:00 EST recorded: the chain was rewritten from there on/);
    });
  });

  it('an export of the overdue-review report leaves one too', async () => {
    const file = copy();
    const store = fileAnchorStore(file);
    await withDb(file, async (h) => {
      const director = await h.db.selectFrom('users').select(['id', 'display_name']).where('role', '=', 'medical_director').executeTakeFirstOrThrow();
      await exportAudit({ db: h.db, clock: fixedClock(AT), anchors: store }, { id: director.id, role: 'medical_director', displayName: director.display_name }, { format: 'csv', filters: {} });
      const last = await h.db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(store.list()).toEqual([{ entries: last.id, hash: last.hash, at: AT, why: 'export' }]);
    });
  });

  it('a line cut short by a crash mid-append is ignored; the anchors before it still count', async () => {
    const file = copy();
    await backup(file);
    fs.appendFileSync(anchorFilePathFor(file), '{"entries": 12, "hash": "ab');
    expect(fileAnchorStore(file).list()).toHaveLength(1);
  });
});
