import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/app';

/**
 * Issue 10, defect 5: after "nurse3" locked, "NURSE3" answered "account locked" while a case
 * variant of a login that does not exist answered "wrong login or password", which told a
 * guesser which logins are real. Logins are normalised once (trim, NFC, lower case) for the
 * account, its lock, the lock on unknown logins and uniqueness.
 */
let t: TestApp;
const PASSWORD = 'password-nurse3';

beforeEach(async () => {
  t = await startTestApp();
  await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
  await t.call('users.create', { login: 'Nurse3', role: 'nurse', displayName: 'Nurse Three', password: PASSWORD });
  await t.call('session.logout', {});
});
afterEach(async () => t.cleanup());

const attempt = async (login: string, password = 'wrong-password-1') => (await t.raw('session.login', { login, password })).error?.code ?? 'OK';

describe('login case variants', () => {
  it('stores the login in one form, finds it by any variant, and refuses a variant as a duplicate', async () => {
    expect(await attempt('NURSE3', PASSWORD)).toBe('OK');
    expect((await t.call('session.current', {})).user?.login).toBe('nurse3');
    await t.call('session.logout', {});
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    const dup = await t.raw('users.create', { login: 'NURSE3', role: 'nurse', displayName: 'Impostor', password: 'password-xyz-1' });
    expect(dup.error?.code).toBe('CONFLICT');
    expect(dup.error?.message).toMatch(/"nurse3" is already taken/);
  });

  it('answers every variant of a real and of an unknown login alike, before and after the lock', async () => {
    // Five failures (the default limit), each spelt differently: both count as one login.
    const real = ['nurse3', 'NURSE3', 'Nurse3', ' nUrSe3', 'NURSE3 '];
    const ghost = ['ghost7', 'GHOST7', 'Ghost7', ' gHoSt7', 'GHOST7 '];
    const realAnswers = [];
    const ghostAnswers = [];
    for (let i = 0; i < 5; i++) {
      realAnswers.push(await attempt(real[i]));
      ghostAnswers.push(await attempt(ghost[i]));
    }
    expect(realAnswers).toEqual(ghostAnswers);
    expect(realAnswers).toEqual(Array(5).fill('BAD_CREDENTIALS'));
    for (const variant of ['nurse3', 'NURSE3', 'nUrSe3']) expect(await attempt(variant, PASSWORD), variant).toBe('ACCOUNT_LOCKED');
    for (const variant of ['ghost7', 'GHOST7', 'gHoSt7']) expect(await attempt(variant), variant).toBe('ACCOUNT_LOCKED');
    const messages = [(await t.raw('session.login', { login: 'NURSE3', password: 'x' })).error?.message, (await t.raw('session.login', { login: 'GHOST7', password: 'x' })).error?.message];
    expect(messages[0]).toBe(messages[1]);
  });
});
