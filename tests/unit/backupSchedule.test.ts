import { describe, expect, it } from 'vitest';
import {
  BACKUP_RETRY_MINUTES, backupFileName, backupsToRemove, BackupScheduleSchema, backupWarning, DEFAULT_BACKUP_SCHEDULE,
  isBackupDue, latestSlot, nextSlot, pendingSlot, type BackupSchedule,
} from '../../main/domain/backupSchedule';

/**
 * The scheduled-backup rules at their edges: the minute of the slot, a failed attempt's retry,
 * the 24th hour of a backup's age, the nights New York's clocks change (the slot in the skipped
 * hour and in the doubled hour), and retention never touching the newest copies.
 */
const NY = 'America/New_York';
const at = (iso: string) => new Date(iso);
const ON: BackupSchedule = { enabled: true, folder: '/media/backup', time: '12:30', keep: 3 };
const MIN = 60_000;

describe('latestSlot / nextSlot', () => {
  it('is today\u2019s slot from the slot minute on, yesterday\u2019s the millisecond before', () => {
    // 12:30 EST = 17:30Z on 1 Dec 2026.
    expect(latestSlot(at('2026-12-01T17:30:00.000Z'), '12:30', NY).toISOString()).toBe('2026-12-01T17:30:00.000Z');
    expect(latestSlot(at('2026-12-01T17:29:59.999Z'), '12:30', NY).toISOString()).toBe('2026-11-30T17:30:00.000Z');
    expect(nextSlot(at('2026-12-01T17:29:59.999Z'), '12:30', NY).toISOString()).toBe('2026-12-01T17:30:00.000Z');
    expect(nextSlot(at('2026-12-01T17:30:00.000Z'), '12:30', NY).toISOString()).toBe('2026-12-02T17:30:00.000Z');
  });

  it('keeps the clinic\u2019s wall time across DST: 12:30 is 16:30Z in summer and 17:30Z in winter', () => {
    // Fall back on 1 Nov 2026: the next slot after 31 Oct's is 1 Nov 12:30 EST, 25 hours later.
    expect(nextSlot(at('2026-10-31T16:30:00.000Z'), '12:30', NY).toISOString()).toBe('2026-11-01T17:30:00.000Z');
    // Spring forward on 8 Mar 2026: 23 hours between the slots.
    expect(nextSlot(at('2026-03-07T17:30:00.000Z'), '12:30', NY).toISOString()).toBe('2026-03-08T16:30:00.000Z');
  });

  it('puts a slot in the skipped hour (02:30 on 8 Mar 2026) at 03:30 EDT, and one in the doubled hour at its first 01:30', () => {
    expect(latestSlot(at('2026-03-08T12:00:00.000Z'), '02:30', NY).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // 1 Nov 2026 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST): the first counts.
    expect(latestSlot(at('2026-11-01T05:30:00.000Z'), '01:30', NY).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(latestSlot(at('2026-11-01T06:45:00.000Z'), '01:30', NY).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('isBackupDue', () => {
  const slot = at('2026-12-01T17:30:00.000Z');
  const after = (ms: number) => new Date(slot.getTime() + ms);

  it('is not due while switched off or without a folder', () => {
    expect(isBackupDue(after(MIN), { ...ON, enabled: false }, NY, { lastGoodAt: null, lastAttemptAt: null })).toBe(false);
    expect(isBackupDue(after(MIN), { ...ON, folder: null }, NY, { lastGoodAt: null, lastAttemptAt: null })).toBe(false);
  });

  it('is due from the slot on when the last good backup is older than the slot', () => {
    const history = { lastGoodAt: at('2026-11-30T17:31:00.000Z'), lastAttemptAt: at('2026-11-30T17:30:00.000Z') };
    expect(isBackupDue(after(-1), ON, NY, history)).toBe(false);
    expect(isBackupDue(slot, ON, NY, history)).toBe(true);
  });

  it('is due at once for a clinic that never backed up, and after a workstation was off for days', () => {
    expect(isBackupDue(after(MIN), ON, NY, { lastGoodAt: null, lastAttemptAt: null })).toBe(true);
    const old = at('2026-11-25T17:31:00.000Z');
    expect(isBackupDue(at('2026-12-01T09:00:00.000Z'), ON, NY, { lastGoodAt: old, lastAttemptAt: old })).toBe(true);
  });

  it('is not due again once today\u2019s backup is good, until tomorrow\u2019s slot', () => {
    const good = after(2 * MIN);
    expect(isBackupDue(after(23 * 60 * MIN), ON, NY, { lastGoodAt: good, lastAttemptAt: after(0) })).toBe(false);
    expect(isBackupDue(after(24 * 60 * MIN), ON, NY, { lastGoodAt: good, lastAttemptAt: after(0) })).toBe(true);
  });

  it('counts a backup finished exactly at the slot as today\u2019s', () => {
    expect(isBackupDue(after(MIN), ON, NY, { lastGoodAt: slot, lastAttemptAt: after(-MIN) })).toBe(false);
  });

  it('retries a failed attempt BACKUP_RETRY_MINUTES after it, not sooner', () => {
    const failed = after(MIN);
    const history = { lastGoodAt: at('2026-11-30T17:31:00.000Z'), lastAttemptAt: failed };
    expect(isBackupDue(new Date(failed.getTime() + BACKUP_RETRY_MINUTES * MIN - 1), ON, NY, history)).toBe(false);
    expect(isBackupDue(new Date(failed.getTime() + BACKUP_RETRY_MINUTES * MIN), ON, NY, history)).toBe(true);
  });
});

describe('pendingSlot', () => {
  it('names the missed slot until a good backup finishes at or after it', () => {
    const now = at('2026-12-02T09:00:00.000Z');
    expect(pendingSlot(now, ON, NY, at('2026-11-30T17:31:00.000Z'))?.toISOString()).toBe('2026-12-01T17:30:00.000Z');
    expect(pendingSlot(now, ON, NY, at('2026-12-01T17:30:00.000Z'))).toBe(null);
    expect(pendingSlot(now, { ...ON, enabled: false }, NY, null)).toBe(null);
  });
});

describe('backupWarning', () => {
  const good = at('2026-12-01T17:30:00.000Z');
  it('says never with no good backup, stale only after 24 hours', () => {
    expect(backupWarning(good, null)).toBe('never');
    expect(backupWarning(new Date(good.getTime() + 24 * 3_600_000), good)).toBe(null);
    expect(backupWarning(new Date(good.getTime() + 24 * 3_600_000 + 1), good)).toBe('stale');
  });
  it('counts elapsed hours, so the 25-hour fall-back day still warns after 24', () => {
    const before = at('2026-10-31T16:30:00.000Z');
    expect(backupWarning(at('2026-11-01T16:30:00.001Z'), before)).toBe('stale');
  });
});

describe('backupsToRemove', () => {
  const b = (day: number) => ({ file: `/b/${day}.db`, at: at(`2026-12-${String(day).padStart(2, '0')}T17:30:00.000Z`) });
  it('keeps the newest `keep` whatever order they come in', () => {
    expect(backupsToRemove([b(3), b(1), b(5), b(2), b(4)], 3).map((x) => x.file)).toEqual(['/b/2.db', '/b/1.db']);
    expect(backupsToRemove([b(1), b(2)], 3)).toEqual([]);
    expect(backupsToRemove([b(1), b(2), b(3)], 3)).toEqual([]);
  });
  it('refuses to keep none', () => {
    expect(() => backupsToRemove([b(1)], 0)).toThrow();
  });
});

describe('the schedule setting', () => {
  it('defaults to daily at 12:30, off until a folder is chosen', () => {
    expect(BackupScheduleSchema.parse(DEFAULT_BACKUP_SCHEDULE)).toEqual({ enabled: false, folder: null, time: '12:30', keep: 14 });
  });
  it('refuses a relative folder, switching on without one, a bad time and keeping none', () => {
    expect(BackupScheduleSchema.safeParse({ ...ON, folder: 'backups' }).success).toBe(false);
    expect(BackupScheduleSchema.safeParse({ ...ON, folder: null }).success).toBe(false);
    expect(BackupScheduleSchema.safeParse({ ...ON, time: '24:00' }).success).toBe(false);
    expect(BackupScheduleSchema.safeParse({ ...ON, keep: 0 }).success).toBe(false);
    expect(BackupScheduleSchema.safeParse({ ...ON, folder: 'D:\\Backups' }).success).toBe(true);
    expect(BackupScheduleSchema.safeParse({ ...ON, folder: '\\\\server\\share' }).success).toBe(true);
  });
});

describe('backupFileName', () => {
  it('is the UTC second, sortable and without colons', () => {
    expect(backupFileName(at('2026-12-01T17:30:05.123Z'))).toBe('medtrack-backup-20261201T173005Z.db');
  });
});
