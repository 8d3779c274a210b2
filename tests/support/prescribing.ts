import type { InputOf } from '../../main/ipc/contract';
import { passwordFor, seedStaff, startTestApp, type TestApp } from './app';

/**
 * The prescribing suites' clinic: the staff of seedStaff, the clock at `at`, one patient
 * registered by the nurse, and the prescriber logged in, ready to order. One fixture, so the
 * suites that start orders do not each copy the set-up.
 */
export interface PrescribingClinic {
  t: TestApp;
  patientId: number;
}

type PatientFields = Omit<InputOf<'patients.create'>['patient'], 'givenName' | 'dateOfBirth' | 'admissionDate' | 'residence'> &
  Partial<Pick<InputOf<'patients.create'>['patient'], 'givenName' | 'dateOfBirth' | 'admissionDate' | 'residence'>>;

export async function startPrescribingClinic(
  at: string,
  patient: PatientFields,
  allergies: InputOf<'patients.create'>['allergies'] = [],
): Promise<PrescribingClinic> {
  const t = await startTestApp();
  t.clock.set(new Date(at));
  await seedStaff(t);
  await t.loginAs('nurse', passwordFor('nurse'));
  const created = await t.call('patients.create', {
    patient: { givenName: 'Testpat', dateOfBirth: '1980-01-01', admissionDate: '2026-03-01', residence: 'home', ...patient },
    allergies,
  });
  await t.loginAs('prescriber', passwordFor('prescriber'));
  return { t, patientId: created.id };
}

/** A formulary entry by its exact name. */
export async function medication(t: TestApp, name: string) {
  const m = (await t.call('formulary.list', { query: name })).find((x) => x.name === name);
  if (!m) throw new Error(`no ${name}`);
  return m;
}

/** Audit entries other than logins and logouts: the writes a refused call must not add to. */
export async function writeCount(t: TestApp): Promise<number> {
  const row = await t.app.serviceContext().db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', 'not like', 'session.%').executeTakeFirstOrThrow();
  return Number(row.n);
}
