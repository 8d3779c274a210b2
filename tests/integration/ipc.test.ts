import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeOsKeyStore, seedStaff, startTestApp, passwordFor, TEST_ADMIN, TEST_PASSPHRASE, type TestApp } from '../support/app';
import { verifyAuditChain } from '../../main/services/audit';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.cleanup();
});
async function fresh(opts?: Parameters<typeof startTestApp>[0]) {
  const t = await startTestApp(opts);
  apps.push(t);
  return t;
}

const patient = {
  mrn: 'T-0001',
  familyName: 'Quasimodo',
  givenName: 'Testina',
  dateOfBirth: '1990-04-01',
  admissionDate: '2026-11-01',
  residence: 'home' as const,
};

describe('the IPC gate', () => {
  it('rejects every protected channel before login, and unknown channels always', async () => {
    const t = await fresh();
    expect((await t.raw('patients.list', {})).error?.code).toBe('UNAUTHENTICATED');
    expect((await t.raw('patients.drop', {})).error?.code).toBe('NOT_FOUND');
  });

  it('gives the same answer for an unknown login and a wrong password', async () => {
    const t = await fresh();
    const a = await t.raw('session.login', { login: 'nobody', password: 'whatever-123' });
    const b = await t.raw('session.login', { login: TEST_ADMIN.login, password: 'wrong-password' });
    expect(a.error).toEqual(b.error);
    expect(a.error?.code).toBe('BAD_CREDENTIALS');
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    const t = await fresh();
    for (let i = 0; i < 5; i++) await t.raw('session.login', { login: TEST_ADMIN.login, password: 'wrong-password' });
    const r = await t.raw('session.login', { login: TEST_ADMIN.login, password: TEST_ADMIN.password });
    expect(r.error?.code).toBe('ACCOUNT_LOCKED');
    t.clock.advance(16 * 60_000);
    expect((await t.raw('session.login', { login: TEST_ADMIN.login, password: TEST_ADMIN.password })).ok).toBe(true);
  });

  it('locks a login that does not exist the same way, so the lock does not reveal which logins are real', async () => {
    const t = await fresh();
    const attempt = (login: string) => t.raw('session.login', { login, password: 'wrong-password' });
    for (let i = 1; i <= 5; i++) {
      const [real, unknown] = [await attempt(TEST_ADMIN.login), await attempt('nobody')];
      expect(unknown.error, `attempt ${i}`).toEqual(real.error);
      expect(real.error?.code).toBe('BAD_CREDENTIALS');
    }
    const [real, unknown] = [await attempt(TEST_ADMIN.login), await attempt('nobody')];
    expect(real.error?.code).toBe('ACCOUNT_LOCKED');
    expect(unknown.error).toEqual(real.error);
    // Both unlock after the lock period, and the count starts again.
    t.clock.advance(16 * 60_000);
    expect((await attempt('nobody')).error?.code).toBe('BAD_CREDENTIALS');
  });

  it('enforces roles in main: a nurse cannot create users, an admin can', async () => {
    const t = await fresh();
    await seedStaff(t);
    await t.loginAs('nurse', passwordFor('nurse'));
    const r = await t.raw('users.create', { login: 'sneaky', role: 'admin', displayName: 'Sneaky', password: 'sneaky-password' });
    expect(r.error?.code).toBe('FORBIDDEN');
    await t.loginAs('director', passwordFor('director'));
    expect((await t.raw('patients.create', { patient, allergies: [] })).error?.code).toBe('FORBIDDEN');
  });

  it('validates input and changes nothing on bad input', async () => {
    const t = await fresh();
    await seedStaff(t);
    await t.loginAs('nurse', passwordFor('nurse'));
    const bad = await t.raw('patients.create', { patient: { ...patient, dateOfBirth: '1990-02-30' }, allergies: [] });
    expect(bad.error?.code).toBe('VALIDATION');
    expect(bad.error?.message).toMatch(/does not exist/);
    const backwards = await t.raw('patients.create', { patient: { ...patient, dischargeDate: '2026-10-01' }, allergies: [] });
    expect(backwards.error?.message).toMatch(/Discharge cannot be before admission/);
    expect(await t.call('patients.list', { includeDischarged: true })).toEqual([]);
  });

  it('creates, searches and edits patients with allergies; MRNs are unique; all audited', async () => {
    const t = await fresh();
    await seedStaff(t);
    await t.loginAs('nurse', passwordFor('nurse'));
    const created = await t.call('patients.create', {
      patient,
      allergies: [{ substance: 'Penicillin', reaction: 'Hives', severity: 'moderate' }],
    });
    expect(created.allergies).toHaveLength(1);
    expect((await t.raw('patients.create', { patient, allergies: [] })).error?.code).toBe('CONFLICT');
    expect((await t.call('patients.list', { query: 'quasi' })).map((p) => p.mrn)).toEqual(['T-0001']);
    expect((await t.call('patients.list', { query: 'Testina Quas' })).length).toBe(1);
    expect(await t.call('patients.list', { query: '%' })).toEqual([]);
    const edited = await t.call('patients.update', { id: created.id, patient: { ...patient, residence: 'facility' }, reason: 'moved in' });
    expect(edited.residence).toBe('facility');
    const afterError = await t.call('patients.markAllergyEnteredInError', { allergyId: created.allergies[0].id, reason: 'wrong patient' });
    expect(afterError.allergies[0].status).toBe('entered_in_error');
    expect(afterError.allergyCount).toBe(0);

    await t.loginAs('director', passwordFor('director'));
    const audit = await t.call('audit.list', { entityType: 'patient', entityId: String(created.id) });
    expect(audit.map((a) => a.action)).toEqual(['patients.update', 'patients.create']);
    expect(audit[0].reason).toBe('moved in');
    expect((audit[0].before as { residence: string }).residence).toBe('home');
    const allergyId = String(created.allergies[0].id);
    const allergyAudit = await t.call('audit.list', { entityType: 'allergy', entityId: allergyId });
    expect(allergyAudit.map((a) => a.action)).toEqual(['patients.allergy_entered_in_error', 'patients.add_allergy']);
    expect(allergyAudit[0].reason).toBe('wrong patient');
    expect(await verifyAuditChain(t.app.serviceContext().db)).toMatchObject({ ok: true });
  });

  it('writes a record and its audit entry in one transaction: when a later write fails, neither is kept', async () => {
    const t = await fresh();
    await seedStaff(t);
    await t.loginAs('nurse', passwordFor('nurse'));
    const db = t.app.serviceContext().db;
    const auditCount = async () => Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await auditCount();
    // The allergy is written after the patient and the patient's audit entry; make it fail.
    // A TEMP trigger lives on this connection only and leaves the file's schema alone.
    await sql`CREATE TEMP TRIGGER fail_allergy BEFORE INSERT ON main.allergies BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`.execute(db);
    const r = await t.raw('patients.create', { patient, allergies: [{ substance: 'Penicillin', reaction: 'Hives', severity: 'moderate' }] });
    expect(r.ok).toBe(false);
    expect(await auditCount()).toBe(before);
    expect(await t.call('patients.list', { includeDischarged: true })).toEqual([]);
    await sql`DROP TRIGGER temp.fail_allergy`.execute(db);

    // And the other way round: the write succeeds but its audit entry cannot be stored.
    await sql`CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON main.audit_log WHEN NEW.action = 'patients.create' BEGIN SELECT RAISE(ABORT, 'audit store full'); END`.execute(db);
    expect((await t.raw('patients.create', { patient, allergies: [] })).ok).toBe(false);
    expect(await t.call('patients.list', { includeDischarged: true })).toEqual([]);
    await sql`DROP TRIGGER temp.fail_audit`.execute(db);

    // Nothing half-written was left behind: the same MRN is still free, and the chain verifies.
    const created = await t.call('patients.create', { patient, allergies: [] });
    expect(created.mrn).toBe(patient.mrn);
    expect(await auditCount()).toBe(before + 1);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('acts as the logged-in user of the main-process session, whatever identity the input claims', async () => {
    const t = await fresh();
    const ids = await seedStaff(t);
    await t.loginAs('nurse', passwordFor('nurse'));
    const claimed = { patient, allergies: [], actorId: ids.director, userId: ids.director, createdBy: ids.director, role: 'admin' };
    const r = await t.raw('patients.create', claimed);
    // The extra fields are dropped by the input schema, never believed.
    expect(r.ok).toBe(true);
    const created = r.value as { id: number };
    await t.loginAs('director', passwordFor('director'));
    const audit = await t.call('audit.list', { entityType: 'patient', entityId: String(created.id) });
    expect(audit.map((a) => [a.action, a.actorName])).toEqual([['patients.create', 'Test Nurse']]);
  });

  it('keeps logins unique, stores passwords only as salted scrypt hashes, and ends the session at logout', async () => {
    const t = await fresh();
    await seedStaff(t);
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    const dup = await t.raw('users.create', { login: 'nurse', role: 'prescriber', displayName: 'Someone Else', password: 'another-password-1' });
    expect(dup.error?.code).toBe('CONFLICT');
    expect((await t.call('users.list', {})).filter((u) => u.login === 'nurse').map((u) => u.role)).toEqual(['nurse']);
    const rows = await t.app.serviceContext().db.selectFrom('users').select(['login', 'password_hash']).execute();
    for (const r of rows) {
      expect(r.password_hash, r.login).toMatch(/scrypt/);
      expect(r.password_hash, r.login).not.toContain(r.login === 'admin' ? TEST_ADMIN.password : passwordFor(r.login));
    }
    // Two accounts with the same password still get different hashes (salted).
    await t.call('users.create', { login: 'nurse3', role: 'nurse', displayName: 'Third Nurse', password: passwordFor('nurse') });
    const hashes = await t.app.serviceContext().db.selectFrom('users').select('password_hash').where('login', 'in', ['nurse', 'nurse3']).execute();
    expect(new Set(hashes.map((h) => h.password_hash)).size).toBe(2);
    await t.call('session.logout', {});
    expect((await t.raw('patients.list', {})).error?.code).toBe('UNAUTHENTICATED');
  });

  it('never returns password hashes', async () => {
    const t = await fresh();
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    const users = await t.call('users.list', {});
    expect(JSON.stringify(users)).not.toMatch(/scrypt/);
    const audit = await t.call('audit.list', {});
    expect(JSON.stringify(audit)).not.toMatch(/scrypt/);
  });

  it('locks the session after inactivity; only the password reopens it', async () => {
    const t = await fresh();
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    t.clock.advance(16 * 60_000);
    expect((await t.raw('patients.list', {})).error?.code).toBe('SESSION_LOCKED');
    expect((await t.call('session.current', {})).locked).toBe(true);
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    expect((await t.raw('patients.list', {})).ok).toBe(true);
  });

  it('reopens on the same workstation without a passphrase, and needs it on a new one', async () => {
    const keyStore = new FakeOsKeyStore();
    const t = await fresh({ keyStore });
    await t.app.close();
    const sameMachine = await startTestApp({ dir: t.dir, keyStore });
    expect(sameMachine.app.status().phase).toBe('open');
    await sameMachine.app.close();

    const newMachine = await startTestApp({ dir: t.dir, keyStore: new FakeOsKeyStore() });
    expect(newMachine.app.status().phase).toBe('locked');
    const wrong = await newMachine.raw('clinic.unlock', { recoveryPassphrase: 'not the passphrase' });
    expect(wrong.error?.code).toBe('WRONG_PASSPHRASE');
    expect((await newMachine.call('clinic.unlock', { recoveryPassphrase: TEST_PASSPHRASE })).phase).toBe('open');
    await newMachine.app.close();
  });
});
