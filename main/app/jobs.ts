import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Clock } from '../clock';
import { AppError, type AppErrorCode } from '../services/errors';
import type { JobThreadData, JobThreadMessage } from '../worker/jobProtocol';
import { workerScript } from '../worker/scripts';

export type JobKind = 'backup' | 'demo' | 'verify' | 'export' | 'rekey' | 'restore';

/** What the screen shows of a running job (clinic.jobs). Never its data. */
export interface JobState {
  kind: JobKind;
  phase: string;
  /** 0-100 where the job can tell, null where it cannot. */
  percent: number | null;
  startedAt: string;
}

const JOB_LABEL: Record<JobKind, string> = {
  backup: 'A backup',
  demo: 'The demo clinic build',
  verify: 'A check of the audit log',
  export: 'An export of the overdue-review report',
  rekey: 'A change of the database key',
  restore: 'A restore from a backup',
};

/**
 * Jobs that take the clinic file away from everything else while they run (its connection is
 * closed, or the file is replaced): they start only when no other job runs, and nothing starts
 * beside them.
 */
const EXCLUSIVE: ReadonlySet<JobKind> = new Set(['rekey', 'restore']);

export type Progress = (phase: string, percent?: number | null) => void;

/**
 * The long operations running now: each kind at most once (a second start is refused with a
 * clear message rather than queued, so a double click cannot make two backups), each with the
 * phase and percent it last reported.
 */
export class Jobs {
  private readonly running = new Map<JobKind, JobState>();
  constructor(private readonly clock: Clock) {}

  list(): JobState[] {
    return [...this.running.values()].map((j) => ({ ...j }));
  }

  async run<T>(kind: JobKind, work: (progress: Progress) => Promise<T>): Promise<T> {
    if (this.running.has(kind)) throw new AppError('CONFLICT', `${JOB_LABEL[kind]} is already running; wait for it to finish.`);
    const other = [...this.running.values()].find((j) => EXCLUSIVE.has(j.kind) || EXCLUSIVE.has(kind));
    if (other) throw new AppError('CONFLICT', `${JOB_LABEL[other.kind]} is running; wait for it to finish, then try again.`);
    const state: JobState = { kind, phase: 'starting', percent: null, startedAt: this.clock.now().toISOString() };
    this.running.set(kind, state);
    try {
      return await work((phase, percent = null) => {
        state.phase = phase;
        state.percent = percent === null ? null : Math.max(0, Math.min(100, Math.round(percent)));
      });
    } finally {
      this.running.delete(kind);
    }
  }
}

const fileSize = (f: string): number => {
  try {
    return fs.statSync(f).size;
  } catch {
    return 0;
  }
};

/**
 * Runs a backup on a job thread (its own connection; see worker/jobThread.ts) and reports the
 * copy's progress from the growing file's size against the source's. Resolves with the
 * outcome, or rejects with an AppError carrying the job's own message.
 */
export function backupOnJobThread(
  data: Omit<Extract<JobThreadData, { kind: 'backup' }>, 'kind'>,
  progress: Progress,
  log: (msg: string, err?: unknown) => void,
): Promise<import('./backup').BackupOutcome> {
  const sourceBytes = Math.max(1, fileSize(data.source) + fileSize(`${data.source}-wal`));
  return new Promise((resolve, reject) => {
    const thread = new Worker(workerScript('jobThread'), { workerData: { kind: 'backup', ...data } satisfies JobThreadData });
    let phase = 'starting';
    const timer = setInterval(() => {
      if (phase === 'copying') progress('copying', Math.min(99, (fileSize(data.out) / sourceBytes) * 100));
    }, 200);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      fn();
    };
    thread.on('message', (m: JobThreadMessage) => {
      if (m.type === 'log') log(m.message);
      else if (m.type === 'phase') {
        phase = m.phase;
        progress(m.phase, m.phase === 'copying' ? 0 : null);
      } else if (m.type === 'done') finish(() => resolve(m.value as import('./backup').BackupOutcome));
      else
        finish(() => {
          if (m.known) return reject(new AppError('CONFLICT', m.message));
          log(`Backup job failed (${m.name}${m.code ? ` ${m.code}` : ''})\n${m.stack}`);
          reject(new AppError('INTERNAL', 'The backup failed; nothing was kept. The details are in the application log.'));
        });
    });
    thread.on('error', (err) => finish(() => reject(err)));
    thread.on('exit', (code) => finish(() => reject(new Error(`The backup thread stopped (exit ${code}) before it finished.`))));
  });
}

