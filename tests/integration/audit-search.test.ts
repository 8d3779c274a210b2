import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordFor, seedStaff, startTestApp, TEST_ADMIN, type TestApp } from '../support/app';

/**
 * The audit log viewer's channel (issue 8 item 11): filters by person, patient, kind and clinic
 * dates; every entry in words with its record and patient named; pages with a true total.
 */
let t: TestApp;
const developer = /\b[a-z]+\.[a-z_]+\b|#\d|_id\b|\d{4}-\d{2}-\d{2}T/;

beforeEach(async () => {
  t = await startTestApp();
  t.travel('2026-06-01T14:00:00.000Z'); // 09:00 in Chicago (the test clinic's zone below)
  await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
  await t.call('settings.update', { values: { 'clinic.timeZone': 'America/Chicago' } });
  await seedStaff(t);
});
afterEach(async () => t.cleanup());

async function twoPatientsWithOrders() {
  await t.loginAs('prescriber', passwordFor('prescriber'));
  const med = (await t.call('formulary.list', { query: 'Buprenorphine' })).find((m) => m.name === 'Buprenorphine')!;
  const ids: number[] = [];
  for (const [given, mrn] of [['Ada', 'A-1'], ['Bo', 'B-2']] as const) {
    const p = await t.call('patients.create', { patient: { mrn, givenName: given, familyName: 'Testwell', dateOfBirth: '1980-01-01', admissionDate: '2026-05-01', residence: 'home' }, allergies: [{ substance: 'Latex', reaction: 'rash', severity: 'mild' }] });
    ids.push(p.id);
    await t.call('orders.start', { patientId: p.id, medicationId: med.id, indication: 'Opioid withdrawal', route: 'sublingual', administeredBy: 'staff', amount: 16, unit: med.unit, frequency: 'daily', startAt: '2026-06-01T15:00:00.000Z' });
  }
  return { ids, med };
}

describe('audit.search', () => {
  it('filters to one patient: their records only, each in words with a link', async () => {
    const { ids, med } = await twoPatientsWithOrders();
    await t.loginAs('director', passwordFor('director'));
    const r = await t.call('audit.search', { patientId: ids[0] });
    expect(r.total).toBe(r.entries.length);
    expect(r.entries.length).toBeGreaterThanOrEqual(3); // patient, no known allergies, order, first dose...
    for (const e of r.entries) expect(e.patient?.name).toBe('Testwell, Ada');
    const order = r.entries.find((e) => e.actionWords === 'Order started');
    expect(order?.subject).toBe(`${med.name} order`);
    expect(order?.link).toEqual({ view: 'order', id: expect.any(Number) });
    expect(order?.changes).toEqual(expect.arrayContaining([{ field: 'Prescriber', before: '—', after: expect.stringMatching(/\w/) }]));
    const dose = r.entries.find((e) => e.actionWords === 'Starting dose set');
    expect(dose?.changes).toEqual(expect.arrayContaining([{ field: 'Takes effect', before: '—', after: '1 Jun 2026, 10:00 CDT' }]));
    for (const e of r.entries) {
      expect(`${e.actionWords} ${e.subject ?? ''} ${e.changes.map((c) => `${c.field} ${c.before} ${c.after}`).join(' ')}`).not.toMatch(developer);
    }
    // The other patient's entries are not there.
    const other = await t.call('audit.search', { patientId: ids[1] });
    expect(other.entries.every((e) => e.patient?.name === 'Testwell, Bo')).toBe(true);
  });

  it('filters by person, kind and clinic calendar dates', async () => {
    await twoPatientsWithOrders();
    t.travel('2026-06-03T04:30:00.000Z'); // 23:30 on 2 June in Chicago, 3 June in UTC
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    await t.call('settings.update', { values: { 'session.idleMinutes': 20 } });
    const prescriber = (await t.call('users.list', {})).find((u) => u.login === 'prescriber')!;

    const byPrescriber = await t.call('audit.search', { actorId: prescriber.id });
    expect(byPrescriber.total).toBeGreaterThan(0);
    expect(byPrescriber.entries.every((e) => e.actorName === prescriber.displayName)).toBe(true);

    const orders = await t.call('audit.search', { kind: 'orders.' });
    expect(orders.entries.map((e) => e.actionWords)).toEqual(expect.arrayContaining(['Order started', 'Starting dose set']));
    expect(orders.entries.every((e) => e.entityWords === 'Order' || e.entityWords === 'Dose')).toBe(true);

    // The setting changed at 23:30 on 2 June clinic time: in the 2 June range, not in 3 June's.
    const june2 = await t.call('audit.search', { from: '2026-06-02', to: '2026-06-02', kind: 'settings.' });
    expect(june2.entries.map((e) => e.changes)).toEqual([[{ field: 'Minutes before an idle session locks', before: '15', after: '20' }]]);
    expect((await t.call('audit.search', { from: '2026-06-03', to: '2026-06-03', kind: 'settings.' })).total).toBe(0);
    const backwards = await t.raw('audit.search', { from: '2026-06-03', to: '2026-06-01' });
    expect(backwards.error?.message).toMatch(/end of the date range is before its start/);
  });

  it('pages through every entry with the true total, never a silent cap', async () => {
    await twoPatientsWithOrders();
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    const all = await t.call('audit.search', { limit: 200 });
    const seen: number[] = [];
    let beforeId: number | undefined;
    for (;;) {
      const page = await t.call('audit.search', { limit: 7, beforeId });
      expect(page.total).toBe(all.total);
      seen.push(...page.entries.map((e) => e.id));
      if (page.nextBeforeId === null) break;
      beforeId = page.nextBeforeId;
    }
    expect(seen.length).toBe(all.total);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('is for the director and the administrator only', async () => {
    await t.loginAs('prescriber', passwordFor('prescriber'));
    expect((await t.raw('audit.search', {})).error?.code).toBe('FORBIDDEN');
  });
});
