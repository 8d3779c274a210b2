import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/ipc/dispatch';
import { handlers } from '../../main/ipc/handlers';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/app';

/**
 * Session and login limits held at their exact edges (defaults: an idle session locks after
 * 15 minutes, five failed logins lock the login for 15 minutes), and the dispatcher's check of
 * every answer against the contract. Each was once broken without a test noticing (issue 12).
 */
const MIN = 60_000;
const T0 = new Date('2026-11-30T15:00:00.000Z');
let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  t.clock.freeze(T0);
});
afterEach(async () => t.cleanup());

const patientsList = () => t.raw('patients.list', {});

describe('an idle session', () => {
  it('is still open after exactly 15 idle minutes and locks one millisecond later', async () => {
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    t.clock.advance(15 * MIN);
    expect((await patientsList()).ok).toBe(true);
    t.clock.advance(15 * MIN + 1);
    expect((await patientsList()).error?.code).toBe('SESSION_LOCKED');
  });

  it('stays open while the person keeps working: each call restarts the 15 minutes', async () => {
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    for (let i = 0; i < 4; i++) {
      t.clock.advance(10 * MIN);
      expect((await patientsList()).ok, `call ${i + 1}, ${(i + 1) * 10} minutes after login`).toBe(true);
    }
  });

  it('a call refused as locked does not reopen it', async () => {
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    t.clock.advance(16 * MIN);
    expect((await patientsList()).error?.code).toBe('SESSION_LOCKED');
    t.clock.advance(1);
    expect((await patientsList()).error?.code).toBe('SESSION_LOCKED');
  });
});

describe('repeated failed logins', () => {
  const attempt = (login: string, password = 'wrong-password') => t.raw('session.login', { login, password });

  it.each([
    ['a real login', TEST_ADMIN.login],
    ['a login that does not exist', 'nobody'],
  ])('lock %s for exactly 15 minutes after the fifth failure', async (_label, login) => {
    for (let i = 1; i <= 4; i++) expect((await attempt(login)).error?.code, `failure ${i}`).toBe('BAD_CREDENTIALS');
    expect((await attempt(login)).error?.code).toBe('BAD_CREDENTIALS'); // the fifth sets the lock
    t.clock.advance(15 * MIN - 1);
    const locked = await attempt(login, TEST_ADMIN.password);
    expect(locked.error).toMatchObject({ code: 'ACCOUNT_LOCKED', message: expect.stringMatching(/Try again in 1 minute/) });
    t.clock.advance(1);
    const after = await attempt(login, TEST_ADMIN.password);
    expect(after.error?.code ?? 'OK').toBe(login === TEST_ADMIN.login ? 'OK' : 'BAD_CREDENTIALS');
  });

  it('four failures do not lock, and a success starts the count again', async () => {
    for (let i = 0; i < 4; i++) await attempt(TEST_ADMIN.login);
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    for (let i = 0; i < 4; i++) await attempt(TEST_ADMIN.login);
    expect((await attempt(TEST_ADMIN.login, TEST_ADMIN.password)).ok).toBe(true);
  });
});

describe("the dispatcher checks every answer against the channel's contract", () => {
  it('refuses an answer of the wrong shape with a plain message, and logs it for the developers', async () => {
    const logged: string[] = [];
    const broken = { ...handlers, 'patients.list': async () => [{ id: 'not a number', mrn: 42 }] } as unknown as typeof handlers;
    const dispatch = createDispatcher(t.app, broken, (msg) => logged.push(msg));
    await dispatch('session.login', { login: TEST_ADMIN.login, password: TEST_ADMIN.password });
    const r = await dispatch('patients.list', {});
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'The answer did not match the contract; nothing is shown.' } });
    expect(logged).toEqual(['Output of patients.list does not match the contract']);
  });

  it('drops fields the contract does not name, so a stored secret never reaches the screen', async () => {
    const leaky = {
      ...handlers,
      'session.current': async (...args: Parameters<(typeof handlers)['session.current']>) => {
        const real = await handlers['session.current'](...args);
        return { ...real, passwordHash: 'scrypt$leaked' };
      },
    } as typeof handlers;
    const dispatch = createDispatcher(t.app, leaky, () => undefined);
    await dispatch('session.login', { login: TEST_ADMIN.login, password: TEST_ADMIN.password });
    const r = await dispatch('session.current', {});
    expect(r.ok).toBe(true);
    expect(JSON.stringify(r)).not.toContain('scrypt$leaked');
  });
});
