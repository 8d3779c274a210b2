import type { Result } from '../ipc/contract';
import type { KeyStoreLink } from './keyStoreBridge';
import type { SafeError } from '../log/safeError';

/** What the host gives the database worker when it starts it. */
export interface DbWorkerData {
  dataDir: string;
  keyStore: KeyStoreLink;
  /** 'system' in the app; the loopback test server's clock can be moved (from `startAt`, or now). */
  clock: { kind: 'system' } | { kind: 'adjustable'; startAt: string | null };
  /** Calls slower than this are logged with their channel and duration. */
  slowCallMs: number;
  /** package.json's version, for the About screen. */
  appVersion: string;
}

export type ToWorker =
  | { type: 'call'; id: number; channel: string; input: unknown }
  | { type: 'clock'; id: number; advanceMs?: number; set?: string }
  | { type: 'close'; id: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'startFailed'; error: SafeError }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'clock'; id: number; now: string }
  | { type: 'closed'; id: number; ok: boolean }
  | { type: 'log'; level: 'error' | 'warn' | 'info'; message: string; error?: SafeError };
