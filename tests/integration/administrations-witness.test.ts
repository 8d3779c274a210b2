import { afterEach, describe, expect, it } from 'vitest';
import { NINE, startMarFixture, type MarFixture } from '../support/mar';

/**
 * Controlled drugs (issue 7 item 4): a second active nurse or prescriber confirms with their own
 * password, checked like a login (throttled, failures audited, no session switch).
 */
let f: MarFixture;
afterEach(async () => f.t.cleanup());

async function setup() {
  f = await startMarFixture();
  const orderId = await f.order(f.resident, 'Lorazepam', { amount: 1 });
  f.t.travel(NINE);
  return orderId;
}

const give = (orderId: number, witness: { login: string; password: string } | null) =>
  f.t.raw('administrations.record', { orderId, scheduledFor: NINE, outcome: 'given', witness });

describe('witnessing a controlled dose', () => {
  it('records both names when a colleague confirms with their password, and leaves the session alone', async () => {
    const orderId = await setup();
    const r = await give(orderId, { login: 'prescriber', password: 'password-prescriber' });
    expect(r.ok).toBe(true);
    const { administration } = r.value as { administration: { nurse: { name: string }; witness: { name: string; initials: string } } };
    expect(administration.nurse.name).toBe('Test Nurse');
    expect(administration.witness).toMatchObject({ name: 'Dr. Test Prescriber', initials: 'TP' });
    expect((await f.t.call('session.current', {})).user?.login).toBe('nurse');
  });

  it('refuses a dose with no witness, a wrong password, the giver as witness, and a director as witness; nothing recorded', async () => {
    const orderId = await setup();
    expect((await give(orderId, null)).error?.message).toMatch(/controlled drug \(schedule IV\): a second nurse or a prescriber must witness/);
    const wrong = await give(orderId, { login: 'nurse2', password: 'not-the-password' });
    expect(wrong.error).toMatchObject({ code: 'BAD_CREDENTIALS' });
    expect(wrong.error?.message).toMatch(/witness's login and password do not match/);
    expect((await give(orderId, { login: 'nurse', password: 'password-nurse' })).error?.message).toMatch(/someone other than the nurse giving the dose/);
    expect((await give(orderId, { login: 'director', password: 'password-director' })).error?.message).toMatch(/must be a nurse or a prescriber/);
    expect((await give(orderId, { login: 'nobody', password: 'whatever-password' })).error?.code).toBe('BAD_CREDENTIALS');
    expect(await f.count('administrations')).toBe(0);
    const failed = await f.db().selectFrom('audit_log').select(['action', 'actor_id', 'entity_id']).where('action', 'like', 'administrations.witness%').execute();
    expect(failed).toEqual([{ action: 'administrations.witness_failed', actor_id: f.staff.nurse, entity_id: String(f.staff.nurse2) }]);
  });

  it('locks the witness account after the login failure limit, like a login', async () => {
    const orderId = await setup();
    await f.as('admin');
    await f.t.call('settings.update', { values: { 'login.maxFailures': 3 } });
    await f.as('nurse');
    for (let i = 0; i < 3; i++) expect((await give(orderId, { login: 'nurse2', password: 'wrong-password-x' })).error?.code).toBe('BAD_CREDENTIALS');
    // Locked now: even the right password is refused, and nurse2 cannot log in either.
    expect((await give(orderId, { login: 'nurse2', password: 'password-nurse2' })).error?.code).toBe('ACCOUNT_LOCKED');
    expect((await f.t.raw('session.login', { login: 'nurse2', password: 'password-nurse2' })).error?.code).toBe('ACCOUNT_LOCKED');
    const actions = (await f.db().selectFrom('audit_log').select('action').where('action', 'like', 'administrations.witness%').execute()).map((a) => a.action);
    expect(actions).toEqual(['administrations.witness_failed', 'administrations.witness_failed', 'administrations.witness_locked']);
  });
});
