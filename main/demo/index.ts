import fs from 'node:fs';
import { DateTime } from 'luxon';
import type { ClinicDatabase } from '../../db/open';
import { AdjustableClock, type Clock } from '../clock';
import { createClinic } from '../app/clinicFile';
import type { OsKeyStore } from '../keys/keyStore';
import type { Actor, ServiceContext } from '../services/context';
import { actorOf, createUser, listUsers, type PublicUser } from '../services/users';
import { seedPatients } from './patients';
import { seedPrescribingHistory } from './reviews';

/** Shared by every demo account; shown on the login screen in demo mode only. */
export const DEMO_PASSWORD = 'demo-password';
/** The demo file's recovery passphrase (it holds only synthetic data). */
export const DEMO_PASSPHRASE = 'demo-recovery-passphrase';
export const DEMO_TIME_ZONE = 'America/New_York';

export const DEMO_STAFF = [
  { login: 'prescriber1', displayName: 'Dr. Iris Quillfeather', role: 'prescriber', credentials: 'MD' },
  { login: 'prescriber2', displayName: 'Dr. Otto Pennywhistle', role: 'prescriber', credentials: 'DO' },
  { login: 'prescriber3', displayName: 'Rosa Inkwell', role: 'prescriber', credentials: 'NP' },
  { login: 'nurse1', displayName: 'Bea Lanternfield', role: 'nurse', credentials: 'RN' },
  { login: 'nurse2', displayName: 'Cal Tumbleweed', role: 'nurse', credentials: 'LPN' },
  { login: 'nurse3', displayName: 'Dot Hazelnut', role: 'nurse', credentials: 'RN' },
  { login: 'director', displayName: 'Dr. Marguerite Oakmoss', role: 'medical_director', credentials: 'MD' },
] as const;

export interface DemoContext {
  ctx: ServiceContext;
  /** Seeding moves this clock to write history "in the past" through the real services. */
  clock: AdjustableClock;
  today: DateTime;
  zone: string;
  staff: Record<string, PublicUser>;
  actor(login: string): Actor;
  patientIds: number[];
}

/** One capability's seeding; each goes through the real services. */
export type DemoStep = (demo: DemoContext) => Promise<void>;

/** In order: later capabilities append their step here. */
const DEMO_STEPS: DemoStep[] = [seedPatients, seedPrescribingHistory];

/**
 * Builds the synthetic demo clinic in its own file: staff of every role, dozens of patients
 * with fictional names and allergies, then whatever later capabilities registered.
 */
export async function buildDemoClinic(
  dbFile: string,
  opts: { clock: Clock; os?: OsKeyStore; passphrase?: string; onProgress?: (percent: number) => void },
): Promise<ClinicDatabase> {
  const handle = await createClinic(
    dbFile,
    {
      clinicName: 'Demo clinic (synthetic data)',
      timeZone: DEMO_TIME_ZONE,
      admin: { login: 'admin', displayName: 'Demo Administrator', password: DEMO_PASSWORD },
      recoveryPassphrase: opts.passphrase ?? DEMO_PASSPHRASE,
      demo: true,
    },
    opts.clock,
    opts.os,
  );
  // Seeding writes thousands of rows of synthetic history, each in its own transaction: durable
  // commits (synchronous=FULL, an fsync each) would spend most of the build waiting on the disk.
  // A crash mid-build removes the half-built file anyway (below), so NORMAL is safe here.
  handle.sqlite.pragma('synchronous = NORMAL');
  const realNow = opts.clock.now();
  const clock = new AdjustableClock(() => realNow);
  const ctx: ServiceContext = { db: handle.db, clock };
  const admin = (await listUsers(ctx)).find((u) => u.login === 'admin')!;
  const staff: Record<string, PublicUser> = { admin };
  for (const s of DEMO_STAFF) {
    staff[s.login] = await createUser(ctx, actorOf(admin), { ...s, password: DEMO_PASSWORD });
  }
  const demo: DemoContext = {
    ctx,
    clock,
    zone: DEMO_TIME_ZONE,
    today: DateTime.fromJSDate(realNow, { zone: DEMO_TIME_ZONE }).startOf('day'),
    staff,
    actor: (login) => {
      const u = staff[login];
      if (!u) throw new Error(`No demo user ${login}`);
      return actorOf(u);
    },
    patientIds: [],
  };
  try {
    for (const [i, step] of DEMO_STEPS.entries()) {
      clock.set(realNow);
      await step(demo);
      opts.onProgress?.(((i + 1) / DEMO_STEPS.length) * 100);
      // A real turn of the event loop between steps (awaits on the synchronous driver are
      // microtasks only), so the worker answers calls queued meanwhile, such as clinic.jobs.
      await new Promise((resolve) => setImmediate(resolve));
    }
    handle.sqlite.pragma('synchronous = FULL');
  } catch (err) {
    // A half-seeded demo would be opened as-is next time: remove it so the next try starts clean.
    await handle.close().catch(() => undefined);
    for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}.keys.json`]) fs.rmSync(f, { force: true });
    throw err;
  }
  return handle;
}
