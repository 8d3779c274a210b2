import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdjustableClock } from '../../main/clock';
import type { Actor, ServiceContext } from '../../main/services/context';
import { createPatient, listPatients, updatePatient } from '../../main/services/patients';
import { insertUser } from '../../main/services/users';
import { openTempDb, type TempDb } from '../support/tempdb';

/**
 * Patient search finds a patient by any part of the MRN, family name, given name or "given
 * family", whatever the case, through the trigram index (db/patientSearch.ts), and follows
 * edits to a patient's name.
 */
let h: TempDb;
let ctx: ServiceContext;
let nurse: Actor;
beforeEach(async () => {
  h = await openTempDb();
  ctx = { db: h.db, clock: new AdjustableClock(() => new Date('2026-11-27T15:00:00.000Z')) };
  const u = await h.db.transaction().execute((trx) => insertUser(trx, '2026-11-27T15:00:00.000Z', null, { login: 'rn', displayName: 'Nurse Search', password: 'search-password-1', role: 'nurse' }));
  nurse = { id: u.id, role: 'nurse', displayName: u.display_name };
  for (const [mrn, familyName, givenName] of [['IOP-0042', "O'Hara", 'Maeve'], ['IOP-0107', 'Haraldsen', 'Tor'], ['IOP-2001', 'Quinn', 'Ava "Jo"'], ['X-9', 'Li', 'Bo']]) {
    await createPatient(ctx, nurse, { patient: { mrn, familyName, givenName, dateOfBirth: '1980-01-01', admissionDate: '2026-11-01', dischargeDate: null, levelOfCare: '2.1', residence: 'home' }, allergies: [] });
  }
});
afterEach(async () => h.cleanup());

const names = async (query: string) => (await listPatients(ctx, { query, includeDischarged: false })).map((p) => p.familyName);

describe('patients.list search', () => {
  it('matches any part of a name or MRN, in any case', async () => {
    expect(await names('hara')).toEqual(['Haraldsen', "O'Hara"]);
    expect(await names('HARALD')).toEqual(['Haraldsen']);
    expect(await names('0042')).toEqual(["O'Hara"]);
    expect(await names('iop-')).toEqual(['Haraldsen', "O'Hara", 'Quinn']);
    expect(await names('maeve o')).toEqual(["O'Hara"]);
    expect(await names('nobody')).toEqual([]);
  });

  it('takes quotes, percent signs and underscores as plain text', async () => {
    expect(await names('"Jo"')).toEqual(['Quinn']);
    expect(await names("o'ha")).toEqual(["O'Hara"]);
    expect(await names('%ar%')).toEqual([]);
    expect(await names('I_P')).toEqual([]);
  });

  it('finds one- and two-letter searches too (shorter than a trigram)', async () => {
    expect(await names('li')).toEqual(['Li']);
    expect(await names('Bo')).toEqual(['Li']);
  });

  it('follows a renamed patient', async () => {
    const [p] = await listPatients(ctx, { query: 'Quinn', includeDischarged: false });
    await updatePatient(ctx, nurse, { id: p.id, patient: { mrn: 'IOP-2001', familyName: 'Quincey', givenName: 'Ava', dateOfBirth: '1980-01-01', admissionDate: '2026-11-01', dischargeDate: null, levelOfCare: '2.1', residence: 'home' }, reason: 'name spelled wrong' });
    expect(await names('quinn')).toEqual([]);
    expect(await names('quince')).toEqual(['Quincey']);
    expect(await names('"jo"')).toEqual([]);
  });

  it('answers from the search index, not by reading every patient', () => {
    const plan = (h.sqlite.prepare(`EXPLAIN QUERY PLAN SELECT p.* FROM patients p WHERE p.id IN (SELECT rowid FROM patients_search WHERE patients_search MATCH ?)`).all('"hara"') as Array<{ detail: string }>).map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/VIRTUAL TABLE/);
    expect(plan.some((d) => /^SCAN p\b/.test(d))).toBe(false);
  });
});
