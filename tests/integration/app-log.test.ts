import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClinicDatabase } from '../../db/open';
import { unwrapKey } from '../../main/app/clinicFile';
import { MemoryKeyStore } from '../../main/keys/memoryKeyStore';
import { internalErrorMessage, openAppLog, type AppLog } from '../../main/log/appLog';
import { DbWorkerHost } from '../../main/worker/host';
import { makeTempDir } from '../support/tempdb';
import { TEST_ADMIN, TEST_PASSPHRASE } from '../support/app';

/**
 * The application log after a real failure in the database worker, while handling calls that
 * carry a patient's name, MRN and a note, a passphrase and a password: the file exists, the
 * user's message names it, and none of that data is in it (compiled worker: build:core first).
 */

const PATIENT = { family: 'Quartermaine', given: 'Zebedee', mrn: 'MRN-LEAK-4242', note: 'hives after the second dose' };
let dir: string;
let appLog: AppLog;
let host: DbWorkerHost;
let keyHex: string;

const call = (channel: string, input: unknown = {}) =>
  host.call(channel, input) as Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }>;

beforeAll(async () => {
  dir = makeTempDir('medtrack-log-');
  appLog = openAppLog(dir, { console: false });
  host = await DbWorkerHost.start({
    dataDir: dir,
    keyStore: new MemoryKeyStore(),
    log: appLog,
    internalMessage: internalErrorMessage(appLog.file),
  });
  const setup = await call('clinic.setup', {
    clinicName: 'Log Clinic',
    timeZone: 'America/New_York',
    adminLogin: TEST_ADMIN.login,
    adminName: TEST_ADMIN.name,
    adminPassword: TEST_ADMIN.password,
    recoveryPassphrase: TEST_PASSPHRASE,
    recoveryPassphraseConfirm: TEST_PASSPHRASE,
  });
  expect(setup.ok).toBe(true);
  // A fault the services cannot foresee: every new patient row now fails inside SQLite.
  const file = path.join(dir, 'medtrack.db');
  const key = unwrapKey(file, TEST_PASSPHRASE);
  keyHex = key.toString('hex');
  const h = await openClinicDatabase({ file, key, migrate: false });
  key.fill(0);
  h.sqlite.exec('CREATE TRIGGER test_fault AFTER INSERT ON patients BEGIN INSERT INTO test_missing_table VALUES (NEW.family_name); END');
  await h.close();
});

afterAll(async () => {
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('application log', () => {
  it('records an unexpected failure, names the file to the user, and holds no patient data, passphrase or key', async () => {
    expect((await call('session.login', { login: TEST_ADMIN.login, password: TEST_ADMIN.password })).ok).toBe(true);
    const r = await call('patients.create', {
      patient: {
        mrn: PATIENT.mrn,
        familyName: PATIENT.family,
        givenName: PATIENT.given,
        dateOfBirth: '1980-02-03',
        admissionDate: '2026-11-02',
        residence: 'home',
      },
      allergies: [{ substance: 'Penicillin', reaction: PATIENT.note, severity: 'moderate' }],
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(r.error!.message).toContain(appLog.file);
    // A wrong passphrase and a wrong password go through the same worker.
    expect((await call('session.login', { login: TEST_ADMIN.login, password: 'not-the-password-xyz' })).ok).toBe(false);

    const text = fs.readFileSync(appLog.file, 'utf8');
    expect(text).toMatch(/Channel patients\.create failed/);
    expect(text).toMatch(/SqliteError/);
    for (const secret of [
      PATIENT.family,
      PATIENT.given,
      PATIENT.mrn,
      PATIENT.note,
      'Penicillin',
      '1980-02-03',
      TEST_PASSPHRASE,
      TEST_ADMIN.password,
      'not-the-password-xyz',
      keyHex,
    ]) {
      expect(text, secret).not.toContain(secret);
    }
  });

  it('keeps at most about two files of 1 MiB: the current one and the one before', async () => {
    const logDir = path.dirname(appLog.file);
    const line = 'Slow call patients.list: 999 ms '.padEnd(200, '.');
    for (let i = 0; i < 12_000; i++) appLog.write('warn', line);
    expect(fs.readdirSync(logDir).sort()).toEqual(['medtrack.log', 'medtrack.old.log']);
    expect(fs.statSync(appLog.file).size).toBeLessThanOrEqual(1024 * 1024 + 1024);
  });
});
