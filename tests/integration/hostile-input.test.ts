import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, toErrorBody } from '../../main/ipc/dispatch';
import { handlers } from '../../main/ipc/handlers';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/app';

/**
 * Issue 10, defect 8: a settings key walked the prototype chain ("constructor" gave INTERNAL),
 * a one-letter login came back as "CHECK constraint failed: ...", and a name of only NUL passed
 * the contract and failed in SQLite. Each is refused in words, and no message carries SQL.
 */
let t: TestApp;
const SQLISH = /CHECK|constraint|SQLITE|sqlite|SELECT|INSERT|UPDATE |length\(/;

beforeAll(async () => {
  t = await startTestApp();
  await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
});
afterAll(async () => t.cleanup());

const auditCount = async () => Number((await t.app.database!.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('settings keys', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'])('refuses "%s" as a setting in words, changing nothing', async (key) => {
    const before = await auditCount();
    const r = await t.raw('settings.update', { values: { [key]: 1 } });
    expect(r.error?.code).toBe('VALIDATION');
    expect(r.error?.message).toBe(`There is no setting called "${key}".`);
    expect(await auditCount()).toBe(before);
  });

  it('refuses a __proto__ key (which zod would drop, reading an empty change)', async () => {
    const before = await auditCount();
    const r = await t.raw('settings.update', JSON.parse('{"values":{"__proto__":{"clinic.name":"Hijacked"}}}'));
    expect(r.error?.code).toBe('VALIDATION');
    expect(r.error?.message).toMatch(/field name that is not allowed/);
    expect((await t.call('settings.get', {}))['clinic.name']).toBe('Test Clinic');
    expect(await auditCount()).toBe(before);
  });
});

describe('logins and names the database would refuse', () => {
  it('refuses a one-letter login in words, with no constraint text', async () => {
    const r = await t.raw('users.create', { login: 'a', role: 'nurse', displayName: 'One Letter', password: 'password-one-1' });
    expect(r.error).toMatchObject({ code: 'VALIDATION', message: 'Please check the form: Login needs at least 2 characters.' });
  });

  it.each([
    ['only NUL', '\u0000'],
    ['NUL among letters', 'Nurse\u0000Jane'],
    ['control characters', '\u0001\u0002\u0007'],
    ['zero-width only', '\u200B\u200C'],
  ])('refuses a name of %s in words and stores nothing', async (_what, displayName) => {
    const users = (await t.call('users.list', { activeOnly: false })).length;
    const r = await t.raw('users.create', { login: 'ctrl', role: 'nurse', displayName, password: 'password-ctrl-1' });
    expect(r.error?.code).toBe('VALIDATION');
    expect(r.error?.message).toMatch(/Name (is required|contains invisible control characters)/);
    expect((await t.call('users.list', { activeOnly: false })).length).toBe(users);
  });

  it('refuses a patient name of only NUL the same way', async () => {
    const r = await t.raw('patients.create', { patient: { mrn: 'N-1', familyName: '\u0000', givenName: 'Null', dateOfBirth: '1980-01-01', admissionDate: '2026-11-01', residence: 'home' }, allergies: [] });
    expect(r.error?.code).toBe('VALIDATION');
    expect(r.error?.message).not.toMatch(SQLISH);
  });
});

describe('database errors the services did not foresee', () => {
  const constraint = Object.assign(new Error('CHECK constraint failed: length(login) BETWEEN 2 AND 64'), { name: 'SqliteError', code: 'SQLITE_CONSTRAINT_CHECK' });

  it('are answered without SQL or constraint text, and logged with it', async () => {
    expect(toErrorBody(constraint).message).not.toMatch(SQLISH);
    const logged: string[] = [];
    const dispatch = createDispatcher(t.app, { ...handlers, 'users.list': async () => Promise.reject(constraint) }, (m, err) => void logged.push(`${m}: ${String(err)}`));
    const r = await dispatch('users.list', {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('CONFLICT');
    expect(r.error.message).toMatch(/Nothing was saved/);
    expect(r.error.message).not.toMatch(SQLISH);
    expect(logged.join('\n')).toMatch(/CHECK constraint failed/);
  });
});
