import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordFor, seedStaff, startTestApp, type TestApp } from '../support/app';

/**
 * Issue 8 item 6: a second patient with the same (or a close) name and the same birth date is
 * refused by main until the caller says "this is a different person", and that answer is in
 * the audit log. The existing chart is found with its MRN and allergies.
 */
let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-03-02T14:00:00.000Z'));
  await seedStaff(t);
  await t.loginAs('nurse', passwordFor('nurse'));
});
afterEach(async () => t.cleanup());

const person = (mrn: string, familyName: string, givenName: string, dateOfBirth = '1984-02-29') => ({
  mrn,
  familyName,
  givenName,
  dateOfBirth,
  admissionDate: '2026-03-01',
  residence: 'home' as const,
});

const counts = async () => {
  const db = t.app.serviceContext().db;
  const [patients, audit] = await Promise.all([
    db.selectFrom('patients').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { patients: Number(patients.n), audit: Number(audit.n) };
};

const createAudit = async (patientId: number) =>
  t.app
    .serviceContext()
    .db.selectFrom('audit_log')
    .select(['action', 'reason', 'actor_id'])
    .where('entity_type', '=', 'patient')
    .where('entity_id', '=', String(patientId))
    .where('action', '=', 'patients.create')
    .executeTakeFirstOrThrow();

describe('duplicate patients', () => {
  it('refuses a close match born the same day with a field error, and changes nothing', async () => {
    const first = await t.call('patients.create', { patient: person('IOP-1', 'Johnson', 'Mary'), allergies: [{ substance: 'Penicillin', reaction: 'Hives', severity: 'severe' }] });
    const before = await counts();
    const r = (await t.raw('patients.create', { patient: person('IOP-2', 'Jonson', 'mary'), allergies: [] })) as {
      ok: boolean;
      error?: { code: string; message: string; fields?: { path: string; message: string }[] };
    };
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('VALIDATION');
    expect(r.error?.fields?.map((f) => f.path)).toEqual(['confirmedDifferentPerson']);
    expect(r.error?.message).toContain('Mary Johnson (MRN IOP-1, a close name and the same date of birth)');
    expect(await counts()).toEqual(before);

    const found = await t.call('patients.findDuplicates', { familyName: 'Jonson', givenName: 'mary', dateOfBirth: '1984-02-29' });
    expect(found).toEqual([
      expect.objectContaining({ id: first.id, mrn: 'IOP-1', match: 'close', allergies: ['Penicillin'], noKnownAllergies: false }),
    ]);
  });

  it('refuses the same name too, whatever the case and hyphens', async () => {
    await t.call('patients.create', { patient: person('IOP-1', "O'Neil-Byrne", 'Anne-Marie'), allergies: [] });
    const r = await t.raw('patients.create', { patient: person('IOP-2', 'ONeil Byrne', 'anne marie'), allergies: [] });
    expect(r.error?.message).toContain('MRN IOP-1, same name and the same date of birth');
  });

  it('registers the new chart once confirmed a different person, and audits that the warning was overridden', async () => {
    await t.call('patients.create', { patient: person('IOP-1', 'Johnson', 'Mary'), allergies: [] });
    const second = await t.call('patients.create', { patient: person('IOP-2', 'Mary', 'Johnson'), allergies: [], confirmedDifferentPerson: true });
    const entry = await createAudit(second.id);
    expect(entry.reason).toBe(
      'Possible duplicate warning overridden: confirmed a different person from Mary Johnson (MRN IOP-1, a close name and the same date of birth).',
    );
  });

  it('does not warn (or record an override) for the same name born on another day', async () => {
    await t.call('patients.create', { patient: person('IOP-1', 'Johnson', 'Mary'), allergies: [] });
    const other = await t.call('patients.create', { patient: person('IOP-2', 'Johnson', 'Mary', '1984-03-01'), allergies: [] });
    expect((await createAudit(other.id)).reason).toBeNull();
    expect(await t.call('patients.findDuplicates', { familyName: 'Johnson', givenName: 'Mary', dateOfBirth: '1984-03-01' })).toEqual([
      expect.objectContaining({ mrn: 'IOP-2', match: 'same' }),
    ]);
  });
});