/**
 * Runs one long read (app/readJobs.ts) on a job thread with its own connection, so the database
 * worker goes on answering every other call meanwhile. Resolves with the service's answer, or
 * rejects with an AppError carrying the service's own code and message.
 */
export function readOnJobThread(
  data: Omit<Extract<JobThreadData, { kind: 'read' }>, 'kind'>,
  progress: Progress,
  log: (msg: string, err?: unknown) => void,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(workerScript('jobThread'), { workerData: { kind: 'read', ...data } satisfies JobThreadData });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    thread.on('message', (m: JobThreadMessage) => {
      if (m.type === 'log') log(m.message);
      else if (m.type === 'phase') progress(m.phase, m.percent ?? null);
      else if (m.type === 'done') finish(() => resolve(m.value));
      else
        finish(() => {
          if (m.known) return reject(new AppError((m.appCode as AppErrorCode | undefined) ?? 'CONFLICT', m.message, m.details));
          log(`${data.job} on a job thread failed (${m.name}${m.code ? ` ${m.code}` : ''})\n${m.stack}`);
          reject(new AppError('INTERNAL', 'This could not be done; nothing was changed. The details are in the application log.'));
        });
    });
    thread.on('error', (err) => finish(() => reject(err)));
    thread.on('exit', (code) => finish(() => reject(new Error(`The job thread for ${data.job} stopped (exit ${code}) before it finished.`))));
  });
}

/**
 * Runs one of the jobs that own the clinic file for a while (rekey, the checks of a restore, the
 * demo build) on a job thread. `percentOf` (polled every 200 ms while the thread has said no
 * percent of its own) measures work the thread cannot report, such as a single PRAGMA rekey.
 * Resolves with the thread's answer; rejects with an AppError in the job's own words, or with
 * `failed` when the failure was not one of ours (logged with its class and stack only).
 */
export function runOnJobThread<T>(
  data: Extract<JobThreadData, { kind: 'rekey' | 'restoreCheck' | 'demo' }>,
  opts: { progress: Progress; log: (msg: string, err?: unknown) => void; failed: string; percentOf?: () => number | null },
): Promise<T> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(workerScript('jobThread'), { workerData: data satisfies JobThreadData });
    let phase = 'starting';
    const timer = opts.percentOf
      ? setInterval(() => {
          const pct = opts.percentOf!();
          if (pct !== null) opts.progress(phase, Math.min(99, pct));
        }, 200)
      : null;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      if (timer) clearInterval(timer);
      fn();
    };
    thread.on('message', (m: JobThreadMessage) => {
      if (m.type === 'log') opts.log(m.message);
      else if (m.type === 'phase') {
        phase = m.phase;
        opts.progress(m.phase, m.percent ?? null);
      } else if (m.type === 'done') finish(() => resolve(m.value as T));
      else
        finish(() => {
          if (m.known) return reject(new AppError((m.appCode as AppErrorCode | undefined) ?? 'CONFLICT', m.message));
          opts.log(`The ${data.kind} job failed (${m.name}${m.code ? ` ${m.code}` : ''})\n${m.stack}`);
          reject(new AppError('INTERNAL', opts.failed));
        });
    });
    thread.on('error', (err) => finish(() => reject(err)));
    thread.on('exit', (code) => finish(() => reject(new Error(`The ${data.kind} job thread stopped (exit ${code}) before it finished.`))));
  });
}

/** How far a rewrite through the WAL has got: the -wal's size against the file's (a rekey writes every page there). */
export function walGrowthPercent(file: string): () => number | null {
  const total = Math.max(1, fileSize(file));
  return () => (fileSize(`${file}-wal`) / total) * 100;
}
