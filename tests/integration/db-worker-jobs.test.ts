import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClinicDatabase } from '../../db/open';
import { unwrapKey } from '../../main/app/clinicFile';
import { MemoryKeyStore } from '../../main/keys/memoryKeyStore';
import { internalErrorMessage, openAppLog, type AppLog } from '../../main/log/appLog';
import { entryHash } from '../../main/services/audit';
import { DbWorkerHost } from '../../main/worker/host';
import { TEST_ADMIN, TEST_PASSPHRASE } from '../support/app';
import { makeTempDir } from '../support/tempdb';

/**
 * Issue 9: the audit log's verification and the director's audit are long reads; in the database
 * worker they held up every other call (the driver is synchronous, so the worker's message loop
 * waits). They now run on a job thread: a nurse's patient search is answered while a check of
 * a long audit log runs. Compiled worker: `npm run build:core` first.
 */
let dir: string;
let appLog: AppLog;
let host: DbWorkerHost;
const call = (channel: string, input: unknown = {}) =>
  host.call(channel, input) as Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }>;

/** A long, correctly chained audit log written straight into the file (synthetic entries). */
async function seedLongAuditLog(entries: number): Promise<void> {
  const file = path.join(dir, 'medtrack.db');
  const key = unwrapKey(file, TEST_PASSPHRASE);
  const h = await openClinicDatabase({ file, key, migrate: false });
  key.fill(0);
  let prev = (h.sqlite.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string }).hash;
  const insert = h.sqlite.prepare(
    `INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, before_json, after_json, reason, prev_hash, hash)
     VALUES (@at, NULL, 'test.filler', 'test_filler', @entity_id, NULL, NULL, NULL, @prev_hash, @hash)`,
  );
  h.sqlite.transaction(() => {
    for (let i = 0; i < entries; i++) {
      const fields = { at: '2026-01-05T12:00:00.000Z', actor_id: null, action: 'test.filler', entity_type: 'test_filler', entity_id: String(i), before_json: null, after_json: null, reason: null, prev_hash: prev };
      const hash = entryHash(fields);
      insert.run({ at: fields.at, entity_id: fields.entity_id, prev_hash: prev, hash });
      prev = hash;
    }
  })();
  await h.close();
}

beforeAll(async () => {
  dir = makeTempDir('medtrack-worker-jobs-');
  appLog = openAppLog(dir, { console: false });
  host = await DbWorkerHost.start({ dataDir: dir, keyStore: new MemoryKeyStore(), log: appLog, internalMessage: internalErrorMessage(appLog.file) });
  const setup = await call('clinic.setup', {
    clinicName: 'Jobs Clinic', timeZone: 'America/New_York', adminLogin: TEST_ADMIN.login, adminName: TEST_ADMIN.name,
    adminPassword: TEST_ADMIN.password, recoveryPassphrase: TEST_PASSPHRASE, recoveryPassphraseConfirm: TEST_PASSPHRASE,
  });
  expect(setup.ok).toBe(true);
  await host.close();
  await seedLongAuditLog(60_000);
  host = await DbWorkerHost.start({ dataDir: dir, keyStore: new MemoryKeyStore(), log: appLog, internalMessage: internalErrorMessage(appLog.file) });
  // The memory key store is new, so the file opens with the passphrase, as on a new workstation.
  expect((await call('clinic.unlock', { recoveryPassphrase: TEST_PASSPHRASE })).ok).toBe(true);
  expect((await call('session.login', { login: TEST_ADMIN.login, password: TEST_ADMIN.password })).ok).toBe(true);
}, 120_000);

