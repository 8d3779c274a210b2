import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { Result } from '../ipc/contract';
import type { OsKeyStore } from '../keys/keyStore';
import { formatSafeError, type SafeError } from '../log/safeError';
import { serveKeyStore } from './keyStoreBridge';
import type { DbWorkerData, FromWorker, ToWorker } from './protocol';
import { workerScript } from './scripts';

/** Where the host sends the worker's log entries and its own. */
export interface HostLog {
  write(level: 'error' | 'warn' | 'info', message: string, err?: SafeError): void;
  error(message: string, err?: unknown): void;
}

export interface DbWorkerHostOptions {
  dataDir: string;
  /** The real key store, used on this (main) thread only: Electron's safeStorage lives here. */
  keyStore: OsKeyStore;
  clock?: DbWorkerData['clock'];
  /** Default 200 ms: well above any everyday call, below what a user notices as a stall. */
  slowCallMs?: number;
  log: HostLog;
  /** What an unexpected failure tells the user. */
  internalMessage: string;
  /** Default: the version in the package.json above this file (the checkout's, or app.asar's). */
  appVersion?: string;
}

/** The nearest package.json named medtrack above this file: dist/main/worker -> the app root. */
function packageVersion(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'medtrack' && pkg.version) return pkg.version;
    } catch {
      // no package.json here: keep climbing
    }
  }
  return 'unknown';
}

export const DEFAULT_SLOW_CALL_MS = 200;

/** What a caller whose call was in flight when the worker died is told: it may have been written. */
export const WORKER_STOPPED_MESSAGE =
  "Medtrack's data service stopped while this was being done and has been restarted. It may or may not have been saved: " +
  'open the record and check before trying again. The details are in the application log.';

/** More unexpected stops than this within RESTART_WINDOW_MS and the worker is left stopped (a crash loop). */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

/**
 * The main-thread side of the database worker (worker/dbWorker.ts): starts it, serves its
 * key-store requests, forwards calls and hands each answer back to its caller. Used by the
 * Electron main process and by the loopback test server alike.
 *
 * If the worker dies (an uncaught error, a native crash in the driver), each call in flight is
 * told it may or may not have been saved, and a new worker is started on the same data folder:
 * its launch re-opens the clinic through the OS key store, or shows the lock screen; the session
 * is gone, so the next screen asks to log in. Calls arriving meanwhile wait for it. After
 * MAX_RESTARTS stops in a minute it stays stopped and every call gets the internal message.
 */
export class DbWorkerHost {
  private nextId = 1;
  private readonly pending = new Map<number, (m: FromWorker) => void>();
  private stopped: string | null = null;
  private worker: Worker | null = null;
  /** Resolves once a restarted worker is ready (or given up on); calls wait on it. */
  private restarting: Promise<void> | null = null;
  private readonly restarts: number[] = [];
  private closing = false;

  private constructor(private readonly opts: DbWorkerHostOptions) {}

  static async start(opts: DbWorkerHostOptions): Promise<DbWorkerHost> {
    const host = new DbWorkerHost(opts);
    host.worker = await host.spawn();
    return host;
  }

