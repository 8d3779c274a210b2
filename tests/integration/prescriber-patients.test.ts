import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordFor, type TestApp } from '../support/app';
import { medication, startPrescribingClinic } from '../support/prescribing';

/**
 * Issue 8 item 8, no silent caps: the prescriber's "Medication lists" built a row for every
 * admitted patient in one answer. It is paged now, with the true total, and "Only my patients"
 * is counted in SQL, so a page and its total always agree.
 */
let t: TestApp;
const T0 = '2026-03-02T14:00:00.000Z';
const ADMITTED = 130;
const ids: Record<string, number> = {};

beforeAll(async () => {
  let first: number;
  ({ t, patientId: first } = await startPrescribingClinic(T0, { mrn: 'PP-000', familyName: 'Aardvark' }));
  ids.Aardvark = first;
  await t.loginAs('nurse', passwordFor('nurse'));
  for (let i = 1; i < ADMITTED; i++) {
    const familyName = ['Birch', 'Cedar', 'Dogwood'][i - 1] ?? `Pagewell${String(i).padStart(3, '0')}`;
    const p = await t.call('patients.create', {
      patient: { mrn: `PP-${String(i).padStart(3, '0')}`, familyName, givenName: 'Testpat', dateOfBirth: '1980-01-01', admissionDate: '2026-03-01', residence: 'home' },
      allergies: [],
      // Synthetic names one digit apart, born the same day: not one person.
      confirmedDifferentPerson: true,
    });
    ids[familyName] = p.id;
  }
  const thiamine = await medication(t, 'Thiamine');
  const start = (patientId: number, endAt: string | null = null) =>
    t.call('orders.start', { patientId, medicationId: thiamine.id, indication: 'Prophylaxis', route: 'oral', administeredBy: 'staff', amount: 100, unit: thiamine.unit, frequency: 'daily', startAt: T0, endAt });
  // Mine: Aardvark (active) and Cedar (held); Birch's order of mine has ended; Dogwood's is another prescriber's.
  await t.loginAs('prescriber', passwordFor('prescriber'));
  await start(ids.Aardvark);
  await start(ids.Birch, '2026-03-03T14:00:00.000Z');
  const cedar = await start(ids.Cedar);
  await t.call('orders.hold', { orderId: cedar.id, reason: 'Sedated at morning check' });
  await t.loginAs('prescriber2', passwordFor('prescriber2'));
  await start(ids.Dogwood);
  await t.loginAs('prescriber', passwordFor('prescriber'));
  t.travel('2026-03-04T15:00:00.000Z');
}, 120_000);
afterAll(async () => t?.cleanup());

describe("the prescriber's patient list", () => {
  it('answers a page at a time with the true total, and the last page holds the rest', async () => {
    const first = await t.call('orders.prescriberPatients', {});
    expect(first.total).toBe(ADMITTED);
    expect(first.rows).toHaveLength(100);
    expect(first.rows.slice(0, 4).map((r) => r.name)).toEqual(['Aardvark, Testpat', 'Birch, Testpat', 'Cedar, Testpat', 'Dogwood, Testpat']);
    const last = await t.call('orders.prescriberPatients', { offset: 100 });
    expect(last).toMatchObject({ total: ADMITTED, offset: 100 });
    expect(last.rows).toHaveLength(ADMITTED - 100);
    expect(last.rows.at(-1)?.name).toBe(`Pagewell${ADMITTED - 1}, Testpat`);
    // No patient is on two pages or on none.
    expect(new Set([...first.rows, ...last.rows].map((r) => r.patientId)).size).toBe(ADMITTED);
  });

  it('counts a search past the first page', async () => {
    const found = await t.call('orders.prescriberPatients', { query: 'Pagewell12', limit: 5 });
    expect(found.total).toBe(10); // Pagewell120 … Pagewell129
    expect(found.rows).toHaveLength(5);
  });

  it('"only my patients" counts a current order of mine or a held one, not an ended one or another prescriber\'s', async () => {
    const mine = await t.call('orders.prescriberPatients', { onlyMine: true });
    expect(mine.total).toBe(2);
    expect(mine.rows.map((r) => r.name)).toEqual(['Aardvark, Testpat', 'Cedar, Testpat']);
    expect(mine.rows[1]).toMatchObject({ activeOrders: 0, heldOrders: 1 });
  });

  it('refuses a page larger than the screen may ask for, in words', async () => {
    const r = await t.raw('orders.prescriberPatients', { limit: 500 });
    expect(r.ok).toBe(false);
    expect(r.error?.message).toMatch(/At most 200 patients are shown at a time/);
  });
});
