import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MemoryKeyStore } from '../../main/keys/memoryKeyStore';
import { internalErrorMessage, openAppLog } from '../../main/log/appLog';
import { DbWorkerHost } from '../../main/worker/host';
import { makeTempDir } from '../support/tempdb';

/**
 * The demo build, the longest job a first-run user starts, through the database worker
 * (compiled: build:core first): other calls are answered while it runs, its progress is
 * reported, and a second click is refused instead of building a second demo over the first.
 */
let dir: string;
let host: DbWorkerHost;

beforeAll(async () => {
  dir = makeTempDir('medtrack-worker-demo-');
  const appLog = openAppLog(dir, { console: false });
  host = await DbWorkerHost.start({
    dataDir: dir,
    keyStore: new MemoryKeyStore(),
    log: appLog,
    internalMessage: internalErrorMessage(appLog.file),
  });
});

afterAll(async () => {
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('answers other calls while the demo clinic builds, reports its progress, and refuses a second build', async () => {
  let built = false;
  const first = host.call('clinic.openDemo', {}).then((r) => {
    built = true;
    return r;
  });
  const seen: { phase: string; percent: number | null }[] = [];
  let second: Awaited<ReturnType<DbWorkerHost['call']>> | null = null;
  while (!built) {
    const jobs = await host.call('clinic.jobs', {});
    if (jobs.ok && !built) {
      const job = (jobs.value as { kind: string; phase: string; percent: number | null }[]).find((j) => j.kind === 'demo');
      if (job) {
        seen.push(job);
        second ??= await host.call('clinic.openDemo', {});
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(await first).toMatchObject({ ok: true, value: { phase: 'open', mode: 'demo' } });
  // Answered while building, not after: the job was still listed.
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.every((j) => j.phase === 'building')).toBe(true);
  expect(second).toMatchObject({
    ok: false,
    error: { code: 'CONFLICT', message: 'The demo clinic build is already running; wait for it to finish.' },
  });
  expect(await host.call('clinic.jobs', {})).toEqual({ ok: true, value: [] });
});
