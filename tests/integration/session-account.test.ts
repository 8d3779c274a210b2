import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/ipc/dispatch';
import { handlers } from '../../main/ipc/handlers';
import type { HandlerMap } from '../../main/ipc/handlers/types';
import { inTransaction } from '../../main/services/context';
import { setUserActive } from '../../main/services/users';
import { passwordFor, seedStaff, startTestApp, TEST_ADMIN, type TestApp } from '../support/app';

/**
 * Issue 8 items 14 and 15: the session re-reads its account on every call, and an internal
 * error says "nothing was saved" only when nothing was.
 */
let t: TestApp;
let ids: Awaited<ReturnType<typeof seedStaff>>;
beforeEach(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-03-02T14:00:00.000Z'));
  ids = await seedStaff(t);
});
afterEach(async () => t.cleanup());

const admin = async () => {
  const row = await t.app
    .serviceContext()
    .db.selectFrom('users')
    .selectAll()
    .where('login', '=', TEST_ADMIN.login)
    .executeTakeFirstOrThrow();
  return { id: row.id, role: row.role, displayName: row.display_name };
};

describe('accounts changed by an administrator', () => {
  it('a deactivated account cannot log in', async () => {
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    await t.call('users.setActive', { id: ids.nurse, active: false, reason: 'Left the program' });
    const r = await t.raw('session.login', { login: 'nurse', password: passwordFor('nurse') });
    expect(r.error?.code).toBe('BAD_CREDENTIALS');
    expect(r.error?.message).toMatch(/active account/);
  });

  it('deactivation ends the session on its next call', async () => {
    await t.loginAs('nurse', passwordFor('nurse'));
    expect((await t.raw('patients.list', {})).ok).toBe(true);
    await setUserActive(t.app.serviceContext(), await admin(), ids.nurse, false, 'Left the program');
    const r = await t.raw('patients.list', {});
    expect(r.error?.code).toBe('UNAUTHENTICATED');
    expect(r.error?.message).toMatch(/no longer active/);
    expect(t.app.session.current).toBeNull();
  });

  it('a role change applies on the next call, without a new login', async () => {
    await t.loginAs('prescriber', passwordFor('prescriber'));
    expect((await t.raw('orders.prescriberPatients', {})).ok).toBe(true);
    // No screen changes roles yet; an administrator's change is what the row then says.
    await sql`UPDATE users SET role = 'nurse' WHERE id = ${ids.prescriber}`.execute(t.app.serviceContext().db);
    const r = await t.raw('orders.prescriberPatients', {});
    expect(r.error?.code).toBe('FORBIDDEN');
    expect(r.error?.message).toMatch(/nurse/);
  });
});

describe('what an internal error says was saved', () => {
  /** A handler that writes (or not) and then fails the way a bug would. */
  const failing = (commitFirst: boolean): HandlerMap =>
    ({
      ...handlers,
      'patients.list': async (_input, hc) => {
        const ctx = hc.ctx;
        if (commitFirst) {
          await inTransaction(ctx, (trx) =>
            trx.updateTable('users').set({ updated_at: '2026-03-02T14:00:01.000Z' }).where('id', '=', ids.nurse).execute(),
          );
          throw new Error('the read after the commit failed');
        }
        await inTransaction(ctx, async (trx) => {
          await trx.updateTable('users').set({ updated_at: '2026-03-02T14:00:01.000Z' }).where('id', '=', ids.nurse).execute();
          throw new Error('failed inside the transaction');
        });
        return [];
      },
    }) as HandlerMap;

  it('says "nothing was saved" when the transaction rolled back', async () => {
    await t.loginAs('nurse', passwordFor('nurse'));
    const r = await createDispatcher(t.app, failing(false), () => undefined)('patients.list', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/nothing was saved/i);
  });

  it('says the change may have been saved, and to check, when the failure came after the commit', async () => {
    await t.loginAs('nurse', passwordFor('nurse'));
    const r = await createDispatcher(t.app, failing(true), () => undefined)('patients.list', {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).not.toMatch(/nothing was saved/i);
      expect(r.error.message).toMatch(/may have been saved: open the record and check before trying again/);
    }
  });
});
