import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Clock } from '../clock';
import {
  backupFileName, backupsToRemove, backupWarning, isBackupDue, nextSlot, pendingSlot, type BackupSchedule, type BackupWarning,
} from '../domain/backupSchedule';
import { keyFilePathFor } from '../keys/keyFile';
import { AppError } from '../services/errors';
import { getSetting, UnreadableSettingError } from '../services/settings';
import type { BackupOutcome } from './backup';
import { appendBackupRecord, clearBackupRunning, markBackupRunning, readBackupLog, recordInterruptedBackup, summarizeBackupLog, type BackupRecord } from './backupLog';

/** What the scheduler needs of the running app (ClinicApp), so it can be tested on its own terms. */
export interface BackupHost {
  clock: Clock;
  /** The open clinic file, its database and zone; null while locked, in setup or in the demo. */
  openClinic(): { file: string; db: Kysely<DB>; zone: string } | null;
  /** Runs one backup as the Backups screen would (the job that cannot run twice). */
  backup(out: string): Promise<BackupOutcome>;
  backupRunning(): boolean;
  log(msg: string, err?: unknown): void;
}

export interface BackupStatus {
  schedule: BackupSchedule | null;
  /** Set when the stored schedule cannot be read: the screen says so and the admin sets it again. */
  scheduleProblem: string | null;
  lastGood: BackupRecord | null;
  lastFailure: BackupRecord | null;
  nextAt: string | null;
  /** The slot whose backup is still to be made (missed while the workstation was off, or failed). */
  dueSince: string | null;
  warning: BackupWarning;
}

const messageOf = (err: unknown): string =>
  err instanceof AppError ? err.message : 'The backup failed; nothing was kept. The details are in the application log.';

/**
 * The daily backup (issue 10, item 12): checks every `checkMs` whether one is due (the rules are
 * main/domain/backupSchedule.ts), runs it as the same job as a backup by hand (so the two never
 * overlap), records the outcome beside the clinic file, and then removes the scheduler's own
 * copies beyond the number to keep. The check itself reads one setting and one small file, and
 * the backup runs on its job thread: the database worker goes on answering calls throughout.
 */
export class BackupScheduler {
  private timer: ReturnType<typeof setInterval> | null = null;
  private checking: Promise<void> | null = null;

  constructor(
    private readonly host: BackupHost,
    private readonly checkMs: number,
  ) {}

