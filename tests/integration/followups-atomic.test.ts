import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { passwordFor, seedStaff, startTestApp, type TestApp } from '../support/app';

/**
 * Issue 10: followups.schedule once answered INTERNAL ("nothing was saved") while the review it
 * had written stayed in the file, because the answer was built after the commit. Here building
 * the answer fails on purpose (the classifier throws once armed): the write must be undone too.
 */
const armed = vi.hoisted(() => ({ on: false }));
const failingWhenArmed =
  <T,>(classify: (date: string) => T) =>
  (date: string): T => {
    if (armed.on) throw new Error('simulated failure while building the answer');
    return classify(date);
  };
vi.mock('../../main/domain/overdue', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../main/domain/overdue')>();
  return {
    ...real,
    // Both ways a service classifies a review: whichever builds the answer fails once armed.
    classifierAt: (...args: Parameters<typeof real.classifierAt>) => failingWhenArmed(real.classifierAt(...args)),
    classifierFromCutoffs: (...args: Parameters<typeof real.classifierFromCutoffs>) => failingWhenArmed(real.classifierFromCutoffs(...args)),
  };
});

let t: TestApp;
let patientId: number;
beforeEach(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-06-01T14:00:00.000Z'));
  await seedStaff(t);
  await t.loginAs('nurse', passwordFor('nurse'));
  patientId = (await t.call('patients.create', { patient: { mrn: 'A-1', familyName: 'Atomic', givenName: 'Testy', dateOfBirth: '1975-05-05', admissionDate: '2026-05-30', residence: 'home' }, allergies: [] })).id;
  await t.loginAs('prescriber', passwordFor('prescriber'));
});
afterEach(async () => {
  armed.on = false;
  await t.cleanup();
});

const count = async (table: 'followups' | 'audit_log') => Number((await t.app.database!.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('an error from a review change means nothing was saved', () => {
  it('keeps no review and no audit entry when the answer to followups.schedule cannot be built', async () => {
    const before = [await count('followups'), await count('audit_log')];
    armed.on = true;
    const r = await t.raw('followups.schedule', { patientId, dueDate: '2026-06-10', reason: 'Check in' });
    armed.on = false;
    expect(r.error?.code).toBe('INTERNAL');
    expect(r.error?.message).toMatch(/nothing was saved/);
    expect([await count('followups'), await count('audit_log')]).toEqual(before);
  });

  it('keeps the due date when the answer to followups.reschedule cannot be built', async () => {
    const review = await t.call('followups.schedule', { patientId, dueDate: '2026-06-10', reason: 'Check in' });
    armed.on = true;
    const r = await t.raw('followups.reschedule', { id: review.id, dueDate: '2026-06-12', reason: 'Moved' });
    armed.on = false;
    expect(r.error?.code).toBe('INTERNAL');
    expect((await t.call('followups.forPatient', { patientId }))[0].dueDate).toBe('2026-06-10');
  });
});
