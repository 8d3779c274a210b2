import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdjustableClock } from '../../main/clock';
import type { Actor, ServiceContext } from '../../main/services/context';
import { countPatients, createPatient, listPatients, pagePatients } from '../../main/services/patients';
import { insertUser } from '../../main/services/users';
import { openTempDb, type TempDb } from '../support/tempdb';

/**
 * No silent caps (issue 8, item 8): with more than 500 patients admitted, the count is the
 * true count, paging walks every one of them exactly once in name order, and the unpaged list
 * is not cut short. (The old list stopped at 500 and the screen said "500 patients".)
 */
const ADMITTED = 530;
const DISCHARGED = 7;
// Family names out of insertion order, so "name order" is something the query must do.
const familyNameOf = (i: number) => `Pager${String((i * 37) % (ADMITTED + DISCHARGED)).padStart(4, '0')}`;
let h: TempDb;
let ctx: ServiceContext;

beforeAll(async () => {
  h = await openTempDb();
  ctx = { db: h.db, clock: new AdjustableClock(() => new Date('2026-11-27T15:00:00.000Z')) };
  const u = await h.db.transaction().execute((trx) => insertUser(trx, '2026-11-27T15:00:00.000Z', null, { login: 'rn', displayName: 'Nurse Paging', password: 'paging-password-1', role: 'nurse' }));
  const nurse: Actor = { id: u.id, role: 'nurse', displayName: u.display_name };
  for (let i = 0; i < ADMITTED + DISCHARGED; i++) {
    const discharged = i >= ADMITTED;
    const familyName = familyNameOf(i);
    await createPatient(ctx, nurse, {
      patient: {
        mrn: `PG-${i}`,
        familyName,
        givenName: i % 50 === 0 ? 'Quillon' : 'Ann',
        dateOfBirth: '1980-01-01',
        admissionDate: '2026-10-01',
        dischargeDate: discharged ? '2026-11-01' : null,
        levelOfCare: '2.1',
        residence: 'home',
      },
      allergies: [],
      // Pager0001 and Pager0002, born the same day, are one letter apart: synthetic, not one person.
      confirmedDifferentPerson: true,
    });
  }
}, 120_000);
afterAll(async () => h.cleanup());

const filter = { query: '', includeDischarged: false };

describe('patients past 500', () => {
  it('counts every admitted patient, and every patient with the discharged', async () => {
    expect(await countPatients(ctx, filter)).toBe(ADMITTED);
    expect(await countPatients(ctx, { ...filter, includeDischarged: true })).toBe(ADMITTED + DISCHARGED);
    expect((await listPatients(ctx, filter)).length).toBe(ADMITTED);
  });

  it('pages through all of them once, in name order, with the true total on every page', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < ADMITTED; offset += 200) {
      const page = await pagePatients(ctx, { ...filter, offset, limit: 200 });
      expect(page.total).toBe(ADMITTED);
      expect(page.offset).toBe(offset);
      seen.push(...page.patients.map((p) => p.familyName));
    }
    expect(seen.length).toBe(ADMITTED);
    expect(new Set(seen).size).toBe(ADMITTED);
    expect(seen).toEqual([...seen].sort());
    const last = await pagePatients(ctx, { ...filter, offset: 500, limit: 200 });
    expect(last.patients.length).toBe(ADMITTED - 500);
  });

  it('counts a search by its matches, not by the page', async () => {
    const page = await pagePatients(ctx, { query: 'Quillon', includeDischarged: true, offset: 0, limit: 5 });
    // Every 50th patient is a Quillon: 11 of 537, shown 5 at a time.
    expect(page.total).toBe(11);
    expect(page.patients.length).toBe(5);
  });

  it('sorts by another column when asked, descending too', async () => {
    const page = await pagePatients(ctx, { ...filter, offset: 0, limit: 3, sort: 'mrn', direction: 'desc' });
    // MRNs sort as text: PG-99 is the last of PG-0 … PG-529.
    expect(page.patients.map((p) => p.mrn)).toEqual(['PG-99', 'PG-98', 'PG-97']);
    const byName = await pagePatients(ctx, { ...filter, offset: 0, limit: 1, direction: 'desc' });
    const admittedNames = Array.from({ length: ADMITTED }, (_, i) => familyNameOf(i)).sort();
    expect(byName.patients[0]!.familyName).toBe(admittedNames.at(-1));
  });
});
