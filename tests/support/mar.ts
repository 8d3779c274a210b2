import type { InputOf } from '../../main/ipc/contract';
import { SCALE_ITEMS } from '../../main/domain/scoreItems';
import { passwordFor, seedStaff, startTestApp, TEST_ADMIN, type TestApp } from './app';

/**
 * A small program for the nurses' tests: a resident and a home patient, the staff of
 * seedStaff, and helpers to start orders as the prescriber and act as a nurse. The clinic is
 * in America/New_York; T0 is 08:00 local on Tue 1 Dec 2026 (13:00 UTC), inside the 07:00-19:00
 * day shift.
 */
export const T0 = '2026-12-01T13:00:00.000Z';
/** 09:00 local on T0's day: the once-daily and twice-daily morning dose time. */
export const NINE = '2026-12-01T14:00:00.000Z';

export interface MarFixture {
  t: TestApp;
  staff: Awaited<ReturnType<typeof seedStaff>>;
  resident: number;
  home: number;
  as(login: string): Promise<void>;
  medId(name: string): Promise<number>;
  /** Starts an order as the prescriber (at the clock's now unless startAt is given), then logs the nurse back in. */
  order(patientId: number, med: string, extra?: Partial<InputOf<'orders.start'>>): Promise<number>;
  db(): ReturnType<TestApp['app']['serviceContext']>['db'];
  count(table: 'administrations' | 'audit_log' | 'followups' | 'withdrawal_scores'): Promise<number>;
}

export async function startMarFixture(opts: { allergy?: string } = {}): Promise<MarFixture> {
  const t = await startTestApp();
  t.travel(T0);
  const staff = await seedStaff(t);
  const as = (login: string) => t.loginAs(login, login === TEST_ADMIN.login ? TEST_ADMIN.password : passwordFor(login));
  await as('nurse');
  const patient = async (mrn: string, family: string, residence: 'facility' | 'home', allergies: InputOf<'patients.create'>['allergies'] = []) =>
    (
      await t.call('patients.create', {
        patient: { mrn, familyName: family, givenName: 'Testpat', dateOfBirth: '1980-05-05', admissionDate: '2026-11-20', residence },
        allergies,
      })
    ).id;
  const resident = await patient('MAR-1', 'Resident', 'facility', opts.allergy ? [{ substance: opts.allergy, reaction: 'rash', severity: 'moderate' }] : []);
  const home = await patient('MAR-2', 'Homebody', 'home');
  const medIds = new Map<string, number>();
  const medId = async (name: string) => {
    if (!medIds.has(name)) {
      const m = (await t.call('formulary.list', { query: name })).find((x) => x.name === name);
      if (!m) throw new Error(`no ${name} in the formulary`);
      medIds.set(name, m.id);
    }
    return medIds.get(name)!;
  };
  const db = () => t.app.serviceContext().db;
  return {
    t,
    staff,
    resident,
    home,
    as,
    medId,
    db,
    order: async (patientId, med, extra = {}) => {
      await as('prescriber');
      const m = (await t.call('formulary.list', { query: med })).find((x) => x.name === med)!;
      const o = await t.call('orders.start', {
        patientId,
        medicationId: await medId(med),
        indication: 'Withdrawal management',
        route: 'oral',
        administeredBy: 'staff',
        amount: 1,
        unit: m.unit,
        frequency: 'daily',
        startAt: t.clock.now().toISOString(),
        overrideReason: 'Reviewed for the test',
        ...extra,
      });
      await as('nurse');
      return o.id;
    },
    count: async (table) => Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  };
}

/**
 * Items of a scale adding up to exactly `total` (each item at one of its allowed values), so a
 * test can ask for "a COWS of 5" without restating the form.
 */
export function itemsFor(scale: 'CIWA-Ar' | 'COWS', total: number): Record<string, number> {
  const items: Record<string, number> = {};
  let left = total;
  for (const def of SCALE_ITEMS[scale]) {
    const v = [...def.values].reverse().find((x) => x <= left) ?? 0;
    items[def.key] = v;
    left -= v;
  }
  if (left !== 0) throw new Error(`${scale} cannot make ${total}`);
  return items;
}
