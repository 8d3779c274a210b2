import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClinicDatabase } from '../../db/open';
import { unwrapKey } from '../../main/app/clinicFile';
import { MemoryKeyStore } from '../../main/keys/memoryKeyStore';
import { internalErrorMessage, openAppLog, type AppLog } from '../../main/log/appLog';
import { DbWorkerHost } from '../../main/worker/host';
import { makeTempDir } from '../support/tempdb';
import { latestSchemaVersion } from '../../migrations';
import { TEST_ADMIN, TEST_PASSPHRASE } from '../support/app';

/**
 * The database worker as the app and the loopback server drive it (compiled: run
 * `npm run build:core` first). The main concern: a long operation must not hold up the calls
 * behind it, so a nurse's patient search answers while a large backup is being written.
 */

const SLOW_CALL_MS = 150;
let dir: string;
let appLog: AppLog;
let keyStore: MemoryKeyStore;
let host: DbWorkerHost;

async function call(channel: string, input: unknown = {}) {
  return host.call(channel, input) as Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }>;
}

const startHost = (store = keyStore) =>
  DbWorkerHost.start({
    dataDir: dir,
    keyStore: store,
    log: appLog,
    internalMessage: internalErrorMessage(appLog.file),
    slowCallMs: SLOW_CALL_MS,
  });

/**
 * Makes the file large enough that copying it takes a good part of a second or more: random
 * (incompressible) filler in a table of its own, written straight into the file, so the
 * patient search itself stays as quick as on a real clinic.
 */
async function seedLargeClinic(megabytes: number): Promise<void> {
  const file = path.join(dir, 'medtrack.db');
  const key = unwrapKey(file, TEST_PASSPHRASE);
  const h = await openClinicDatabase({ file, key, migrate: false });
  key.fill(0);
  h.sqlite.exec('CREATE TABLE test_filler (id INTEGER PRIMARY KEY, pad BLOB NOT NULL)');
  const insert = h.sqlite.prepare('INSERT INTO test_filler (pad) VALUES (randomblob(1024))');
  const addPatient = h.sqlite.prepare(
    `INSERT INTO patients (mrn, family_name, given_name, date_of_birth, admission_date, level_of_care, residence, created_at, created_by, updated_at)
     VALUES (?, ?, ?, '1980-01-01', '2026-01-05', '2.1', 'home', '2026-01-05T12:00:00.000Z', 1, '2026-01-05T12:00:00.000Z')`,
  );
  h.sqlite.transaction(() => {
    for (let i = 0; i < megabytes * 1024; i++) insert.run();
    addPatient.run('MRN-ZED-1', 'Zedwick', 'Ottoline');
    addPatient.run('MRN-ABB-2', 'Abbott', 'Perpetua');
  })();
  await h.close();
}

beforeAll(async () => {
  dir = makeTempDir('medtrack-worker-');
  appLog = openAppLog(dir, { console: false });
  keyStore = new MemoryKeyStore();
  host = await startHost();
  const setup = await call('clinic.setup', {
    clinicName: 'Worker Clinic',
    timeZone: 'America/New_York',
    adminLogin: TEST_ADMIN.login,
    adminName: TEST_ADMIN.name,
    adminPassword: TEST_ADMIN.password,
    recoveryPassphrase: TEST_PASSPHRASE,
    recoveryPassphraseConfirm: TEST_PASSPHRASE,
  });
  expect(setup.ok).toBe(true);
  await seedLargeClinic(24);
  expect((await call('session.login', { login: TEST_ADMIN.login, password: TEST_ADMIN.password })).ok).toBe(true);
});

afterAll(async () => {
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const waitForJob = async (kind: string, phase: string) => {
  for (let i = 0; i < 2000; i++) {
    const jobs = (await call('clinic.jobs')).value as { kind: string; phase: string; percent: number | null }[];
    const job = jobs.find((j) => j.kind === kind && j.phase === phase);
    if (job) return job;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no ${kind} job reached ${phase}`);
};

describe('database worker', () => {
  it('answers a patient search within milliseconds while a large backup is being written', async () => {
    const out = path.join(dir, 'backup-1.db');
    const started = performance.now();
    let backupMs: number | null = null;
    const backup = call('clinic.backup', { file: out }).then((r) => {
      backupMs = performance.now() - started;
      return r;
    });
    await waitForJob('backup', 'copying');

    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const found = await call('patients.list', { query: 'Zedwick' });
      latencies.push(performance.now() - t);
      expect(found.ok).toBe(true);
      expect(found.value.map((p: { mrn: string }) => p.mrn)).toEqual(['MRN-ZED-1']);
    }
    // Every search was answered while the backup was still running...
    expect(backupMs).toBeNull();
    const result = await backup;
    expect(result).toMatchObject({ ok: true, value: { file: out } });
    expect(fs.existsSync(`${out}.keys.json`)).toBe(true);
    // ...and none waited for it: each far quicker than the backup itself.
    const worst = Math.max(...latencies);
    expect(worst).toBeLessThan(250);
    expect(backupMs!).toBeGreaterThan(4 * worst);
  });

  it('refuses a second backup while one runs, and reports the running one', async () => {
    const first = call('clinic.backup', { file: path.join(dir, 'backup-2.db') });
    const job = await waitForJob('backup', 'copying');
    expect(job.percent).not.toBeNull();
    const second = await call('clinic.backup', { file: path.join(dir, 'backup-3.db') });
    expect(second).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'A backup is already running; wait for it to finish.' },
    });
    expect(fs.existsSync(path.join(dir, 'backup-3.db'))).toBe(false);
    expect((await first).ok).toBe(true);
    expect((await call('clinic.jobs')).value).toEqual([]);
  });

  it('refuses a backup over an existing file, changing nothing', async () => {
    const out = path.join(dir, 'backup-1.db');
    const before = fs.statSync(out).mtimeMs;
    const r = await call('clinic.backup', { file: out });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(r.error!.message).toMatch(/already exists; refusing to overwrite/);
    expect(fs.statSync(out).mtimeMs).toBe(before);
  });

  it('logs slow calls with their channel and duration, never their data', async () => {
    const text = fs.readFileSync(appLog.file, 'utf8');
    expect(text).toMatch(/Slow call clinic\.backup: \d+ ms/);
    expect(text).not.toMatch(/Slow call patients\.list/);
    expect(text).not.toContain('Zedwick');
    expect(text).not.toContain('backup-1.db');
  });

  it("tells the About screen the version, the open file's schema, the cipher library and the log file", async () => {
    const about = (await call('clinic.about')).value;
    expect(about).toMatchObject({
      version: JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version,
      dataFolder: dir,
      logFile: appLog.file,
    });
    expect(about.schemaVersion).toBe(latestSchemaVersion);
    expect(about.cipherLibrary).toMatch(/^SQLite3 Multiple Ciphers \d/);
  });

  it('unlocks through the main thread key store at the next start, and not with another store', async () => {
    await host.close();
    host = await startHost(new MemoryKeyStore());
    expect((await call('clinic.status')).value.phase).toBe('locked');
    await host.close();
    host = await startHost(keyStore);
    expect((await call('clinic.status')).value.phase).toBe('open');
  });
});
