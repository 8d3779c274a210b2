import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { run, scratch, copyClinic, openWithKey, closeAll, alterAuditEntry, snapshot, expectFailure, initArgs, useCliClinic } from '../support/cliClinic';

/*
 * The command line's refusals (exit 1, a clear message, nothing changed) and verify-audit.
 * Set-up and helpers: tests/support/cliClinic.ts.
 */
const cli = useCliClinic();

describe('failures: exit 1, a clear message, nothing changed', () => {
  it('refuses a wrong passphrase and leaves the clinic file byte-for-byte unchanged', async () => {
    const wrong = path.join(cli.root, 'wrong-passphrase.txt');
    fs.writeFileSync(wrong, 'not the passphrase at all\n');
    const before = snapshot(cli.root);
    const r = await run(['verify-audit', '--db', cli.clinicDb, '--passphrase-file', wrong]);
    expectFailure(r, 1, /^medtrack verify-audit: That recovery passphrase is not correct for this clinic file\.$/m);
    expect(snapshot(cli.root)).toEqual(before);
  });

  it('refuses to overwrite an existing clinic', async () => {
    const before = snapshot(cli.root);
    expectFailure(await run(initArgs(cli.clinicDb)), 1, /already exists at .*clinic\.db; refusing to overwrite/);
    expectFailure(await run(['demo', '--db', cli.clinicDb, '--passphrase-file', cli.passFile]), 1, /refusing to overwrite/);
    expect(snapshot(cli.root)).toEqual(before);
  });

  it('rejects weak secrets before creating anything', async () => {
    const db = scratch('weak.db');
    const short = path.join(path.dirname(db), 'short.txt');
    fs.writeFileSync(short, 'short\n');
    expectFailure(await run(initArgs(db).map((a) => (a === cli.passFile ? short : a))), 1, /recovery passphrase must be at least 12 characters/);
    expectFailure(await run(initArgs(db).map((a) => (a === cli.adminPwFile ? short : a))), 1, /--admin-password-file: The password must be at least 10 characters/);
    expect(fs.readdirSync(path.dirname(db))).toEqual(['short.txt']);
  });

  it('names missing and empty secret files', async () => {
    expectFailure(await run(['verify-audit', '--db', cli.clinicDb, '--passphrase-file', 'nope.txt']), 1, /recovery passphrase file .*nope\.txt \(--passphrase-file\) does not exist/);
    const empty = scratch('empty.txt');
    fs.writeFileSync(empty, '\n');
    expectFailure(await run(['verify-audit', '--db', cli.clinicDb, '--passphrase-file', empty]), 1, /is empty/);
  });

  it('explains files that are not clinic databases', async () => {
    expectFailure(await run(['verify-audit', '--db', 'absent.db', '--passphrase-file', cli.passFile]), 1, /No clinic database at .*absent\.db/);

    const text = scratch('notes.txt');
    fs.writeFileSync(text, 'just some notes\n');
    expectFailure(await run(['verify-audit', '--db', text, '--passphrase-file', cli.passFile]), 1, /key file .*notes\.txt\.keys\.json is missing/);

    // A plain SQLite file, even with a valid key file beside it.
    const plain = scratch('plain.db');
    new Database(plain).exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    fs.copyFileSync(`${cli.clinicDb}.keys.json`, `${plain}.keys.json`);
    const plainBytes = fs.readFileSync(plain);
    expectFailure(await run(['verify-audit', '--db', plain, '--passphrase-file', cli.passFile]), 1, /plain, unencrypted SQLite file/);
    expect(fs.readFileSync(plain).equals(plainBytes)).toBe(true);

    // Another clinic's key file: the passphrase is right, the key is not this file's.
    const other = copyClinic(cli.demoDb, scratch('other.db'));
    fs.copyFileSync(`${cli.clinicDb}.keys.json`, `${other}.keys.json`);
    const otherBytes = fs.readFileSync(other);
    expectFailure(await run(['verify-audit', '--db', other, '--passphrase-file', cli.passFile]), 1, /The key does not open .*other\.db/);
    expect(fs.readFileSync(other).equals(otherBytes)).toBe(true);
  });
});

describe('verify-audit', () => {
  it('reports an intact chain with its length', async () => {
    const h = await openWithKey(cli.demoDb);
    const { n } = await h.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await closeAll(h);
    expect(n).toBeGreaterThan(10);
    const r = await run(['verify-audit', '--db', cli.demoDb, '--passphrase-file', cli.passFile]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^Audit chain intact: ${n} entries`));
    expect(r.code).toBe(0);
  });

  it('names the entry that was altered after it was written', async () => {
    const db = copyClinic(cli.demoDb, scratch('tampered.db'));
    await alterAuditEntry(db, 12);
    const r = await run(['verify-audit', '--db', db, '--passphrase-file', cli.passFile]);
    expectFailure(r, 1, /Audit chain BROKEN at entry #12: its contents were changed after it was written/);
  });
});
