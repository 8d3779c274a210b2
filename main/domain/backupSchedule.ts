import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * Scheduled backups (issue 10, item 12): when one is due, when the last good one is too old to
 * trust, and which of the scheduler's own copies retention removes. Pure: "now" and the history
 * are passed in, so the edges (the minute of the slot, a DST change, the 24th hour) are testable.
 *
 * The schedule is a wall-clock time in the clinic's zone, every day. A slot that falls in a
 * spring-forward gap (02:30 on the night clocks skip 02:00-03:00) happens at the first instant
 * after the gap (luxon moves it forward by the gap); a slot in a fall-back hour happens at its
 * first occurrence. A workstation that was off at the slot backs up as soon as it next checks.
 */

/** /backups, D:\\Backups, \\\\server\\share: a full path on Linux, macOS or Windows. */
export const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

export const BackupScheduleSchema = z
  .strictObject({
  /** Off until an administrator chooses a folder (the clinic's own disk is no backup). */
  enabled: z.boolean(),
  /** Absolute folder path on this workstation (a USB disk or a network share). */
  folder: z
    .string()
    .trim()
    .min(1, 'Choose the folder for the backups.')
    .max(4096)
    .refine((f) => ABSOLUTE_PATH.test(f), 'Give the folder its full path (starting from the drive or the top folder).')
    .nullable(),
  /** Clinic-local HH:mm of the daily backup. */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour HH:mm time.'),
  /** How many of the scheduler's own backups to keep in the folder (the newest ones). */
  keep: z.int().min(1, 'Keep at least one backup.').max(365),
  })
  .refine((s) => !s.enabled || s.folder !== null, { message: 'Choose a folder before switching scheduled backups on.', path: ['folder'] });
export type BackupSchedule = z.infer<typeof BackupScheduleSchema>;

export const DEFAULT_BACKUP_SCHEDULE: BackupSchedule = Object.freeze({ enabled: false, folder: null, time: '12:30', keep: 14 });

/** After a failed attempt, the next try comes this long after it (not at once, not only tomorrow). */
export const BACKUP_RETRY_MINUTES = 60;
/** "Older than a day" (issue 10): the warning on the administrator's and director's screens. */
export const BACKUP_STALE_HOURS = 24;

function slotOn(day: DateTime, time: string): DateTime {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/** The most recent daily slot at or before `now` (a UTC instant), in `zone`. */
export function latestSlot(now: Date, time: string, zone: string): Date {
  const local = DateTime.fromJSDate(now, { zone });
  if (!local.isValid) throw new Error(`Unknown time zone ${zone}`);
  const today = slotOn(local.startOf('day'), time);
  return (today.toMillis() <= now.getTime() ? today : slotOn(local.startOf('day').minus({ days: 1 }), time)).toJSDate();
}

/** The first daily slot after `now`, in `zone`. */
export function nextSlot(now: Date, time: string, zone: string): Date {
  const local = DateTime.fromJSDate(now, { zone });
  const today = slotOn(local.startOf('day'), time);
  return (today.toMillis() > now.getTime() ? today : slotOn(local.startOf('day').plus({ days: 1 }), time)).toJSDate();
}

export interface BackupHistory {
  /** When the newest backup that passed its checks finished. */
  lastGoodAt: Date | null;
  /** When the newest attempt of any outcome (scheduled or by hand) started. */
  lastAttemptAt: Date | null;
}

/**
 * Whether the scheduler should start a backup now: it is switched on with a folder, no good
 * backup has been made since the latest slot, and the last attempt is not a failure from less
 * than BACKUP_RETRY_MINUTES ago.
 */
/**
 * The slot whose backup is still to be made: the latest one, when scheduled backups are on and
 * no good backup has finished since it (missed while the workstation was off, or failed); else null.
 */
export function pendingSlot(now: Date, schedule: BackupSchedule, zone: string, lastGoodAt: Date | null): Date | null {
  if (!schedule.enabled || !schedule.folder) return null;
  const slot = latestSlot(now, schedule.time, zone);
  return lastGoodAt && lastGoodAt.getTime() >= slot.getTime() ? null : slot;
}

/**
 * Whether the scheduler should start a backup now: a slot's backup is pending (above), and the
 * last attempt is not a failure from less than BACKUP_RETRY_MINUTES ago.
 */
export function isBackupDue(now: Date, schedule: BackupSchedule, zone: string, history: BackupHistory): boolean {
  const slot = pendingSlot(now, schedule, zone, history.lastGoodAt);
  if (!slot) return false;
  if (history.lastAttemptAt && history.lastAttemptAt.getTime() >= slot.getTime()) {
    return now.getTime() - history.lastAttemptAt.getTime() >= BACKUP_RETRY_MINUTES * 60_000;
  }
  return true;
}

export type BackupWarning = 'never' | 'stale' | null;

/** 'never' with no good backup, 'stale' once the last good one is more than 24 hours old. */
export function backupWarning(now: Date, lastGoodAt: Date | null): BackupWarning {
  if (!lastGoodAt) return 'never';
  return now.getTime() - lastGoodAt.getTime() > BACKUP_STALE_HOURS * 3_600_000 ? 'stale' : null;
}

export interface KeptBackup {
  file: string;
  at: Date;
}

/**
 * The scheduler's own backups that retention removes: all but the `keep` newest. Only backups
 * that passed their checks are passed in, so a run of failures never costs a good copy.
 */
export function backupsToRemove(backups: readonly KeptBackup[], keep: number): KeptBackup[] {
  if (keep < 1) throw new Error('Retention must keep at least one backup.');
  return [...backups].sort((a, b) => b.at.getTime() - a.at.getTime()).slice(keep);
}

/** medtrack-backup-20261201T123000Z.db: sortable, legal on Windows, never two the same second. */
export function backupFileName(at: Date): string {
  return `medtrack-backup-${at.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '')}.db`;
}
