import fs from 'node:fs';
import path from 'node:path';
import type { ClinicDatabase } from '../../db/open';
import type { Clock } from '../clock';
import type { ClinicStatus } from '../ipc/contract/clinic';
import type { OsKeyStore } from '../keys/keyStore';
import { fileAnchorStore } from './anchors';
import { completeInterruptedRestore } from './restoreSwap';
import { keyFilePathFor } from '../keys/keyFile';
import type { ServiceContext } from '../services/context';
import { AppError } from '../services/errors';
import { getSetting, SETTING_DEFAULTS, UnreadableSettingError } from '../services/settings';
import { actorOf, recordLogout } from '../services/users';
import { ensureShippedFormulary } from '../services/formulary';
import { inTransaction } from '../services/context';
import { DEMO_PASSPHRASE, DEMO_PASSWORD, DEMO_STAFF } from '../demo';
import { createClinic, openWithOsKeyStore, openWithPassphrase, type NewClinic } from './clinicFile';
import { Session } from './session';
import { copyKeyOf, driverVersions, schemaVersionOf } from '../../db/open';
import { latestSchemaVersion } from '../../migrations';
import { logFileIn } from '../log/appLog';
import { checkBackupTarget, type BackupOutcome } from './backup';
import { CliFailure } from '../cli/errors';
import { appendAudit } from '../services/audit';
import { changeRecoveryPassphrase } from './keyChanges';
import { backupOnJobThread, Jobs, readOnJobThread, type Progress } from './jobs';
import type { ReadJobName } from '../worker/jobProtocol';
import { BackupScheduler, type BackupStatus } from './backupScheduler';
import type { BackupRecord } from './backupLog';
import { rekeyOpenClinic, restoreOpenClinic, type FileJobDeps, type RestoreRequest } from './fileJobs';
import { runOnJobThread } from './jobs';
import type { JobKind } from './jobs';

export interface ClinicAppOptions {
  /** The app's data folder (Electron: app.getPath('userData')). */
  dataDir: string;
  keyStore: OsKeyStore;
  clock: Clock;
  log?: (msg: string, err?: unknown) => void;
  /** The app's version (package.json), for the About screen. */
  appVersion?: string;
  /** How often the backup schedule is checked (default a minute; 0: only when asked, for tests). */
  backupCheckMs?: number;
}

/**
 * One running app: which clinic file is open (the clinic's own or the demo), its session, and
 * the transitions between "needs setup", "locked" and "open". No Electron here: the Electron
 * shell and the loopback test server both drive this same object.
 */
export class ClinicApp {
  readonly clinicFile: string;
  readonly demoFile: string;
  private handle: ClinicDatabase | null = null;
  private mode: 'clinic' | 'demo' | null = null;
  private problem: string | null = null;
  private cachedName: string | null = null;
  private cachedZone: string | null = null;
  private idleMinutes = SETTING_DEFAULTS['session.idleMinutes'];
  /** While a rekey or a restore has the clinic file closed: which, so calls are told to wait. */
  private suspendedFor: Extract<JobKind, 'rekey' | 'restore'> | null = null;
  session: Session;
  /** Long operations now running (backup, demo build): each at most once, with its progress. */
  readonly jobs: Jobs;
  /** The daily backup to the administrator's folder (issue 10, item 12). */
  readonly backups: BackupScheduler;

  constructor(private readonly opts: ClinicAppOptions) {
    this.clinicFile = path.join(opts.dataDir, 'medtrack.db');
    this.demoFile = path.join(opts.dataDir, 'demo', 'medtrack-demo.db');
    this.session = new Session(opts.clock, () => this.idleMinutes);
    this.jobs = new Jobs(opts.clock);
    this.backups = new BackupScheduler(
      {
        clock: opts.clock,
        // The demo clinic is never backed up on a schedule: it is synthetic and rebuilt at will.
        openClinic: () =>
          this.handle && this.mode === 'clinic' ? { file: this.handle.file, db: this.handle.db, zone: this.cachedZone ?? SETTING_DEFAULTS['clinic.timeZone'] } : null,
        backup: (out) => this.backup(out),
        backupRunning: () => this.jobs.list().some((j) => j.kind === 'backup'),
        log: (msg, err) => this.opts.log?.(msg, err),
      },
      opts.backupCheckMs ?? 60_000,
    );
  }

  /** A backup by hand into `folder`, under a new dated name, recorded for the Backups screen. */
  async backupToFolder(folder: string): Promise<BackupRecord & { outcome?: BackupOutcome }> {
    const handle = this.handle;
    if (!handle) throw new AppError('WRONG_STATE', 'No clinic file is open.');
    return this.backups.run(handle.file, folder, 'manual');
  }

