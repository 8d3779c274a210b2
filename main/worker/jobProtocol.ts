import type { BackupOutcome, BackupPhase } from '../app/backup';
import type { AppErrorDetails } from '../services/errors';

/** Long read-only calls run on a job thread with their own connection (see app/readJobs.ts). */
export type ReadJobName = 'audit.verify' | 'overdueReport.figures' | 'overdueReport.reviews' | 'overdueReport.export';

/** What the worker hands a job thread (the key is a copy, zeroed by the thread when done). */
export type JobThreadData =
  | { kind: 'backup'; source: string; out: string; key: Uint8Array }
  | { kind: 'read'; source: string; key: Uint8Array; job: ReadJobName; input: unknown; now: string }
  /** A new database key for the clinic file (app/keyChanges.ts); the worker has closed its connection. */
  | { kind: 'rekey'; source: string; passphrase: string; now: string; key?: undefined }
  /** A backup copied beside the clinic file and checked there, before the worker swaps it in (app/restore.ts). */
  | { kind: 'restoreCheck'; source: string; from: string; passphrase: string; replaceOtherClinic: boolean; now: string; key?: undefined }
  /** The synthetic demo clinic built into its own file (main/demo); the worker opens it afterwards. */
  | { kind: 'demo'; source: string; now: string; key?: undefined };

export type JobThreadMessage =
  | { type: 'phase'; phase: BackupPhase | string; percent?: number | null }
  | { type: 'done'; value: BackupOutcome | unknown }
  /** A reader's note for the application log (rows it could not classify; never their data). */
  | { type: 'log'; message: string }
  /** appCode and details come from an AppError, so a refusal crosses the thread as its own words and fields. */
  | { type: 'failed'; known: boolean; appCode?: string; details?: AppErrorDetails; message: string; name: string; code: string | null; stack: string };
