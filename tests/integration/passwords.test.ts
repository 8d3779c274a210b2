import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentPasswordCost, hashPassword, setPasswordCostForTests, verifyPassword } from '../../main/services/passwords';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/app';

/**
 * Issue 10, defect 6: password hashes were scrypt N=2^15, below OWASP's minimum (N=2^17, r=8,
 * p=1). The app now hashes at that minimum, and replaces an older, cheaper hash at the user's
 * next successful login. (The other suites use a cheap cost: tests/support/fastPasswords.ts.)
 */
const costOf = (hash: string) => hash.split('$').slice(0, 4).join('$');

describe('the cost the app hashes at', () => {
  it('is OWASP minimum by default, and a hash at it verifies', async () => {
    vi.resetModules();
    const fresh = await vi.importActual<typeof import('../../main/services/passwords')>('../../main/services/passwords');
    expect(fresh.currentPasswordCost()).toEqual({ N: 131072, r: 8, p: 1 });
    const started = performance.now();
    const hash = fresh.hashPassword('correct-password-1');
    const ms = performance.now() - started;
    expect(costOf(hash)).toBe('scrypt$131072$8$1');
    expect(fresh.verifyPassword('correct-password-1', hash)).toBe(true);
    expect(fresh.verifyPassword('wrong-password-1', hash)).toBe(false);
    console.log(`scrypt N=2^17 r=8 p=1: one hash ${ms.toFixed(0)} ms`);
  });

  it('refuses stored parameters no login should pay for (a tampered row), without computing them', () => {
    const good = hashPassword('pw-1234567890');
    const [, , , , salt, digest] = good.split('$');
    for (const bad of [`scrypt$1073741824$8$1$${salt}$${digest}`, `scrypt$1000$8$1$${salt}$${digest}`, `scrypt$16384$999$1$${salt}$${digest}`, 'scrypt$$$$$', 'md5$x']) {
      const started = performance.now();
      expect(verifyPassword('pw-1234567890', bad), bad).toBe(false);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });
});

describe('rehash at the next successful login', () => {
  let t: TestApp;
  const login = 'oldhash';
  const password = 'password-oldhash';
  beforeEach(async () => {
    t = await startTestApp();
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    await t.call('users.create', { login, role: 'nurse', displayName: 'Old Hash', password });
    await t.call('session.logout', {});
    // As a file from before this change holds it: a cheaper cost than the app's.
    const cheaper = { ...currentPasswordCost(), N: currentPasswordCost().N / 2 };
    await t.app.database!.db.updateTable('users').set({ password_hash: hashPassword(password, cheaper) }).where('login', '=', login).execute();
  });
  afterEach(async () => {
    setPasswordCostForTests({ N: 2 ** 12, r: 8, p: 1 });
    await t.cleanup();
  });

  const stored = async () => (await t.app.database!.db.selectFrom('users').select('password_hash').where('login', '=', login).executeTakeFirstOrThrow()).password_hash;
  const rehashAudits = async () => t.app.database!.db.selectFrom('audit_log').selectAll().where('action', '=', 'users.password_rehashed').execute();

  it('keeps the old hash on a failed login, replaces it on a successful one, audited once with the costs only', async () => {
    const old = await stored();
    expect((await t.raw('session.login', { login, password: 'wrong-password-1' })).ok).toBe(false);
    expect(await stored()).toBe(old);

    await t.loginAs(login, password);
    const now = await stored();
    expect(now).not.toBe(old);
    expect(costOf(now)).toBe(`scrypt$${currentPasswordCost().N}$8$1`);
    expect(verifyPassword(password, now)).toBe(true);
    const audits = await rehashAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0].after_json).toContain(`${currentPasswordCost().N}/8/1`);
    expect(audits[0].before_json).not.toContain(old.split('$')[5]);

    await t.call('session.logout', {});
    await t.loginAs(login, password);
    expect(await stored()).toBe(now);
    expect(await rehashAudits()).toHaveLength(1);
  });

  it('raises an account to a higher cost the clinic moves to later', async () => {
    setPasswordCostForTests({ N: 2 ** 13, r: 8, p: 1 });
    await t.loginAs(login, password);
    expect(costOf(await stored())).toBe('scrypt$8192$8$1');
  });
});