  backupStatus(): Promise<BackupStatus> {
    return this.backups.status();
  }

  get idleLimitMinutes(): number {
    return this.idleMinutes;
  }

  get clock(): Clock {
    return this.opts.clock;
  }

  /** On launch: open the clinic file through the OS key store if this workstation can. */
  async start(): Promise<ClinicStatus> {
    try {
      // A restore interrupted after it was decided is finished first: otherwise a missing file
      // would read as "no clinic yet" and offer first-run setup.
      if (completeInterruptedRestore(this.clinicFile)) this.opts.log?.('Finished a restore that had been interrupted');
    } catch (err) {
      this.problem = err instanceof Error ? err.message : String(err);
      this.opts.log?.('Could not finish an interrupted restore', err);
      return this.status();
    }
    if (fs.existsSync(this.clinicFile)) {
      try {
        const handle = await openWithOsKeyStore(this.clinicFile, this.opts.keyStore);
        if (handle) await this.adopt(handle, 'clinic');
      } catch (err) {
        this.problem = err instanceof Error ? err.message : String(err);
        this.opts.log?.('Could not open the clinic file at launch', err);
      }
    }
    return this.status();
  }

  isOpen(): boolean {
    return this.handle !== null;
  }

  /** Why clinic calls must wait now (a rekey or restore has the file), or null. */
  unavailableMessage(): string | null {
    if (this.suspendedFor === 'rekey') return 'The clinic file is being re-encrypted under a new key; try again in a minute. Nothing was saved.';
    if (this.suspendedFor === 'restore') return 'The clinic file is being replaced from a backup; try again in a minute. Nothing was saved.';
    return null;
  }

  serviceContext(): ServiceContext {
    const busy = this.unavailableMessage();
    if (busy) throw new AppError('CONFLICT', busy);
    if (!this.handle) throw new AppError('WRONG_STATE', 'No clinic file is open.');
    return { db: this.handle.db, clock: this.opts.clock, log: this.opts.log, anchors: fileAnchorStore(this.handle.file) };
  }

  get database(): ClinicDatabase | null {
    return this.handle;
  }

  status(): ClinicStatus {
    // While a rekey or restore has the file closed, the clinic still reads as open (a reload
    // meanwhile must not offer the unlock or first-run screen).
    const open = this.handle !== null || this.suspendedFor !== null;
    const phase = open ? 'open' : fs.existsSync(this.clinicFile) ? 'locked' : 'needs_setup';
    return {
      phase,
      mode: open ? this.mode : null,
      clinicName: open ? this.cachedName : null,
      timeZone: open ? this.cachedZone : null,
      demoLogins:
        this.mode === 'demo' && this.handle
          ? [
              { login: 'admin', role: 'admin', displayName: 'Demo Administrator' },
              ...DEMO_STAFF.map((s) => ({ login: s.login, role: s.role, displayName: s.displayName })),
            ]
          : null,
      demoPassword: this.mode === 'demo' && this.handle ? DEMO_PASSWORD : null,
      problem: this.problem,
    };
  }

  async setup(spec: NewClinic): Promise<ClinicStatus> {
    if (this.handle || fs.existsSync(this.clinicFile) || fs.existsSync(keyFilePathFor(this.clinicFile))) {
      throw new AppError('WRONG_STATE', 'This workstation already has a clinic file; it cannot be set up again.');
    }
    const handle = await createClinic(this.clinicFile, spec, this.opts.clock, this.opts.keyStore);
    await this.adopt(handle, 'clinic');
    return this.status();
  }

  async unlock(passphrase: string): Promise<ClinicStatus> {
    if (this.handle) throw new AppError('WRONG_STATE', 'The clinic file is already open.');
    if (!fs.existsSync(this.clinicFile)) throw new AppError('WRONG_STATE', 'There is no clinic file to unlock yet.');
    const handle = await openWithPassphrase(this.clinicFile, passphrase, this.opts.keyStore);
    await this.adopt(handle, 'clinic');
    return this.status();
  }

  async openDemo(): Promise<ClinicStatus> {
    if (this.handle) throw new AppError('WRONG_STATE', 'Close the open clinic file first.');
    if (fs.existsSync(this.clinicFile))
      throw new AppError('WRONG_STATE', 'This workstation has a real clinic file; the demo is only offered on first run.');
    // A second click while the first build runs is refused, not a second build over the first.
    return this.jobs.run('demo', async (progress) => {
      const building = !fs.existsSync(this.demoFile);
      progress(building ? 'building' : 'opening');
      // Built on a job thread (seconds of writes), so this worker answers meanwhile (issue 9).
      if (building) {
        await runOnJobThread<null>(
          { kind: 'demo', source: this.demoFile, now: this.opts.clock.now().toISOString() },
          { progress, log: (msg, err) => this.opts.log?.(msg, err), failed: 'The demo clinic could not be built. The details are in the application log.' },
        );
      }
      const handle = await openWithPassphrase(this.demoFile, DEMO_PASSPHRASE, this.opts.keyStore);
      await this.adopt(handle, 'demo');
      return this.status();
    });
  }

