import { afterEach, describe, expect, it } from 'vitest';
import { itemsFor, startMarFixture, type MarFixture } from '../support/mar';

/**
 * PRN doses (issue 7 item 3): both 24-hour caps (doses on the order, amount across every order
 * of the ingredient), the minimum interval, the symptom trigger, entered-in-error doses not
 * counting, a dose given up to the cap or refused at it alerting the prescriber, and the score
 * a symptom-triggered dose answers.
 */
let f: MarFixture;
afterEach(async () => f.t.cleanup());

const witness = { login: 'nurse2', password: 'password-nurse2' };
const prn = (maxDoses24h: number, minIntervalMinutes: number, maxAmount24h: number | null = null) => ({
  frequency: 'prn' as const,
  prn: { indication: 'Anxiety or tremor', maxDoses24h, minIntervalMinutes, maxAmount24h },
});

async function refusal(input: unknown) {
  const r = await f.t.raw('administrations.record', input);
  expect(r.ok, 'should have been refused').toBe(false);
  return r.error!;
}

describe('PRN limits', () => {
  it('refuses a PRN order whose 24-hour maximum is less than one dose', async () => {
    f = await startMarFixture();
    await expect(f.order(f.resident, 'Lorazepam', { amount: 2, ...prn(4, 60, 1) })).rejects.toThrow(/maximum per 24 hours \(1 mg\) is less than one dose \(2 mg\)/);
    expect(await f.order(f.resident, 'Lorazepam', { amount: 1, ...prn(4, 60, 1) })).toBeGreaterThan(0);
  });

  it('caps the amount across a scheduled and a PRN order of one ingredient, saying the total and the next allowed time', async () => {
    f = await startMarFixture();
    // Scheduled lorazepam 2 mg at 09:00, PRN lorazepam 1 mg with at most 3 mg a day of lorazepam.
    const scheduled = await f.order(f.resident, 'Lorazepam', { amount: 2 });
    const asNeeded = await f.order(f.resident, 'Lorazepam', { amount: 1, ...prn(6, 60, 3) });
    f.t.travel('2026-12-01T14:00:00.000Z');
    await f.t.call('administrations.record', { orderId: scheduled, scheduledFor: '2026-12-01T14:00:00.000Z', outcome: 'given', witness });
    f.t.travel('2026-12-01T15:00:00.000Z');
    // 2 mg scheduled + 1 mg PRN = 3 mg: this dose reaches the cap, and the prescriber hears of it now.
    const reached = await f.t.call('administrations.record', { orderId: asNeeded, outcome: 'given', witness });
    expect(reached.alert?.reason).toBe(
      'A PRN dose given brought this order to its 24-hour limit (3 mg of 3 mg in 24 hours across all its orders; next dose allowed from Wed 2 Dec 09:00): review the PRN plan today.',
    );
    f.t.travel('2026-12-01T17:00:00.000Z');
    const before = await f.count('administrations');
    const e = await refusal({ orderId: asNeeded, outcome: 'given', witness });
    // One more would make 4. The 09:00 dose leaves the window 24 h later.
    expect(e.message).toMatch(/3 mg of this medication has been given .* across all its orders, and 1 mg more would make 4 mg \(maximum 3 mg\)/);
    expect(e.message).toMatch(/Next 1 mg dose allowed from Wed 2 Dec 09:00/);
    // One review open per order: the refusal adds none.
    expect(e.message).toMatch(/The prescriber already has a review open for this order/);
    expect(await f.count('administrations')).toBe(before);
    const alert = await f.db().selectFrom('followups').selectAll().where('kind', '=', 'mar_alert').execute();
    expect(alert).toHaveLength(1);
    expect(alert[0]).toMatchObject({ order_id: asNeeded, due_date: '2026-12-01', status: 'scheduled' });

    // Today's doses says the same: not allowed now, from when.
    const today = await f.t.call('doses.today', { patientId: f.resident });
    const row = today.patients[0].prn.find((p) => p.orderId === asNeeded)!;
    expect(row).toMatchObject({ allowedNow: false, amountLast24h: 3, dosesLast24h: 1, nextAllowedAt: '2026-12-02T14:00:00.000Z' });
  });

  it('keeps the minimum interval and the maximum doses; a dose exactly at the interval is allowed', async () => {
    f = await startMarFixture();
    const orderId = await f.order(f.resident, 'Hydroxyzine', { amount: 25, ...prn(2, 240) });
    f.t.travel('2026-12-01T13:00:00.000Z');
    await f.t.call('administrations.record', { orderId, outcome: 'given' });
    f.t.travel('2026-12-01T16:59:00.000Z');
    const e = await refusal({ orderId, outcome: 'given' });
    expect(e.message).toMatch(/Too soon: the last PRN dose was given Tue 1 Dec 08:00, 239 minutes before; this order needs at least 240 minutes between doses\. Next dose allowed from Tue 1 Dec 12:00/);
    f.t.travel('2026-12-01T17:00:00.000Z');
    await f.t.call('administrations.record', { orderId, outcome: 'given' });
    f.t.travel('2026-12-01T21:00:00.000Z');
    expect((await refusal({ orderId, outcome: 'given' })).message).toMatch(/allows 2 PRN doses in 24 hours, and 2 have been given/);
  });

  it('does not count a PRN dose marked entered-in-error', async () => {
    f = await startMarFixture();
    const orderId = await f.order(f.resident, 'Hydroxyzine', { amount: 25, ...prn(1, 60) });
    f.t.travel('2026-12-01T13:00:00.000Z');
    const { administration } = await f.t.call('administrations.record', { orderId, outcome: 'given' });
    f.t.travel('2026-12-01T15:00:00.000Z');
    expect((await refusal({ orderId, outcome: 'given' })).message).toMatch(/allows 1 PRN dose in 24 hours/);
    await f.t.call('administrations.markEnteredInError', { id: administration.id, reason: 'Charted on the wrong patient' });
    expect((await f.t.call('administrations.record', { orderId, outcome: 'given' })).administration.outcome).toBe('given');
  });

  it('needs a qualifying withdrawal score in the window before a symptom-triggered PRN, and links the dose to it', async () => {
    f = await startMarFixture();
    const orderId = await f.order(f.resident, 'Clonidine', { amount: 0.1, ...prn(4, 60), symptomTrigger: 'COWS >= 5' });
    f.t.travel('2026-12-01T13:00:00.000Z');
    expect((await refusal({ orderId, outcome: 'given' })).message).toMatch(/needs a COWS score of 5 or more first: no COWS score has been recorded in the 60 minutes before/);
    // A COWS of 4 does not qualify; one of 5 recorded 30 minutes before the dose does.
    await f.t.call('scores.record', { patientId: f.resident, scale: 'COWS', items: itemsFor('COWS', 4) });
    expect((await refusal({ orderId, outcome: 'given' })).message).toMatch(/the latest COWS in the 60 minutes before is 4/);
    const { score } = await f.t.call('scores.record', { patientId: f.resident, scale: 'COWS', items: itemsFor('COWS', 5), scoredAt: '2026-12-01T12:30:00.000Z' });
    expect(score).toMatchObject({ total: 5, band: 'mild' });
    const { administration } = await f.t.call('administrations.record', { orderId, outcome: 'given' });
    expect(administration.scoreId).toBe(score.id);
    // 61 minutes after the score it no longer qualifies.
    f.t.travel(new Date(Date.parse(administration.administeredAt) + 61 * 60_000).toISOString());
    expect((await refusal({ orderId, outcome: 'given' })).message).toMatch(/needs a COWS score of 5 or more first/);
  });

  it('gives the prescriber a review due today when a PRN dose given reaches the dose cap, not one dose before', async () => {
    f = await startMarFixture();
    const orderId = await f.order(f.resident, 'Hydroxyzine', { amount: 25, ...prn(2, 60) });
    f.t.travel('2026-12-01T13:00:00.000Z');
    const marAlerts = () => f.db().selectFrom('followups').select('id').where('kind', '=', 'mar_alert').execute();
    expect((await f.t.call('administrations.record', { orderId, outcome: 'given' })).alert).toBeNull();
    expect(await marAlerts()).toHaveLength(0);
    f.t.travel('2026-12-01T16:00:00.000Z');
    const second = await f.t.call('administrations.record', { orderId, outcome: 'given' });
    expect(second.alert).toMatchObject({ orderId, dueDate: '2026-12-01' });
    expect(second.alert?.reason).toMatch(/\(2 of 2 doses in 24 hours; next dose allowed from Wed 2 Dec 08:00\)/);
    expect(await marAlerts()).toHaveLength(1);
    // It reaches the prescriber: on their worklist, due today, as a MAR alert on this order.
    await f.as('prescriber');
    const worklist = await f.t.call('followups.worklist', { scope: 'mine' });
    expect(worklist.filter((r) => r.kind === 'mar_alert').map((r) => [r.orderId, r.dueDate, r.band])).toEqual([[orderId, '2026-12-01', 'due_today']]);
  });

  it('links the dose to the score the nurse chose, and refuses one that is not the patient\u2019s or does not qualify', async () => {
    f = await startMarFixture();
    const orderId = await f.order(f.resident, 'Clonidine', { amount: 0.1, ...prn(4, 60), symptomTrigger: 'COWS >= 5' });
    f.t.travel('2026-12-01T13:00:00.000Z');
    const older = (await f.t.call('scores.record', { patientId: f.resident, scale: 'COWS', items: itemsFor('COWS', 6), scoredAt: '2026-12-01T12:20:00.000Z' })).score;
    const low = (await f.t.call('scores.record', { patientId: f.resident, scale: 'COWS', items: itemsFor('COWS', 3), scoredAt: '2026-12-01T12:40:00.000Z' })).score;
    const other = (await f.t.call('scores.record', { patientId: f.home, scale: 'COWS', items: itemsFor('COWS', 9), scoredAt: '2026-12-01T12:50:00.000Z' })).score;
    const before = await f.count('administrations');
    expect((await refusal({ orderId, outcome: 'given', scoreId: other.id })).message).toBe('That score is not one of this patient\u2019s.');
    expect((await refusal({ orderId, outcome: 'given', scoreId: low.id })).message).toBe('This PRN needs a COWS of 5 or more; the COWS of 3 (Tue 1 Dec 07:40) is below it.');
    expect(await f.count('administrations')).toBe(before);
    const { administration } = await f.t.call('administrations.record', { orderId, outcome: 'given', scoreId: older.id });
    expect(administration.scoreId).toBe(older.id);
  });
});
