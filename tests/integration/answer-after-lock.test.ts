import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/ipc/dispatch';
import { AppError } from '../../main/services/errors';
import { handlers } from '../../main/ipc/handlers';
import type { HandlerMap } from '../../main/ipc/handlers/types';
import { passwordFor, seedStaff, startTestApp, type TestApp } from '../support/app';

/**
 * Issue 10, defect 7: a call already running when the session locked still returned patient
 * data 200-300 ms after the lock succeeded. The dispatcher checks the session again before any
 * answer (or error) leaves main. A gate holds one handler open so the lock lands mid-call.
 */
let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  await seedStaff(t);
  await t.loginAs('nurse', passwordFor('nurse'));
  await t.call('patients.create', { patient: { mrn: 'L-1', familyName: 'Lockwood', givenName: 'Secret', dateOfBirth: '1980-01-01', admissionDate: '2026-11-01', residence: 'home' }, allergies: [] });
});
afterEach(async () => t.cleanup());

function gated(channel: 'patients.list' | 'patients.get', fail = false) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const slow = {
    ...handlers,
    [channel]: async (input: never, hc: never) => {
      await gate;
      if (fail) throw new AppError('CONFLICT', 'Lockwood, Secret changed meanwhile (simulated).');
      return (handlers[channel] as (i: never, h: never) => Promise<unknown>)(input, hc);
    },
  } as HandlerMap;
  return { dispatch: createDispatcher(t.app, slow, () => undefined), open: () => open() };
}

describe('a call running when the session locks', () => {
  it('returns no patient data once the lock has succeeded', async () => {
    const { dispatch, open } = gated('patients.list');
    const pending = dispatch('patients.list', {});
    const lock = await dispatch('session.lock', {});
    expect(lock).toMatchObject({ ok: true, value: { locked: true } });
    open();
    const r = await pending;
    expect(r).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(JSON.stringify(r)).not.toMatch(/Lockwood|L-1/);
  });

  it('returns no error text either (errors can name a patient), and nothing after a logout', async () => {
    const failing = gated('patients.list', true);
    const pending = failing.dispatch('patients.list', {});
    await failing.dispatch('session.lock', {});
    failing.open();
    expect(JSON.stringify(await pending)).not.toMatch(/Lockwood/);

    await t.loginAs('nurse', passwordFor('nurse'));
    const again = gated('patients.list');
    const second = again.dispatch('patients.list', {});
    await again.dispatch('session.logout', {});
    again.open();
    expect(await second).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('still answers a call that finishes while the session stays open', async () => {
    const { dispatch, open } = gated('patients.list');
    const pending = dispatch('patients.list', {});
    open();
    expect(JSON.stringify(await pending)).toMatch(/Lockwood/);
  });
});
