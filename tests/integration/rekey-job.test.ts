import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openClinicDatabase } from '../../db/open';
import { WrongKeyError } from '../../db/errors';
import { unwrapKey } from '../../main/app/clinicFile';
import { pendingKeyFilePathFor } from '../../main/app/keyChanges';
import { keyFilePathFor } from '../../main/keys/keyFile';
import { startTestApp, TEST_ADMIN, TEST_PASSPHRASE, type TestApp } from '../support/app';

/**
 * Issue 10 item 11 from the admin screen: a new database key as a job (the rekey itself on a
 * job thread, the worker's connection closed meanwhile and reopened after). A wrong passphrase
 * changes nothing; a second start is refused; other calls are told to wait; a failure part-way
 * leaves the clinic open, and openable, with its old key. Compiled job thread: `npm run build`.
 */
let t: TestApp;
const dbFile = () => path.join(t.dir, 'medtrack.db');
const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const currentKey = () => unwrapKey(dbFile(), TEST_PASSPHRASE).toString('hex');
const rekeyed = async () => (await t.call('audit.list', { action: 'clinic.rekeyed' })).length;

beforeAll(async () => {
  t = await startTestApp();
  await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
  // Some rows, so the rewrite has pages to go through.
  for (let i = 0; i < 3; i++) await t.call('users.create', { login: `rk${i}`, role: 'nurse', displayName: `Rekey Nurse ${i}`, password: 'password-rekey-1' });
}, 60_000);
afterAll(async () => t.cleanup());
afterEach(() => {
  delete process.env.MEDTRACK_REKEY_FAIL_AT;
});

describe('clinic.rekey', () => {
  it('refuses a wrong recovery passphrase in words and changes nothing', async () => {
    const keyBytes = sha(keyFilePathFor(dbFile()));
    const before = currentKey();
    const r = await t.raw('clinic.rekey', { recoveryPassphrase: 'not the passphrase at all' });
    expect(r.error?.code).toBe('WRONG_PASSPHRASE');
    expect(r.error?.message).toBe('That recovery passphrase is not correct for this clinic file. Nothing was changed.');
    expect(sha(keyFilePathFor(dbFile()))).toBe(keyBytes);
    expect(currentKey()).toBe(before);
    expect(await rekeyed()).toBe(0);
  });

  it('re-encrypts under a new key as a job: shown running, a second start and other calls refused in words, the admin still logged in', async () => {
    const before = currentKey();
    const running = t.raw('clinic.rekey', { recoveryPassphrase: TEST_PASSPHRASE });
    let jobs: { kind: string }[] = [];
    for (let i = 0; i < 200 && !jobs.some((j) => j.kind === 'rekey'); i++) {
      jobs = await t.call('clinic.jobs', {});
      if (!jobs.length) await new Promise((r) => setTimeout(r, 5));
    }
    expect(jobs.map((j) => j.kind)).toEqual(['rekey']);
    const second = await t.raw('clinic.rekey', { recoveryPassphrase: TEST_PASSPHRASE });
    expect(second.error?.message).toBe('A change of the database key is already running; wait for it to finish.');
    const backup = await t.raw('backups.run', { folder: t.dir });
    expect(backup.error?.message).toBe('A change of the database key is running; wait for it to finish, then try again.');
    expect((await running).ok).toBe(true);
    expect(await t.call('clinic.jobs', {})).toEqual([]);

    const after = currentKey();
    expect(after).not.toBe(before);
    // The old key no longer opens the file; the new one does, and the admin's session went on.
    await expect(openClinicDatabase({ file: dbFile(), key: Buffer.from(before, 'hex'), migrate: false })).rejects.toBeInstanceOf(WrongKeyError);
    expect((await t.call('session.current', {})).user?.login).toBe(TEST_ADMIN.login);
    expect((await t.call('users.list', {})).length).toBeGreaterThan(3);
    expect(await rekeyed()).toBe(1);
    expect(t.app.status().phase).toBe('open');
  }, 60_000);

  it('tells other calls to wait while the file is closed for the rewrite', async () => {
    const running = t.raw('clinic.rekey', { recoveryPassphrase: TEST_PASSPHRASE });
    let refused: { code: string; message: string } | undefined;
    for (let i = 0; i < 400 && !refused; i++) {
      const r = await t.raw('users.list', {});
      if (!r.ok) refused = r.error;
      else await new Promise((res) => setTimeout(res, 2));
    }
    expect(refused).toEqual({ code: 'CONFLICT', message: 'The clinic file is being re-encrypted under a new key; try again in a minute. Nothing was saved.' });
    // The clinic still reads as open (a reload meanwhile shows no unlock screen).
    expect(t.app.status().phase).toBe('open');
    expect((await running).ok).toBe(true);
    expect((await t.raw('users.list', {})).ok).toBe(true);
  }, 60_000);

  it('a failure after the new key is written but before the file is rewritten leaves the clinic open on its old key', async () => {
    const before = currentKey();
    const keyBytes = sha(keyFilePathFor(dbFile()));
    const audits = await rekeyed();
    process.env.MEDTRACK_REKEY_FAIL_AT = 'after-pending';
    const r = await t.raw('clinic.rekey', { recoveryPassphrase: TEST_PASSPHRASE });
    expect(r.error?.message).toBe(
      'The database key could not be changed; the clinic file is unchanged and opens with its old key. The details are in the application log.',
    );
    expect(fs.existsSync(pendingKeyFilePathFor(dbFile()))).toBe(false);
    expect(sha(keyFilePathFor(dbFile()))).toBe(keyBytes);
    expect(currentKey()).toBe(before);
    expect((await t.raw('users.list', {})).ok).toBe(true);
    expect(await rekeyed()).toBe(audits);
    // Openable with the old key by anyone else too (the command line, the next launch).
    const h = await openClinicDatabase({ file: dbFile(), key: Buffer.from(before, 'hex'), migrate: false });
    await h.close();
  }, 60_000);

  it('a failure after the file was rewritten, before the key file took its place, is finished on reopening', async () => {
    const before = currentKey();
    process.env.MEDTRACK_REKEY_FAIL_AT = 'after-rekey';
    const r = await t.raw('clinic.rekey', { recoveryPassphrase: TEST_PASSPHRASE });
    expect(r.ok).toBe(true);
    expect(fs.existsSync(pendingKeyFilePathFor(dbFile()))).toBe(false);
    expect(currentKey()).not.toBe(before);
    expect((await t.raw('users.list', {})).ok).toBe(true);
  }, 60_000);
});
