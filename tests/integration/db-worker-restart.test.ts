import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryKeyStore } from '../../main/keys/memoryKeyStore';
import { internalErrorMessage, openAppLog, type AppLog } from '../../main/log/appLog';
import { DbWorkerHost } from '../../main/worker/host';
import { TEST_ADMIN, TEST_PASSPHRASE } from '../support/app';
import { makeTempDir } from '../support/tempdb';

/**
 * Issue 9: if the database worker dies, the call in flight is told it may or may not have been
 * saved (never "nothing was saved"), a new worker re-opens the clinic (here through the OS key
 * store, as on the clinic's own workstation), the session is gone so the screen asks to log in,
 * and the data written before is all there. Compiled worker: `npm run build:core` first.
 */
let dir: string;
let appLog: AppLog;
let host: DbWorkerHost;
const call = (channel: string, input: unknown = {}) =>
  host.call(channel, input) as Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }>;

beforeAll(async () => {
  dir = makeTempDir('medtrack-worker-restart-');
  appLog = openAppLog(dir, { console: false });
  host = await DbWorkerHost.start({ dataDir: dir, keyStore: new MemoryKeyStore(), log: appLog, internalMessage: internalErrorMessage(appLog.file) });
  expect(
    (
      await call('clinic.setup', {
        clinicName: 'Restart Clinic', timeZone: 'America/New_York', adminLogin: TEST_ADMIN.login, adminName: TEST_ADMIN.name,
        adminPassword: TEST_ADMIN.password, recoveryPassphrase: TEST_PASSPHRASE, recoveryPassphraseConfirm: TEST_PASSPHRASE,
      })
    ).ok,
  ).toBe(true);
  expect((await call('session.login', { login: TEST_ADMIN.login, password: TEST_ADMIN.password })).ok).toBe(true);
}, 60_000);

afterAll(async () => {
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('database worker restart', () => {
  it('answers the call in flight with "may or may not have been saved", re-opens the clinic and asks to log in again', async () => {
    const made = await call('users.create', { login: 'nurse.before', role: 'nurse', displayName: 'Nell Before', password: 'nurse-password-1' });
    expect(made.ok).toBe(true);

    // A call in flight (the audit check takes a while) when the worker dies.
    const inFlight = call('audit.verify');
    await new Promise((r) => setTimeout(r, 20));
    await host.killWorker();
    const answer = await inFlight;
    expect(answer.ok).toBe(false);
    expect(answer.error?.code).toBe('INTERRUPTED');
    expect(answer.error?.message).toContain('may or may not have been saved');
    expect(answer.error?.message).not.toContain('nothing was saved');

    // The next call waits for the new worker, which re-opened the clinic file by itself.
    const status = await call('clinic.status');
    expect(status.value).toMatchObject({ phase: 'open', clinicName: 'Restart Clinic' });
    expect((await call('users.list')).error?.code).toBe('UNAUTHENTICATED');
    expect((await call('session.login', { login: TEST_ADMIN.login, password: TEST_ADMIN.password })).ok).toBe(true);
    const users = (await call('users.list')).value as { login: string }[];
    expect(users.map((u) => u.login)).toContain('nurse.before');
    expect(fs.readFileSync(appLog.file, 'utf8')).toMatch(/database worker stopped unexpectedly \(exit \d+\); restarting it/);
  }, 60_000);

  it('gives up after repeated stops in a minute, answering every call plainly', async () => {
    for (let i = 0; i < 3; i++) {
      await call('clinic.status');
      await host.killWorker();
    }
    await call('clinic.status');
    const r = await call('clinic.status');
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('INTERNAL');
  }, 60_000);
});
