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

/**
 * The main-thread side of the database worker (worker/dbWorker.ts): starts it, serves its
 * key-store requests, forwards calls and hands each answer back to its caller. Used by the
 * Electron main process and by the loopback test server alike.
 */
export class DbWorkerHost {
  private nextId = 1;
  private readonly pending = new Map<number, (m: FromWorker) => void>();
  private stopped: string | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly opts: DbWorkerHostOptions,
  ) {}

  static start(opts: DbWorkerHostOptions): Promise<DbWorkerHost> {
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
    const host = new DbWorkerHost(worker, opts);
    return new Promise((resolve, reject) => {
      const onStartExit = (code: number) => reject(new Error(`The database worker stopped while starting (exit ${code}).`));
      worker.once('exit', onStartExit);
      worker.on('error', (err) => {
        opts.log.error('The database worker failed', err);
        host.fail('The database worker failed');
        reject(err);
      });
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'ready') {
          worker.off('exit', onStartExit);
          worker.on('exit', (code) => host.fail(`The database worker stopped (exit ${code})`));
          resolve(host);
        } else if (m.type === 'startFailed') {
          opts.log.write('error', 'The database worker could not start', m.error);
          reject(new Error(`The database worker could not start: ${formatSafeError(m.error)}`));
        } else host.receive(m);
      });
    });
  }

  private receive(m: FromWorker): void {
    if (m.type === 'log') return this.opts.log.write(m.level, m.message, m.error);
    if ('id' in m) {
      const done = this.pending.get(m.id);
      this.pending.delete(m.id);
      done?.(m);
    }
  }

  /** Every waiting caller gets an answer when the worker is gone; later calls too. */
  private fail(why: string): void {
    if (this.stopped) return;
    this.stopped = why;
    for (const done of this.pending.values()) done({ type: 'closed', id: 0, ok: false });
    this.pending.clear();
  }

  private request(msg: Omit<ToWorker, 'id'> & { type: ToWorker['type'] }): Promise<FromWorker> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ ...msg, id } as ToWorker);
    });
  }

  /** One contract call, answered by the worker's dispatcher. Never rejects. */
  async call(channel: string, input: unknown): Promise<Result<unknown>> {
    if (this.stopped) return { ok: false, error: { code: 'INTERNAL', message: this.opts.internalMessage } };
    const m = await this.request({ type: 'call', channel, input } as ToWorker);
    if (m.type === 'result') return m.result;
    return { ok: false, error: { code: 'INTERNAL', message: this.opts.internalMessage } };
  }

  /** The loopback test server's clock control (the worker must run an adjustable clock). */
  async moveClock(move: { advanceMs: number } | { set: string }): Promise<string> {
    const m = await this.request({ type: 'clock', ...move } as ToWorker);
    if (m.type !== 'clock') throw new Error('The database worker did not move its clock.');
    return m.now;
  }

  /** Closes the clinic file in the worker (checkpointing the WAL), then ends the thread. */
  async close(): Promise<boolean> {
    let ok = false;
    if (!this.stopped) {
      const m = await this.request({ type: 'close' } as ToWorker);
      ok = m.type === 'closed' && m.ok;
    }
    this.stopped ??= 'closed';
    await this.worker.terminate();
    return ok;
  }
}
