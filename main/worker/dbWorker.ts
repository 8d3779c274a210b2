/**
 * The database worker: the open clinic file, the session, the dispatcher and every service run
 * here, on one `node:worker_threads` thread, so no query holds up Electron's main process (its
 * window, menus and IPC). The main process (main/electron/main.ts) and the loopback test server
 * (main/http/testServer.ts) both start it through DbWorkerHost and forward each call as
 * {channel, input}; the dispatcher map carries any channel of the contract unchanged.
 *
 * Calls are answered in arrival order but concurrently: a call that awaits (a backup on its job
 * thread) does not hold up the next. Calls slower than `slowCallMs` are logged with channel
 * and duration only. Logs go to the host, which alone writes the log file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { ClinicApp } from '../app/clinicApp';
import { AdjustableClock, systemClock, type Clock } from '../clock';
import { createDispatcher } from '../ipc/dispatch';
import { handlers } from '../ipc/handlers';
import { internalErrorMessage, logFileIn } from '../log/appLog';
import { safeError } from '../log/safeError';
import { BridgedKeyStore } from './keyStoreBridge';
import type { DbWorkerData, FromWorker, ToWorker } from './protocol';

const data = workerData as DbWorkerData;
const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);

const log = (message: string, err?: unknown) =>
  post({ type: 'log', level: 'error', message, ...(err === undefined ? {} : { error: safeError(err) }) });
const warn = (message: string) => post({ type: 'log', level: 'warn', message });

const adjustable = data.clock.kind === 'adjustable' ? new AdjustableClock() : null;
if (adjustable && data.clock.kind === 'adjustable' && data.clock.startAt) adjustable.set(new Date(data.clock.startAt));
const clock: Clock = adjustable ?? systemClock;

const keyStore = new BridgedKeyStore(data.keyStore);
const app = new ClinicApp({ dataDir: data.dataDir, keyStore, clock, log, appVersion: data.appVersion });
const dispatch = createDispatcher(app, handlers, log, internalErrorMessage(logFileIn(data.dataDir)));

async function handle(msg: ToWorker): Promise<void> {
  if (msg.type === 'call') {
    const started = performance.now();
    const result = await dispatch(msg.channel, msg.input);
    const ms = performance.now() - started;
    // Channel and time only: the input and the answer may carry patient data.
    if (ms >= data.slowCallMs) warn(`Slow call ${msg.channel}: ${Math.round(ms)} ms`);
    post({ type: 'result', id: msg.id, result });
  } else if (msg.type === 'clock') {
    if (!adjustable) throw new Error('This worker runs on the system clock.');
    if (typeof msg.advanceMs === 'number') adjustable.advance(msg.advanceMs);
    else if (typeof msg.set === 'string') adjustable.set(new Date(msg.set));
    post({ type: 'clock', id: msg.id, now: clock.now().toISOString() });
  } else if (msg.type === 'close') {
    let ok = true;
    try {
      // Closing checkpoints the WAL and releases the file, as quitting the app would.
      await app.close();
    } catch (err) {
      ok = false;
      log('Closing the clinic file failed', err);
    }
    post({ type: 'closed', id: msg.id, ok });
  }
}

async function start(): Promise<void> {
  await app.start();
  port.on('message', (msg: ToWorker) => {
    handle(msg).catch((err: unknown) => {
      log(`Worker message ${msg.type} failed`, err);
      if (msg.type === 'call')
        post({
          type: 'result',
          id: msg.id,
          result: { ok: false, error: { code: 'INTERNAL', message: internalErrorMessage(logFileIn(data.dataDir)) } },
        });
    });
  });
  post({ type: 'ready' });
}

start().catch((err: unknown) => post({ type: 'startFailed', error: safeError(err) }));
