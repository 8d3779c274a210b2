import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFilePathFor, readKeyFile } from '../../main/keys/keyFile';
import { startTestApp, TEST_ADMIN, TEST_PASSPHRASE, type TestApp } from '../support/app';
import { makeTempDir } from '../support/tempdb';

/**
 * Issue 10 item 12: restore from the admin screen, as a job, with the command line's checks. A
 * wrong passphrase, a damaged backup, another clinic's backup and a missing key file each get
 * their own words and change nothing; a good backup replaces the clinic file, the app reopens
 * on it (everyone logs in again) and the previous file is kept. Compiled job thread: `npm run build`.
 */
let t: TestApp;
let backup: string;
const dbFile = () => path.join(t.dir, 'medtrack.db');
const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const state = () => ({ db: sha(dbFile()), keys: sha(keyFilePathFor(dbFile())) });
const restore = (file: string, extra: Record<string, unknown> = {}) => t.raw('clinic.restore', { file, passphrase: TEST_PASSPHRASE, confirm: true, ...extra });

beforeAll(async () => {
  t = await startTestApp();
  await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
  await t.call('users.create', { login: 'before', role: 'nurse', displayName: 'In The Backup', password: 'password-before-1' });
  const made = await t.call('backups.run', { folder: t.dir });
  expect(made.ok).toBe(true);
  backup = made.file!;
  await t.call('users.create', { login: 'after', role: 'nurse', displayName: 'Not In The Backup', password: 'password-after-1' });
  // Nothing pending in the WAL, so the file's bytes are a fair "unchanged" check.
  t.app.database!.sqlite.pragma('wal_checkpoint(TRUNCATE)');
}, 60_000);
afterAll(async () => t.cleanup());

/** Each refusal: its own words, the clinic file and key file byte for byte as they were, still open and logged in. */
async function refused(r: Awaited<ReturnType<typeof restore>>, words: string | RegExp, before: ReturnType<typeof state>) {
  expect(r.ok).toBe(false);
  if (typeof words === 'string') expect(r.error?.message).toBe(words);
  else expect(r.error?.message).toMatch(words);
  t.app.database!.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  expect(state()).toEqual(before);
  expect((await t.call('session.current', {})).user?.login).toBe(TEST_ADMIN.login);
  expect(fs.readdirSync(t.dir).filter((f) => f.includes('restore-staging') || f.includes('before-restore'))).toEqual([]);
}

describe('clinic.restore', () => {
  it('asks for a confirmation and a full path, in words', async () => {
    const r = await t.raw('clinic.restore', { file: 'backup.db', passphrase: TEST_PASSPHRASE, confirm: false });
    const fields = (r.error as unknown as { fields: { path: string; message: string }[] }).fields;
    expect(fields).toEqual([
      { path: 'file', message: 'Give the backup file its full path (starting from the drive or the top folder).' },
      { path: 'confirm', message: 'Tick the box to confirm that the clinic file is to be replaced.' },
    ]);
  });

  it('refuses a wrong passphrase in words and changes nothing', async () => {
    await refused(
      await restore(backup, { passphrase: 'not the passphrase at all' }),
      'That recovery passphrase does not open this backup. Enter the passphrase the clinic had when the backup was made. Nothing was changed.',
      state(),
    );
  }, 30_000);

  it('refuses a damaged backup in words and changes nothing', async () => {
    const damaged = path.join(t.dir, 'damaged.db');
    const bytes = fs.readFileSync(backup);
    // Scribble over pages past the first: the header still reads, the pages do not.
    for (let i = 8192; i < bytes.length - 100; i += 4096) bytes.fill(0x5a, i, i + 64);
    fs.writeFileSync(damaged, bytes);
    fs.copyFileSync(keyFilePathFor(backup), keyFilePathFor(damaged));
    await refused(await restore(damaged), /^The backup .*damaged\.db is damaged: it (cannot be read|fails SQLite's integrity check)\. Nothing was changed\. Choose another backup\.$/, state());
  }, 30_000);

  it('refuses a backup without its key file in words', async () => {
    const alone = path.join(t.dir, 'alone.db');
    fs.copyFileSync(backup, alone);
    await refused(await restore(alone), `The backup's key file ${alone}.keys.json is missing; without it the backup cannot be opened.`, state());
  });

  it("refuses another clinic's backup unless asked to replace this clinic with it", async () => {
    const other = await startTestApp({ dir: makeTempDir('medtrack-other-clinic-') });
    try {
      await other.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
      const theirs = (await other.call('backups.run', { folder: other.dir })).file!;
      await refused(await restore(theirs), /^This backup is of another clinic, not of the clinic open here\. Nothing was changed\./, state());
      const ok = await restore(theirs, { replaceOtherClinic: true });
      expect(ok.ok).toBe(true);
      expect(readKeyFile(keyFilePathFor(dbFile())).clinicId).toBe(readKeyFile(keyFilePathFor(path.join(other.dir, 'medtrack.db'))).clinicId);
    } finally {
      await other.cleanup();
    }
    // Put this clinic back for the next test, from its own backup (the other clinic's identity is now the live one).
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    expect((await restore(backup, { replaceOtherClinic: true })).ok).toBe(true);
  }, 90_000);

  it('restores a good backup as a job, reopens on it (everyone logs in again) and keeps the previous file', async () => {
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    // A change made after the backup, which the restore takes away.
    await t.call('users.create', { login: 'later', role: 'nurse', displayName: 'Added After', password: 'password-later-1' });
    const pending = restore(backup);
    let kinds: string[] = [];
    for (let i = 0; i < 400 && !kinds.includes('restore'); i++) {
      kinds = (await t.call('clinic.jobs', {})).map((j) => j.kind);
      if (!kinds.length) await new Promise((r) => setTimeout(r, 5));
    }
    expect(kinds).toEqual(['restore']);
    expect((await t.raw('clinic.restore', { file: backup, passphrase: TEST_PASSPHRASE, confirm: true })).error?.message).toBe(
      'A restore from a backup is already running; wait for it to finish.',
    );
    const r = await pending;
    expect(r.ok).toBe(true);
    const value = r.value as { keptAs: string; clinicName: string; entries: number };
    expect(value.clinicName).toBe('Test Clinic');
    expect(fs.existsSync(value.keptAs)).toBe(true);
    expect(t.app.status().phase).toBe('open');
    expect((await t.call('session.current', {})).user).toBeNull();

    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    const logins = (await t.call('users.list', {})).map((u) => u.login);
    expect(logins).toContain('before');
    expect(logins).not.toContain('later');
    const entries = await t.call('audit.list', { action: 'clinic.restored' });
    expect(entries.length).toBeGreaterThanOrEqual(1);
    expect((await t.call('audit.verify', {})).ok).toBe(true);
  }, 90_000);
});
