/**
 * A long job on its own thread with its own connection to the clinic file, for work that is one
 * long synchronous SQLite call (VACUUM INTO, the integrity check) and so cannot yield: run in the
 * database worker it would hold every other call until it finished. WAL lets this second
 * connection read a consistent snapshot while the worker goes on answering and writing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DatabaseOpenError } from '../../db/errors';
import { backupClinicFile } from '../app/backup';
import { runReadJob } from '../app/readJobs';
import { CliFailure } from '../cli/errors';
import { AppError } from '../services/errors';
import type { JobThreadData, JobThreadMessage } from './jobProtocol';
import { rekeyClinicFile } from '../app/keyChanges';
import { checkBackupForRestore, unlockBackup } from '../app/restore';
import { buildDemoFile } from '../app/demoJob';

const post = (m: JobThreadMessage) => parentPort!.postMessage(m);

/**
 * Test seam: the e2e suite's clinic is small, so its backups finish before a screen can show
 * them running. MEDTRACK_TEST_BACKUP_HOLD_MS (set only by tests/e2e/backups.spec.ts's server)
 * keeps a backup in its copying phase that long first, so the progress and the refusal of a
 * second backup can be seen.
 */
async function testHold(variable = 'MEDTRACK_TEST_BACKUP_HOLD_MS', phase = 'copying'): Promise<void> {
  const ms = Number(process.env[variable] ?? 0);
  if (!(ms > 0)) return;
  post({ type: 'phase', phase });
  await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 60_000)));
}

/** The same seam for a rekey and a restore's checks (tests/e2e/rekey-restore.spec.ts's server). */
const fileJobHold = (phase: string) => testHold('MEDTRACK_TEST_FILE_JOB_HOLD_MS', phase);

async function run(data: JobThreadData): Promise<void> {
  const key = data.key ? Buffer.from(data.key) : Buffer.alloc(0);
  try {
    if (data.kind === 'rekey') {
      await fileJobHold('rewriting');
      post({ type: 'phase', phase: 'rewriting', percent: 0 });
      await rekeyClinicFile(data.source, data.passphrase, new Date(data.now));
      post({ type: 'done', value: null });
    } else if (data.kind === 'restoreCheck') {
      await fileJobHold('copying');
      // The scrypt derivation and the checks here, not in the database worker.
      const unlocked = unlockBackup(data.from, data.passphrase, 'screen');
      try {
        const value = await checkBackupForRestore(
          { target: data.source, from: data.from, keyFile: unlocked.keyFile, key: unlocked.key, replaceOtherClinic: data.replaceOtherClinic, now: new Date(data.now), words: 'screen' },
          (phase) => post({ type: 'phase', phase }),
        );
        post({ type: 'done', value });
      } finally {
        unlocked.key.fill(0);
      }
    } else if (data.kind === 'demo') {
      await buildDemoFile(data.source, data.now, (percent) => post({ type: 'phase', phase: 'building', percent }));
      post({ type: 'done', value: null });
    } else if (data.kind === 'backup') {
      await testHold();
      const value = await backupClinicFile(data.source, data.out, key, (phase) => post({ type: 'phase', phase }));
      post({ type: 'done', value });
    } else if (data.kind === 'read') {
      const value = await runReadJob(
        data.source,
        key,
        data.job,
        data.input,
        data.now,
        (phase, percent) => post({ type: 'phase', phase, percent }),
        (message) => post({ type: 'log', message }),
      );
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
    // The code and the field issues too: a refused input (a future "as of" date) reaches the
    // screen as the same words on the same field as if the worker had refused it itself.
    ...(err instanceof AppError ? { appCode: err.code, ...(err.details ? { details: structuredClone(err.details) } : {}) } : {}),
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
