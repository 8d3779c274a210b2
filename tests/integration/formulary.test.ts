import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordFor, seedStaff, startTestApp, TEST_ADMIN, type TestApp } from '../support/app';

/** The formulary is shipped with the app and editable by administrators only; every edit audited. */
let t: TestApp;
const T0 = '2026-03-02T14:00:00.000Z';
beforeEach(async () => {
  t = await startTestApp();
  t.clock.set(new Date(T0));
  await seedStaff(t);
  await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
});
afterEach(async () => t.cleanup());

const testazine = {
  name: 'Testazine',
  ingredients: ['Testazine'],
  rxnormCode: null,
  form: 'oral tablet',
  strengths: [5, 10],
  unit: 'mg' as const,
  drugClass: 'antihistamine',
  sedatingClass: null,
  deaSchedule: null,
  withdrawalManagement: false,
};

describe('clinic-added formulary entries', () => {
  it('lets an administrator add one, marked as the clinic’s, audited; prescribers and nurses cannot', async () => {
    const added = await t.call('formulary.create', testazine);
    expect(added).toMatchObject({ name: 'Testazine', ingredients: ['testazine'], origin: 'clinic', active: true });
    expect((await t.call('formulary.list', { query: 'testaz' })).map((m) => m.name)).toEqual(['Testazine']);
    const audit = await t.call('audit.list', { action: 'formulary.create' });
    expect(audit.map((a) => a.entityId)).toEqual([String(added.id)]);
    for (const login of ['prescriber', 'nurse']) {
      await t.loginAs(login, passwordFor(login));
      const r = await t.raw('formulary.create', { ...testazine, name: `Testazine ${login}` });
      expect(r.error?.code, login).toBe('FORBIDDEN');
    }
    expect((await t.call('formulary.list', { query: 'testaz' })).map((m) => m.name)).toEqual(['Testazine']);
  });

  it('refuses "mcg" with a message naming the UCUM units, and a name already on the formulary', async () => {
    const mcg = await t.raw('formulary.create', { ...testazine, unit: 'mcg' });
    expect(mcg.error?.code).toBe('VALIDATION');
    expect(mcg.error?.message).toMatch(/never mcg/);
    const dup = await t.raw('formulary.create', { ...testazine, name: 'diazepam' });
    expect(dup.ok).toBe(false);
    expect((await t.call('formulary.list', { query: 'testaz' }))).toEqual([]);
  });

  it('a medication withdrawn from the formulary cannot be newly ordered', async () => {
    const m = (await t.call('formulary.list', { query: 'Thiamine' }))[0];
    await t.call('formulary.setActive', { id: m.id, active: false, reason: 'Out of stock' });
    expect(await t.call('formulary.list', { query: 'Thiamine' })).toEqual([]);
    await t.loginAs('nurse', passwordFor('nurse'));
    const patient = await t.call('patients.create', {
      patient: { mrn: 'F-1', familyName: 'Formulon', givenName: 'Testa', dateOfBirth: '1980-01-01', admissionDate: '2026-03-01', residence: 'home' },
      allergies: [],
    });
    await t.loginAs('prescriber', passwordFor('prescriber'));
    const r = await t.raw('orders.start', {
      patientId: patient.id, medicationId: m.id, indication: 'Prophylaxis', route: 'oral', administeredBy: 'staff',
      amount: 100, unit: m.unit, frequency: 'daily', startAt: T0,
    });
    expect(r.error?.code).toBe('CONFLICT');
    expect(r.error?.message).toMatch(/Thiamine is withdrawn/);
    expect(await t.call('orders.listForPatient', { patientId: patient.id })).toEqual([]);
  });
});
