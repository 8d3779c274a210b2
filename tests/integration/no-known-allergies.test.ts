import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordFor, seedStaff, startTestApp, type TestApp } from '../support/app';

/**
 * Issue 8 item 2: "no known allergies" is a recorded fact, so the banner can tell "asked, none"
 * from "nobody asked". Recording an allergy ends it; both are audited.
 */
let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-03-02T14:00:00.000Z'));
  await seedStaff(t);
  await t.loginAs('nurse', passwordFor('nurse'));
});
afterEach(async () => t.cleanup());

const patient = (mrn: string) => ({
  mrn,
  familyName: 'Allergen',
  givenName: 'Nora',
  dateOfBirth: '1990-02-02',
  admissionDate: '2026-03-01',
  residence: 'home' as const,
});

describe('no known allergies', () => {
  it('is "not recorded" until someone records it; an allergy then ends it; each step audited', async () => {
    const p = await t.call('patients.create', { patient: patient('NKA-1'), allergies: [] });
    expect(p.noKnownAllergiesAt).toBeNull();
    const recorded = await t.call('patients.recordNoKnownAllergies', { patientId: p.id });
    expect(recorded.noKnownAllergiesAt).toMatch(/^2026-03-02T14:00/);
    const withAllergy = await t.call('patients.addAllergy', {
      patientId: p.id,
      allergy: { substance: 'Penicillin', reaction: 'rash', severity: 'mild' },
    });
    expect(withAllergy.noKnownAllergiesAt).toBeNull();
    const refused = await t.raw('patients.recordNoKnownAllergies', { patientId: p.id });
    expect(refused.error?.code).toBe('CONFLICT');
    expect(refused.error?.message).toMatch(/recorded allergy/);
    const actions = (
      await t.app
        .serviceContext()
        .db.selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'patient')
        .where('entity_id', '=', String(p.id))
        .orderBy('id')
        .execute()
    ).map((a) => a.action);
    expect(actions).toEqual(['patients.create', 'patients.no_known_allergies', 'patients.no_known_allergies_cleared']);
  });

  it('can be recorded at registration, but not together with allergies', async () => {
    const p = await t.call('patients.create', { patient: patient('NKA-2'), allergies: [], noKnownAllergies: true });
    expect(p.noKnownAllergiesAt).not.toBeNull();
    const both = await t.raw('patients.create', {
      patient: patient('NKA-3'),
      allergies: [{ substance: 'Latex', reaction: '', severity: 'mild' }],
      noKnownAllergies: true,
    });
    expect(both.error?.code).toBe('VALIDATION');
    expect(await t.call('patients.list', { query: 'NKA-3' })).toEqual([]);
  });
});