  /** What the About screen shows: nothing about patients, only this installation. */
  about() {
    const { sqlite, cipher } = driverVersions();
    const v = process.versions as NodeJS.ProcessVersions & { electron?: string };
    return {
      version: this.opts.appVersion ?? 'unknown',
      dataFolder: this.opts.dataDir,
      logFile: logFileIn(this.opts.dataDir),
      schemaVersion: this.handle ? schemaVersionOf(this.handle) : null,
      latestSchemaVersion,
      sqliteVersion: sqlite,
      cipherLibrary: `${cipher} (SQLCipher 4 format)`,
      runtime: v.electron ? `Electron ${v.electron} (Node ${v.node})` : `Node ${v.node}`,
    };
  }

  /**
   * An encrypted, verified copy of the open file at `out` (plus its key file), made on a job
   * thread with its own connection, so every other call goes on being answered meanwhile.
   */
  async backup(out: string): Promise<BackupOutcome> {
    const handle = this.handle;
    if (!handle) throw new AppError('WRONG_STATE', 'No clinic file is open.');
    try {
      checkBackupTarget(handle.file, out);
    } catch (err) {
      if (err instanceof CliFailure) throw new AppError('VALIDATION', err.message, { fields: [{ path: 'file', message: err.message }] });
      throw err;
    }
    return this.jobs.run('backup', async (progress) => {
      const key = copyKeyOf(handle);
      try {
        return await backupOnJobThread({ source: handle.file, out, key }, progress, (msg, err) => this.opts.log?.(msg, err));
      } finally {
        key.fill(0);
      }
    });
  }

  /**
   * A long read-only call (the director's audit, the audit log's verification) on a job thread
   * with its own connection, on this worker's "now", so other calls are answered meanwhile.
   */
  async readOffThread(job: ReadJobName, input: unknown, progress: Progress = () => undefined): Promise<unknown> {
    const handle = this.handle;
    if (!handle) throw new AppError('WRONG_STATE', 'No clinic file is open.');
    const key = copyKeyOf(handle);
    try {
      return await readOnJobThread(
        { source: handle.file, key, job, input, now: this.opts.clock.now().toISOString() },
        progress,
        (msg, err) => this.opts.log?.(msg, err),
      );
    } finally {
      key.fill(0);
    }
  }

  /**
   * A new recovery passphrase for the open clinic file (issue 10, item 11), from the admin screen.
   * The current one is checked first: a wrong one is refused in words and nothing changes. The
   * audit entry is written first and the key file rewritten last in the same transaction, so a
   * failure at any step leaves neither. Backups keep the passphrase they were made with.
   */
  async changePassphrase(actorId: number, current: string, next: string): Promise<void> {
    const handle = this.handle;
    if (!handle) throw new AppError('WRONG_STATE', 'No clinic file is open.');
    if (current === next) {
      throw new AppError('VALIDATION', 'The new recovery passphrase must differ from the current one.', {
        fields: [{ path: 'newPassphrase', message: 'Choose a passphrase different from the current one.' }],
      });
    }
    await inTransaction(this.serviceContext(), async (trx) => {
      await appendAudit(trx, { at: this.opts.clock.now().toISOString(), actorId, action: 'clinic.passphrase_changed', entityType: 'clinic', entityId: null });
      changeRecoveryPassphrase(handle.file, current, next);
    });
  }

  /**
   * Re-encrypts the clinic file under a new random key (issue 10, item 11) as a job: the recovery
   * passphrase is checked first (a wrong one changes nothing), the worker's connection closes,
   * a job thread rekeys, and the file reopens under the new key with the same people logged in.
   * On any failure the file reopens as it was. Audited once done.
   */
  async rekey(actorId: number, passphrase: string): Promise<void> {
    if (!this.handle || this.mode !== 'clinic') throw new AppError('WRONG_STATE', 'Only an open clinic file (not the demo) can be given a new key.');
    await this.jobs.run('rekey', async (progress) => {
      await this.withFileJob('rekey', progress, (deps) => rekeyOpenClinic(deps, passphrase));
      await inTransaction(this.serviceContext(), (trx) =>
        appendAudit(trx, { at: this.opts.clock.now().toISOString(), actorId, action: 'clinic.rekeyed', entityType: 'clinic', entityId: null }),
      );
    });
  }