  private spawn(): Promise<Worker> {
    const opts = this.opts;
    const channel = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    serveKeyStore(channel.port1, signal, opts.keyStore);
    channel.port1.unref();
    const data: DbWorkerData = {
      dataDir: opts.dataDir,
      keyStore: { port: channel.port2, signal },
      clock: opts.clock ?? { kind: 'system' },
      slowCallMs: opts.slowCallMs ?? DEFAULT_SLOW_CALL_MS,
      appVersion: opts.appVersion ?? packageVersion(),
    };
    const worker = new Worker(workerScript('dbWorker'), { workerData: data, transferList: [channel.port2] });
    return new Promise((resolve, reject) => {
      const onStartExit = (code: number) => reject(new Error(`The database worker stopped while starting (exit ${code}).`));
      worker.once('exit', onStartExit);
      worker.on('error', (err) => {
        opts.log.error('The database worker failed', err);
        reject(err);
      });
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'ready') {
          worker.off('exit', onStartExit);
          worker.on('exit', (code) => this.onExit(worker, code));
          resolve(worker);
        } else if (m.type === 'startFailed') {
          opts.log.write('error', 'The database worker could not start', m.error);
          reject(new Error(`The database worker could not start: ${formatSafeError(m.error)}`));
        } else this.receive(m);
      });
    });
  }

  private onExit(worker: Worker, code: number): void {
    if (worker !== this.worker || this.closing || this.stopped) return;
    this.opts.log.error(`The database worker stopped unexpectedly (exit ${code}); restarting it`);
    // Every call in flight gets its answer now: it may or may not have been written.
    for (const done of this.pending.values()) done({ type: 'closed', id: -1, ok: false });
    this.pending.clear();
    this.worker = null;
    const now = Date.now();
    while (this.restarts.length && now - this.restarts[0]! > RESTART_WINDOW_MS) this.restarts.shift();
    if (this.restarts.length >= MAX_RESTARTS) {
      this.opts.log.error('The database worker stopped too often; not restarting it again');
      this.stopped = 'crash loop';
      return;
    }
    this.restarts.push(now);
    this.restarting = this.spawn().then(
      (w) => {
        this.worker = w;
        this.restarting = null;
      },
      (err: unknown) => {
        this.opts.log.error('Restarting the database worker failed', err);
        this.stopped = 'restart failed';
        this.restarting = null;
      },
    );
  }

  private receive(m: FromWorker): void {
    if (m.type === 'log') return this.opts.log.write(m.level, m.message, m.error);
    if ('id' in m) {
      const done = this.pending.get(m.id);
      this.pending.delete(m.id);
      done?.(m);
    }
  }

  private async request(msg: Omit<ToWorker, 'id'> & { type: ToWorker['type'] }): Promise<FromWorker> {
    if (this.restarting) await this.restarting;
    const worker = this.worker;
    if (this.stopped || !worker) return { type: 'closed', id: 0, ok: false };
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ ...msg, id } as ToWorker);
    });
  }

  /** One contract call, answered by the worker's dispatcher. Never rejects. */
  async call(channel: string, input: unknown): Promise<Result<unknown>> {
    const m = await this.request({ type: 'call', channel, input } as ToWorker);
    if (m.type === 'result') return m.result;
    // id -1: the worker died with this call in flight, so its write may have committed.
    if (m.type === 'closed' && m.id === -1) return { ok: false, error: { code: 'INTERRUPTED', message: WORKER_STOPPED_MESSAGE } };
    return { ok: false, error: { code: 'INTERNAL', message: this.opts.internalMessage } };
  }

  /** The loopback test server's clock control (the worker must run an adjustable clock). */
  async moveClock(move: { advanceMs: number } | { set: string }): Promise<string> {
    const m = await this.request({ type: 'clock', ...move } as ToWorker);
    if (m.type !== 'clock') throw new Error('The database worker did not move its clock.');
    return m.now;
  }

  /**
   * Ends the worker thread abruptly, as a crash would (tests of the restart; the loopback
   * server's /__test/crash-worker). The host restarts it as after any unexpected stop.
   */
  async killWorker(): Promise<void> {
    await this.worker?.terminate();
  }

  /** Closes the clinic file in the worker (checkpointing the WAL), then ends the thread. */
  async close(): Promise<boolean> {
    let ok = false;
    if (this.restarting) await this.restarting;
    this.closing = true;
    if (!this.stopped && this.worker) {
      const m = await this.request({ type: 'close' } as ToWorker);
      ok = m.type === 'closed' && m.ok;
    }
    this.stopped ??= 'closed';
    await this.worker?.terminate();
    return ok;
  }
}
