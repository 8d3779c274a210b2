import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/app';

/**
 * Scheduled backups through the app (compiled job thread: `npm run build:core` first): made at
 * the clinic's slot, verified, recorded, pruned to the number kept (only the scheduler's own
 * files), a failure and a missed day shown in the status the screens read, the schedule's
 * changes audited.
 */
let t: TestApp;
let folder: string;
const schedule = (over: Record<string, unknown> = {}) => ({ enabled: true, folder, time: '12:30', keep: 2, ...over });
const files = () => fs.readdirSync(folder).sort();

beforeAll(async () => {
  t = await startTestApp();
  // The checks below are made by hand at chosen instants; the minute timer stays out of the way.
  t.app.backups.stop();
  folder = path.join(t.dir, 'backups');
  fs.mkdirSync(folder);
  await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
});
afterAll(async () => t.cleanup());

describe('scheduled backups', () => {
  it('warns that there is no backup before the first one, and does nothing while switched off', async () => {
    t.travel('2026-12-01T17:00:00.000Z');
    expect((await t.call('backups.status', {})).warning).toBe('never');
    await t.app.backups.checkNow();
    expect(files()).toEqual([]);
  });

  it('audits the schedule when an administrator sets it', async () => {
    await t.call('settings.update', { values: { 'backups.schedule': schedule() } });
    const entries = await t.call('audit.list', { limit: 5 });
    expect(entries.some((e) => e.action === 'settings.update' && e.entityId === 'backups.schedule')).toBe(true);
  });

  it('refuses a relative folder in words and keeps the schedule', async () => {
    await expect(t.call('settings.update', { values: { 'backups.schedule': schedule({ folder: 'backups' }) } })).rejects.toThrow(/full path/);
    expect((await t.call('backups.status', {})).schedule?.folder).toBe(folder);
  });

  it('makes no backup the minute before the slot when today\u2019s is not due yet, then one at the slot', async () => {
    // 12:30 in New York on 1 Dec 2026 is 17:30Z. The first check found no backup ever: it was due
    // as soon as the schedule was switched on, so it ran then.
    await t.app.backups.checkNow();
    expect(files().filter((f) => f.endsWith('.db'))).toHaveLength(1);
    t.travel('2026-12-01T17:29:00.000Z');
    await t.app.backups.checkNow();
    expect(files().filter((f) => f.endsWith('.db'))).toHaveLength(1);
    t.travel('2026-12-01T17:30:00.000Z');
    await t.app.backups.checkNow();
    expect(files()).toEqual([
      'medtrack-backup-20261201T170000Z.db', 'medtrack-backup-20261201T170000Z.db.keys.json',
      'medtrack-backup-20261201T173000Z.db', 'medtrack-backup-20261201T173000Z.db.keys.json',
    ]);
    const status = await t.call('backups.status', {});
    expect(status.lastGood).toMatchObject({ trigger: 'scheduled', ok: true, file: path.join(folder, 'medtrack-backup-20261201T173000Z.db') });
    expect(status.lastGood?.sizeBytes).toBeGreaterThan(0);
    expect(status.warning).toBe(null);
    expect(status.dueSince).toBe(null);
    expect(status.nextAt).toBe('2026-12-02T17:30:00.000Z');
  });

  it('keeps the newest two of its own and never removes a backup made by hand', async () => {
    t.travel('2026-12-02T10:00:00.000Z');
    await t.call('backups.run', { folder });
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'the clinic manager keeps this here');
    t.travel('2026-12-02T17:31:00.000Z');
    await t.app.backups.checkNow();
    expect(files()).toEqual([
      'medtrack-backup-20261201T173000Z.db', 'medtrack-backup-20261201T173000Z.db.keys.json',
      'medtrack-backup-20261202T100000Z.db', 'medtrack-backup-20261202T100000Z.db.keys.json',
      'medtrack-backup-20261202T173100Z.db', 'medtrack-backup-20261202T173100Z.db.keys.json',
      'notes.txt',
    ]);
  });

  it('records a failure the screens show, retries an hour later, and warns once the last good one is over a day old', async () => {
    fs.rmSync(folder, { recursive: true });
    t.travel('2026-12-03T17:30:00.000Z');
    await t.app.backups.checkNow();
    let status = await t.call('backups.status', {});
    expect(status.lastFailure).toMatchObject({ ok: false, trigger: 'scheduled' });
    expect(status.lastFailure?.message).toContain('does not exist');
    expect(status.dueSince).toBe('2026-12-03T17:30:00.000Z');
    expect(status.warning).toBe(null);
    fs.mkdirSync(folder);
    t.travel('2026-12-03T18:29:00.000Z');
    await t.app.backups.checkNow();
    expect(files()).toEqual([]);
    // Still no good backup a day after the last one (17:31 on 2 Dec): warned.
    t.travel('2026-12-03T17:31:00.001Z');
    expect((await t.call('backups.status', {})).warning).toBe('stale');
    t.travel('2026-12-03T18:30:00.000Z');
    await t.app.backups.checkNow();
    status = await t.call('backups.status', {});
    expect(status.lastFailure).toBe(null);
    expect(status.warning).toBe(null);
    expect(files()).toEqual(['medtrack-backup-20261203T183000Z.db', 'medtrack-backup-20261203T183000Z.db.keys.json']);
  });

  it('refuses a backup by hand while one runs, in words, and records nothing for it', async () => {
    t.travel('2026-12-04T09:00:00.000Z');
    const first = t.call('backups.run', { folder });
    const second = await t.raw('backups.run', { folder: t.dir });
    expect(second.ok).toBe(false);
    expect(second.error?.message).toBe('A backup is already running; wait for it to finish.');
    await first;
    expect(fs.readdirSync(t.dir).filter((f) => f.startsWith('medtrack-backup-'))).toEqual([]);
  });
});