afterAll(async () => {
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('long reads on a job thread', () => {
  it('answers other calls while the audit log is verified, shows the check running and refuses a second one', async () => {
    const started = performance.now();
    let verifyMs: number | null = null;
    const verify = call('audit.verify').then((r) => {
      verifyMs = performance.now() - started;
      return r;
    });
    let running: { kind: string }[] = [];
    for (let i = 0; i < 400 && running.length === 0; i++) {
      running = (await call('clinic.jobs')).value;
      if (running.length === 0) await new Promise((r) => setTimeout(r, 5));
    }
    expect(running.map((j) => j.kind)).toEqual(['verify']);
    const second = await call('audit.verify');
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'A check of the audit log is already running; wait for it to finish.' } });

    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      expect((await call('patients.list', {})).ok).toBe(true);
      latencies.push(performance.now() - t);
    }
    expect(verifyMs).toBeNull();
    // The check reports how far it has got (issue 9: a percentage, not only a phase), rising.
    const percents: number[] = [];
    while (verifyMs === null) {
      const job = ((await call('clinic.jobs')).value as { kind: string; percent: number | null }[]).find((j) => j.kind === 'verify');
      if (job?.percent != null && job.percent !== percents[percents.length - 1]) percents.push(job.percent);
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(percents.some((p) => p > 0 && p < 80), `percents seen (the chain walk is 0-80 %): ${percents.join(', ')}`).toBe(true);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    const result = await verify;
    expect(result.ok).toBe(true);
    expect(result.value.entries).toBeGreaterThan(60_000);
    expect(result.value.brokenAtId).toBeNull();
    const worst = Math.max(...latencies);
    expect(verifyMs!).toBeGreaterThan(4 * worst);
    console.log(`[jobs] audit.verify over ${result.value.entries} entries: ${Math.round(verifyMs!)} ms; percents seen ${percents.join(', ')}`);
  }, 120_000);

  it('gives the director\u2019s overdue-review report from the job thread, on the worker\u2019s clock', async () => {
    const made = await call('users.create', { login: 'director', role: 'medical_director', displayName: 'Dana Director', password: 'director-password-1' });
    expect(made.ok).toBe(true);
    await call('session.logout');
    expect((await call('session.login', { login: 'director', password: 'director-password-1' })).ok).toBe(true);
    const r = await call('overdueReport.figures', {});
    expect(r.error).toBeUndefined();
    expect(r.value).toMatchObject({ scope: [], totals: { overdue: 0, critical: 0 } });
    expect(r.value).not.toHaveProperty('reviews');
  });

  it('refuses a future "as of" date in words, on the field, across the job thread, for figures, pages and exports', async () => {
    const tomorrow = new Date(Date.now() + 36 * 3_600_000).toISOString().slice(0, 10);
    for (const [channel, input] of [
      ['overdueReport.figures', { asOf: tomorrow }],
      ['overdueReport.reviews', { filters: { asOf: tomorrow }, prescriberId: 1, figure: 'overdue' }],
      ['overdueReport.export', { format: 'csv', filters: { asOf: tomorrow } }],
    ] as const) {
      const r = (await call(channel, input)) as { ok: boolean; error?: { code: string; message: string; fields?: { path: string; message: string }[] } };
      expect(r.ok).toBe(false);
      expect(r.error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'asOf' }] });
      expect(r.error!.message).toMatch(/^The report cannot be as of \d{1,2} \w{3} \d{4}: that date has not come yet \(today is .+ in the clinic\)/);
      expect(r.error!.message).not.toMatch(/\d{4}-\d{2}-\d{2}|job thread|application log/);
    }
    // Nothing was exported: the audit log holds no export entry.
    expect((await call('audit.list', { action: 'followups.export_csv' })).value).toEqual([]);
  });

  it('runs the CSV export as a job: shown in clinic.jobs while it runs, a second refused meanwhile, then audited once', async () => {
    // A report needs a prescriber to report on.
    await call('session.logout');
    expect((await call('session.login', { login: TEST_ADMIN.login, password: TEST_ADMIN.password })).ok).toBe(true);
    expect((await call('users.create', { login: 'rx', role: 'prescriber', displayName: 'Dr. Rae Prescriber', password: 'prescriber-password-1' })).ok).toBe(true);
    await call('session.logout');
    expect((await call('session.login', { login: 'director', password: 'director-password-1' })).ok).toBe(true);
    const first = call('overdueReport.export', { format: 'csv', filters: {} });
    let running: { kind: string }[] = [];
    for (let i = 0; i < 400 && running.length === 0; i++) {
      running = (await call('clinic.jobs')).value;
      if (running.length === 0) await new Promise((r) => setTimeout(r, 5));
    }
    expect(running.map((j) => j.kind)).toEqual(['export']);
    const second = await call('overdueReport.export', { format: 'csv', filters: {} });
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'An export of the overdue-review report is already running; wait for it to finish.' } });
    const done = await first;
    expect(done.ok).toBe(true);
    expect(done.value.content).toMatch(/Overdue reviews as of/);
    expect((await call('clinic.jobs')).value).toEqual([]);
    expect((await call('audit.list', { action: 'followups.export_csv' })).value).toHaveLength(1);
  });
});
