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

  // Issue 8 item 6 remnant: an edit that makes a chart's name or birth date another's is the same split record.
  const edit = (id: number, patient: ReturnType<typeof person>, confirmedDifferentPerson?: boolean) =>
    t.raw('patients.update', { id, patient, reason: 'Corrected at intake', ...(confirmedDifferentPerson === undefined ? {} : { confirmedDifferentPerson }) });
  const updateAudit = async (patientId: number) =>
    t.app
      .serviceContext()
      .db.selectFrom('audit_log')
      .select(['reason'])
      .where('entity_type', '=', 'patient')
      .where('entity_id', '=', String(patientId))
      .where('action', '=', 'patients.update')
      .execute();

  it('refuses editing a birth date onto another chart with the same name, and changes nothing', async () => {
    await t.call('patients.create', { patient: person('IOP-1', 'Johnson', 'Mary'), allergies: [] });
    const second = await t.call('patients.create', { patient: person('IOP-2', 'Johnson', 'Mary', '1984-03-01'), allergies: [] });
    const before = await counts();
    const r = (await edit(second.id, person('IOP-2', 'Johnson', 'Mary'))) as { ok: boolean; error?: { message: string; fields?: { path: string }[] } };
    expect(r.ok).toBe(false);
    expect(r.error?.fields?.map((f) => f.path)).toEqual(['confirmedDifferentPerson']);
    expect(r.error?.message).toContain('Mary Johnson (MRN IOP-1, same name and the same date of birth)');
    expect(await counts()).toEqual(before);
    expect((await t.call('patients.get', { id: second.id })).dateOfBirth).toBe('1984-03-01');
  });

  it('refuses editing a name to a close match of another chart born the same day', async () => {
    await t.call('patients.create', { patient: person('IOP-1', 'Johnson', 'Mary'), allergies: [] });
    const second = await t.call('patients.create', { patient: person('IOP-2', 'Smith', 'Mary'), allergies: [] });
    const r = await edit(second.id, person('IOP-2', 'Jonson', 'Mary'));
    expect(r.error?.message).toContain('MRN IOP-1, a close name and the same date of birth');
  });

  it('saves the edit once confirmed a different person, with the override in the audit entry beside the reason', async () => {
    await t.call('patients.create', { patient: person('IOP-1', 'Johnson', 'Mary'), allergies: [] });
    const second = await t.call('patients.create', { patient: person('IOP-2', 'Smith', 'Mary'), allergies: [] });
    const r = await edit(second.id, person('IOP-2', 'Johnson', 'Mary'), true);
    expect(r.ok).toBe(true);
    expect(await updateAudit(second.id)).toEqual([
      {
        reason:
          'Corrected at intake Possible duplicate warning overridden: confirmed a different person from Mary Johnson (MRN IOP-1, same name and the same date of birth).',
      },
    ]);
  });

  it('does not ask again when an edit leaves the name and birth date alone, and a chart never matches itself', async () => {
    await t.call('patients.create', { patient: person('IOP-1', 'Johnson', 'Mary'), allergies: [] });
    const second = await t.call('patients.create', { patient: person('IOP-2', 'Johnson', 'Mary'), allergies: [], confirmedDifferentPerson: true });
    // Already confirmed at registration: changing the MRN only is not a new question.
    expect((await edit(second.id, person('IOP-22', 'Johnson', 'Mary'))).ok).toBe(true);
    // Fixing the case of one's own name, with nobody else born that day, is not a duplicate of oneself.
    const alone = await t.call('patients.create', { patient: person('IOP-3', 'Lee', 'ann', '1990-05-05'), allergies: [] });
    expect((await edit(alone.id, person('IOP-3', 'Lee', 'Ann', '1990-05-05'))).ok).toBe(true);
    expect(await updateAudit(alone.id)).toEqual([{ reason: 'Corrected at intake' }]);
  });
});
