import type { BackupOutcome, BackupPhase } from '../app/backup';

/** What the worker hands a job thread (the key is a copy, zeroed by the thread when done). */
export type JobThreadData = { kind: 'backup'; source: string; out: string; key: Uint8Array };

export type JobThreadMessage =
  | { type: 'phase'; phase: BackupPhase }
  | { type: 'done'; value: BackupOutcome }
  | { type: 'failed'; known: boolean; message: string; name: string; code: string | null; stack: string };
