/**
 * A long job on its own thread with its own connection to the clinic file, for work that is one
 * long synchronous SQLite call (VACUUM INTO, the integrity check) and so cannot yield: run in the
 * database worker it would hold every other call until it finished. WAL lets this second
 * connection read a consistent snapshot while the worker goes on answering and writing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DatabaseOpenError } from '../../db/errors';
import { backupClinicFile } from '../app/backup';
import { CliFailure } from '../cli/errors';
import { AppError } from '../services/errors';
import type { JobThreadData, JobThreadMessage } from './jobProtocol';

const post = (m: JobThreadMessage) => parentPort!.postMessage(m);

async function run(data: JobThreadData): Promise<void> {
  const key = Buffer.from(data.key);
  try {
    if (data.kind === 'backup') {
      const value = await backupClinicFile(data.source, data.out, key, (phase) => post({ type: 'phase', phase }));
      post({ type: 'done', value });
    }
  } finally {
    key.fill(0);
  }
}

run(workerData as JobThreadData).catch((err: unknown) => {
  // Messages of our own typed errors are written for the user; anything else is logged by
  // the worker with its class and stack only (no message: it could quote data).
  const known = err instanceof CliFailure || err instanceof DatabaseOpenError || err instanceof AppError;
  post({
    type: 'failed',
    known,
    message: known ? (err as Error).message : '',
    name: err instanceof Error ? err.name : typeof err,
    code: typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : null,
    stack:
      err instanceof Error
        ? (err.stack ?? '')
            .split('\n')
            .filter((l) => l.trimStart().startsWith('at '))
            .join('\n')
        : '',
  });
});
