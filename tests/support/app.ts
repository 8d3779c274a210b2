import fs from 'node:fs';
import { ClinicApp } from '../../main/app/clinicApp';
import { AdjustableClock } from '../../main/clock';
import { createDispatcher } from '../../main/ipc/dispatch';
import { handlers } from '../../main/ipc/handlers';
import type { ChannelName, InputOf, OutputOf } from '../../main/ipc/contract';
import type { OsKeyStore } from '../../main/keys/keyStore';
import { MemoryKeyStore } from '../../main/keys/memoryKeyStore';
import { makeTempDir } from './tempdb';

export { MemoryKeyStore as FakeOsKeyStore } from '../../main/keys/memoryKeyStore';

export const TEST_ADMIN = { login: 'admin', password: 'admin-password-1', name: 'Test Administrator' };
export const TEST_PASSPHRASE = 'correct horse battery staple';

export interface TestApp {
  app: ClinicApp;
  clock: AdjustableClock;
  dir: string;
  call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  raw(channel: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  loginAs(login: string, password: string): Promise<void>;
  /**
   * Moves the clock to `iso` and stops it there (so a test can sit on the last millisecond before
   * a boundary), keeping the current user logged in as if they stayed active.
   */
  travel(iso: string): void;
  cleanup(): Promise<void>;
}

export async function startTestApp(opts: { dir?: string; keyStore?: OsKeyStore; clock?: AdjustableClock; setup?: boolean } = {}): Promise<TestApp> {
  const dir = opts.dir ?? makeTempDir();
  const clock = opts.clock ?? new AdjustableClock();
  const app = new ClinicApp({ dataDir: dir, keyStore: opts.keyStore ?? new MemoryKeyStore(), clock, log: () => undefined });
  await app.start();
  const dispatch = createDispatcher(app, handlers, () => undefined);
  const raw = dispatch as TestApp['raw'];
  const call = async <C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> => {
    const r = await dispatch(channel, input);
    if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.code}: ${r.error.message}`), { body: r.error });
    return r.value as OutputOf<C>;
  };
  if (opts.setup !== false && app.status().phase === 'needs_setup') {
    await call('clinic.setup', {
      clinicName: 'Test Clinic',
      timeZone: 'America/New_York',
      adminLogin: TEST_ADMIN.login,
      adminName: TEST_ADMIN.name,
      adminPassword: TEST_ADMIN.password,
      recoveryPassphrase: TEST_PASSPHRASE,
      recoveryPassphraseConfirm: TEST_PASSPHRASE,
    });
  }
  return {
    app,
    clock,
    dir,
    call,
    raw,
    loginAs: async (login, password) => {
      await call('session.login', { login, password });
    },
    travel: (iso: string) => {
      clock.freeze(new Date(iso));
      const user = app.session.current;
      if (user) app.session.start(user);
    },
    cleanup: async () => {
      await app.close();
      if (!opts.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates one user of each clinical role (password "password-<login>") and returns their ids. */
export async function seedStaff(t: TestApp): Promise<Record<'prescriber' | 'prescriber2' | 'nurse' | 'nurse2' | 'director', number>> {
  await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
  const make = async (login: string, role: 'prescriber' | 'nurse' | 'medical_director', displayName: string) =>
    (await t.call('users.create', { login, role, displayName, password: `password-${login}` })).id;
  const ids = {
    prescriber: await make('prescriber', 'prescriber', 'Dr. Test Prescriber'),
    prescriber2: await make('prescriber2', 'prescriber', 'Dr. Second Prescriber'),
    nurse: await make('nurse', 'nurse', 'Test Nurse'),
    nurse2: await make('nurse2', 'nurse', 'Second Nurse'),
    director: await make('director', 'medical_director', 'Dr. Test Director'),
  };
  await t.call('session.logout', {});
  return ids;
}

export const passwordFor = (login: string) => `password-${login}`;