  start(): void {
    // A backup the app did not live to finish is recorded first, so the screen and the
    // schedule's "last attempt" both know of it.
    const clinic = this.host.openClinic();
    if (clinic && !this.host.backupRunning()) {
      try {
        if (recordInterruptedBackup(clinic.file, this.host.clock.now())) this.host.log('A backup was interrupted when Medtrack last stopped; recorded it');
      } catch (err) {
        this.host.log('Recording an interrupted backup failed', err);
      }
    }
    if (this.timer || this.checkMs <= 0) return;
    this.timer = setInterval(() => void this.checkNow(), this.checkMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async schedule(db: Kysely<DB>): Promise<BackupSchedule> {
    return getSetting(db, 'backups.schedule');
  }

  /** One check; a second check while one runs joins it. Never throws (the outcome is recorded). */
  checkNow(): Promise<void> {
    this.checking ??= this.check().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async check(): Promise<void> {
    const clinic = this.host.openClinic();
    if (!clinic || this.host.backupRunning()) return;
    let schedule: BackupSchedule;
    try {
      schedule = await this.schedule(clinic.db);
    } catch (err) {
      if (!(err instanceof UnreadableSettingError)) this.host.log('Reading the backup schedule failed', err);
      return;
    }
    const { lastGood, lastAttempt } = summarizeBackupLog(readBackupLog(clinic.file));
    const now = this.host.clock.now();
    const due = isBackupDue(now, schedule, clinic.zone, {
      lastGoodAt: lastGood ? new Date(lastGood.finishedAt) : null,
      lastAttemptAt: lastAttempt ? new Date(lastAttempt.startedAt) : null,
    });
    if (!due || !schedule.folder) return;
    const record = await this.run(clinic.file, schedule.folder, 'scheduled');
    if (record.ok) this.applyRetention(clinic.file, schedule);
  }

  /** A backup into `folder` under a new dated name, recorded whatever its outcome. */
  async run(clinicFile: string, folder: string, trigger: BackupRecord['trigger']): Promise<BackupRecord & { outcome?: BackupOutcome }> {
    const started = this.host.clock.now();
    const out = path.join(folder, backupFileName(started));
    const base = { startedAt: started.toISOString(), trigger };
    // Refused at once (another backup runs, and its marker is its own): nothing to record.
    if (this.host.backupRunning()) throw new AppError('CONFLICT', 'A backup is already running; wait for it to finish.');
    markBackupRunning(clinicFile, { ...base, out });
    try {
      const outcome = await this.host.backup(out);
      const record: BackupRecord = {
        ...base,
        finishedAt: this.host.clock.now().toISOString(),
        ok: true,
        file: outcome.file,
        sizeBytes: outcome.sizeBytes,
        anchor: `${outcome.entries}:${outcome.lastHash}`,
        message: null,
      };
      appendBackupRecord(clinicFile, record);
      clearBackupRunning(clinicFile);
      return { ...record, outcome };
    } catch (err) {
      // A second backup refused because one runs is not a failed backup: nothing to record.
      if (err instanceof AppError && err.code === 'CONFLICT' && this.host.backupRunning()) throw err;
      if (!(err instanceof AppError)) this.host.log('A backup failed', err);
      const record: BackupRecord = {
        ...base,
        finishedAt: this.host.clock.now().toISOString(),
        ok: false,
        file: null,
        sizeBytes: null,
        anchor: null,
        message: messageOf(err),
      };
      appendBackupRecord(clinicFile, record);
      clearBackupRunning(clinicFile);
      if (trigger === 'manual') throw err;
      return record;
    }
  }

  /** Removes the scheduler's own good copies in the schedule's folder beyond `keep` (never anything else). */
  private applyRetention(clinicFile: string, schedule: BackupSchedule): void {
    if (!schedule.folder) return;
    const folder = path.resolve(schedule.folder);
    const ours = readBackupLog(clinicFile)
      .filter((r) => r.ok && r.trigger === 'scheduled' && r.file && path.dirname(path.resolve(r.file)) === folder && fs.existsSync(r.file))
      .map((r) => ({ file: r.file!, at: new Date(r.finishedAt) }));
    for (const old of backupsToRemove(ours, schedule.keep)) {
      try {
        fs.rmSync(old.file, { force: true });
        fs.rmSync(keyFilePathFor(old.file), { force: true });
      } catch (err) {
        this.host.log('Removing an old scheduled backup failed', err);
      }
    }
  }

  async status(): Promise<BackupStatus> {
    const clinic = this.host.openClinic();
    if (!clinic) throw new AppError('WRONG_STATE', 'No clinic file is open.');
    let schedule: BackupSchedule | null = null;
    let scheduleProblem: string | null = null;
    try {
      schedule = await this.schedule(clinic.db);
    } catch (err) {
      if (!(err instanceof UnreadableSettingError)) throw err;
      scheduleProblem = err.message;
    }
    const { lastGood, lastFailure } = summarizeBackupLog(readBackupLog(clinic.file));
    const now = this.host.clock.now();
    const lastGoodAt = lastGood ? new Date(lastGood.finishedAt) : null;
    const on = schedule?.enabled && schedule.folder ? schedule : null;
    const pending = on ? pendingSlot(now, on, clinic.zone, lastGoodAt) : null;
    return {
      schedule,
      scheduleProblem,
      lastGood,
      lastFailure,
      nextAt: on ? nextSlot(now, on.time, clinic.zone).toISOString() : null,
      dueSince: pending ? pending.toISOString() : null,
      warning: backupWarning(now, lastGoodAt),
    };
  }
}