  /**
   * Replaces the clinic file with a checked backup (issue 10, item 12) as a job, with the same
   * checks as `medtrack restore`, and reopens on the restored file (everyone logs in again: its
   * accounts are the backup's). The restore is audited in the restored file.
   */
  async restore(req: RestoreRequest) {
    if (!this.handle || this.mode !== 'clinic') throw new AppError('WRONG_STATE', 'Only an open clinic file (not the demo) can be restored from a backup.');
    return this.jobs.run('restore', async (progress) => {
      const done = await this.withFileJob('restore', progress, (deps) => restoreOpenClinic(deps, req));
      await inTransaction(this.serviceContext(), (trx) =>
        appendAudit(trx, {
          at: this.opts.clock.now().toISOString(),
          actorId: null,
          action: 'clinic.restored',
          entityType: 'clinic',
          entityId: null,
          reason: `Restored from the backup ${path.basename(req.from)} on the admin screen`,
        }),
      );
      return done;
    });
  }

  /** Runs a rekey or restore; if it ended with the file closed (it could not reopen it), the lock screen says why. */
  private async withFileJob<T>(kind: 'rekey' | 'restore', progress: Progress, job: (deps: FileJobDeps) => Promise<T>): Promise<T> {
    const handle = this.handle!;
    const oldKey = copyKeyOf(handle);
    try {
      return await job(this.fileJobDeps(kind, handle, oldKey, progress));
    } finally {
      oldKey.fill(0);
      if (this.suspendedFor) {
        this.suspendedFor = null;
        this.mode = null;
        this.session.end();
        this.problem = 'The clinic file could not be reopened after a change of its key or a restore. Unlock it with the recovery passphrase.';
      }
    }
  }

  private fileJobDeps(kind: 'rekey' | 'restore', handle: ClinicDatabase, oldKey: Buffer, progress: Progress): FileJobDeps {
    return {
      file: handle.file,
      keyStore: this.opts.keyStore,
      now: this.opts.clock.now().toISOString(),
      progress,
      log: (msg, err) => this.opts.log?.(msg, err),
      oldKey,
      close: async () => {
        this.suspendedFor = kind;
        this.backups.stop();
        this.handle = null;
        await handle.close();
      },
      reopen: async (next, { endSession }) => {
        this.suspendedFor = null;
        if (endSession) return this.adopt(next, 'clinic');
        this.handle = next;
        this.backups.start();
      },
    };
  }

  async closeDemo(): Promise<ClinicStatus> {
    if (this.mode !== 'demo') throw new AppError('WRONG_STATE', 'The demo clinic is not open.');
    await this.close();
    return this.status();
  }

  async recordIdleLock(): Promise<void> {
    const user = this.session.current;
    if (user && this.handle) await recordLogout(this.serviceContext(), actorOf(user), 'idle_lock');
  }

  /** Re-reads settings the app itself caches (after an admin changes them). */
  async refreshSettings(): Promise<void> {
    if (!this.handle) return;
    // The app must still open so an administrator can set an unreadable value again: these
    // three fall back to their defaults here, said in the log; the settings screen names them.
    const db = this.handle.db;
    const read = async <K extends 'clinic.name' | 'clinic.timeZone' | 'session.idleMinutes'>(key: K) => {
      try {
        return await getSetting(db, key);
      } catch (err) {
        if (!(err instanceof UnreadableSettingError)) throw err;
        this.opts.log?.(`The stored ${key} setting cannot be read; using the default until an administrator sets it again`);
        return SETTING_DEFAULTS[key];
      }
    };
    this.cachedName = await read('clinic.name');
    this.cachedZone = await read('clinic.timeZone');
    this.idleMinutes = await read('session.idleMinutes');
  }

  private async adopt(handle: ClinicDatabase, mode: 'clinic' | 'demo'): Promise<void> {
    this.handle = handle;
    this.mode = mode;
    this.problem = null;
    this.session.end();
    // Entries shipped by a newer Medtrack reach existing clinic files here (added, never edited).
    await inTransaction({ db: handle.db, clock: this.opts.clock }, (trx) =>
      ensureShippedFormulary(trx, this.opts.clock.now().toISOString()),
    );
    await this.refreshSettings();
    if (mode === 'clinic') {
      this.backups.start();
      // A backup missed while the workstation was off is made now, not at the next minute.
      void this.backups.checkNow();
    }
  }

  async close(): Promise<void> {
    this.backups.stop();
    this.session.end();
    const h = this.handle;
    this.handle = null;
    this.mode = null;
    this.cachedName = null;
    this.cachedZone = null;
    await h?.close();
  }
}
