import { afterEach, describe, expect, it } from 'vitest';
import { NINE, startMarFixture, type MarFixture } from '../support/mar';

/**
 * A scheduled dose that uses up a PRN order's 24-hour amount of the ingredient puts a review due
 * today on the PRN order (issue 7 item 6), in the same transaction as the dose, as a PRN dose
 * given up to its cap does. The rule is domain/prnCapByScheduled.ts's; this is the service.
 */
let f: MarFixture;
afterEach(async () => f.t.cleanup());

const witness = { login: 'nurse2', password: 'password-nurse2' };
const prnLorazepam = (maxAmount24h: number) => ({
  amount: 1,
  frequency: 'prn' as const,
  prn: { indication: 'Anxiety or tremor', maxDoses24h: 6, minIntervalMinutes: 60, maxAmount24h },
});
const marAlerts = () => f.db().selectFrom('followups').selectAll().where('kind', '=', 'mar_alert').execute();

describe('a scheduled dose reaching a PRN amount cap', () => {
  it('alerts the prescriber on the PRN order when the scheduled dose brings lorazepam to the cap', async () => {
    f = await startMarFixture();
    const scheduled = await f.order(f.resident, 'Lorazepam', { amount: 2 });
    const asNeeded = await f.order(f.resident, 'Lorazepam', prnLorazepam(3));
    // 08:00: 1 mg PRN, 1 of 3 mg: no alert.
    expect((await f.t.call('administrations.record', { orderId: asNeeded, outcome: 'given', witness })).alert).toBeNull();
    f.t.travel(NINE);
    const auditBefore = await f.count('audit_log');
    // 09:00: the scheduled 2 mg makes 3 of 3 mg; the PRN order has no room left today.
    const r = await f.t.call('administrations.record', { orderId: scheduled, scheduledFor: NINE, outcome: 'given', witness });
    expect(r.alert).toMatchObject({ orderId: asNeeded, dueDate: '2026-12-01' });
    expect(r.alert?.reason).toBe(
      'A scheduled dose of the same medication brought this PRN order to its 24-hour maximum amount (3 mg of 3 mg in 24 hours across all its orders; next dose allowed from Wed 2 Dec 08:00): review the PRN plan today.',
    );
    const alerts = await marAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ order_id: asNeeded, due_date: '2026-12-01', status: 'scheduled' });
    // The dose and the review were written together, each with its audit entry.
    const audit = await f.db().selectFrom('audit_log').select(['action', 'entity_type']).where('id', '>', auditBefore).orderBy('id').execute();
    expect(audit.map((a) => a.entity_type)).toEqual(expect.arrayContaining(['administration', 'followup']));

    // It reaches the prescriber's worklist, due today.
    await f.as('prescriber');
    const worklist = await f.t.call('followups.worklist', { scope: 'mine' });
    expect(worklist.filter((w) => w.kind === 'mar_alert').map((w) => [w.orderId, w.band])).toEqual([[asNeeded, 'due_today']]);
  });

  it('does not alert when the scheduled dose leaves room for one more PRN dose', async () => {
    f = await startMarFixture();
    const scheduled = await f.order(f.resident, 'Lorazepam', { amount: 2 });
    const asNeeded = await f.order(f.resident, 'Lorazepam', prnLorazepam(4));
    await f.t.call('administrations.record', { orderId: asNeeded, outcome: 'given', witness });
    f.t.travel(NINE);
    // 1 + 2 = 3 of 4 mg: the 1 mg PRN still fits.
    expect((await f.t.call('administrations.record', { orderId: scheduled, scheduledFor: NINE, outcome: 'given', witness })).alert).toBeNull();
    expect(await marAlerts()).toHaveLength(0);
  });

  it('does not alert for a PRN order on hold: it cannot be given anyway', async () => {
    f = await startMarFixture();
    const scheduled = await f.order(f.resident, 'Lorazepam', { amount: 3 });
    const asNeeded = await f.order(f.resident, 'Lorazepam', prnLorazepam(3));
    await f.as('prescriber');
    await f.t.call('orders.hold', { orderId: asNeeded, reason: 'Sedated on the morning round' });
    await f.as('nurse');
    f.t.travel(NINE);
    expect((await f.t.call('administrations.record', { orderId: scheduled, scheduledFor: NINE, outcome: 'given', witness })).alert).toBeNull();
    expect(await marAlerts()).toHaveLength(0);
  });
});
