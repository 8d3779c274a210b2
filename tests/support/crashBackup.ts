/**
 * FOR TESTS ONLY: the child process of tests/reliability/crash-backup.test.ts. It opens the clinic
 * as the app does at launch (OS key store), logs in as the administrator and makes backups by
 * hand into one folder through the dispatcher (backups.run: the Backups screen's path, the job
 * thread, the backup log), one after another, printing `START` before each call, `COPYING` when
 * its copy begins and `DONE <file>` after each good answer. The parent SIGKILLs it at random moments.
 *
 *   MEDTRACK_CRASH_DIR=... MEDTRACK_CRASH_SECRET=<64 hex> MEDTRACK_CRASH_FOLDER=... \
 *     node dist/tests/support/crashBackup.js
 */
import { ClinicApp } from '../../main/app/clinicApp';
import { AdjustableClock } from '../../main/clock';
import { createDispatcher } from '../../main/ipc/dispatch';
import { handlers } from '../../main/ipc/handlers';
import { MemoryKeyStore } from '../../main/keys/memoryKeyStore';

export const CRASH_ADMIN = { login: 'admin', password: 'admin-password-1' };

async function main(): Promise<void> {
  const dir = process.env.MEDTRACK_CRASH_DIR!;
  const folder = process.env.MEDTRACK_CRASH_FOLDER!;
  const secret = Buffer.from(process.env.MEDTRACK_CRASH_SECRET!, 'hex');
  // Each backup gets a new dated name: a clock a second on per backup (an hour on per run) keeps the names apart.
  const clock = new AdjustableClock();
  clock.freeze(new Date(Date.UTC(2026, 0, 5, 12, 0, 0) + Number(process.env.MEDTRACK_CRASH_RUN ?? 0) * 3_600_000));
  const app = new ClinicApp({ dataDir: dir, keyStore: new MemoryKeyStore(secret), clock, log: () => undefined });
  await app.start();
  if (app.status().phase !== 'open') throw new Error(`the clinic did not open: ${JSON.stringify(app.status())}`);
  const dispatch = createDispatcher(app, handlers, () => undefined);
  const login = await dispatch('session.login', CRASH_ADMIN);
  if (!login.ok) throw new Error(`login failed: ${login.error.message}`);
  process.stdout.write('READY\n');
  // Says when a backup is in its copying phase (VACUUM INTO on the job thread), so the parent can
  // aim kills at the copy itself, the moment a half-written file exists.
  let copying = false;
  setInterval(() => {
    const now = app.jobs.list().some((j) => j.kind === 'backup' && j.phase === 'copying');
    if (now && !copying) process.stdout.write('COPYING\n');
    copying = now;
  }, 2).unref();
  for (;;) {
    clock.freeze(new Date(clock.now().getTime() + 1_000));
    process.stdout.write('START\n');
    const r = await dispatch('backups.run', { folder });
    if (!r.ok) throw new Error(`backup refused: ${r.error.code} ${r.error.message}`);
    process.stdout.write(`DONE ${(r.value as { file: string }).file}\n`);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  });
}
