import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordFor, seedStaff, startTestApp, type TestApp } from '../support/app';

/**
 * The prescribing rules a planted mistake once slipped past (issue 12, item 7), each held at
 * its edge through the service, so moving the edge or dropping the check fails here:
 * back-dating, the discharge day, a dose change under a planned taper, and which orders the
 * short medication list keeps.
 */
let t: TestApp;
const T0 = '2026-03-02T14:00:00.000Z'; // 09:00 in New York (EST, UTC-5)
const minutes = (iso: string, n: number) => new Date(Date.parse(iso) + n * 60_000).toISOString();

beforeEach(async () => {
  t = await startTestApp();
  t.clock.set(new Date(T0));
  await seedStaff(t);
});
afterEach(async () => t.cleanup());

async function patient(dischargeDate: string | null = null) {
  await t.loginAs('nurse', passwordFor('nurse'));
  const p = await t.call('patients.create', {
    patient: {
      mrn: `R-${Math.random().toString(36).slice(2, 8)}`,
      familyName: 'Rulewell',
      givenName: 'Testpat',
      dateOfBirth: '1980-01-01',
      admissionDate: '2026-02-20',
      dischargeDate,
      residence: 'home',
    },
    allergies: [],
  });
  await t.loginAs('prescriber', passwordFor('prescriber'));
  return p.id;
}

async function orderInput(patientId: number, startAt = T0) {
  const med = (await t.call('formulary.list', { query: 'Buprenorphine' })).find((m) => m.name === 'Buprenorphine')!;
  return {
    patientId,
    medicationId: med.id,
    indication: 'Opioid withdrawal',
    route: 'sublingual' as const,
    administeredBy: 'staff' as const,
    amount: 16,
    unit: med.unit,
    frequency: 'daily' as const,
    startAt,
  };
}

const writes = async () =>
  Number(
    (
      await t.app
        .serviceContext()
        .db.selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('action', 'not like', 'session.%')
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('a dose change cannot be back-dated', () => {
  // The form may have been open a while: ten minutes back is accepted, more is not, because it
  // would rewrite which dose was in effect when nurses gave it.
  it('accepts ten minutes back, refuses eleven with a clear reason and writes nothing', async () => {
    const order = await t.call('orders.start', await orderInput(await patient()));
    t.travel('2026-03-03T14:00:00.000Z');
    const before = await writes();
    const late = await t.raw('orders.changeDose', {
      orderId: order.id,
      amount: 12,
      frequency: 'daily',
      effectiveFrom: minutes('2026-03-03T14:00:00.000Z', -11),
      reason: 'Sedated',
    });
    expect(late.error).toMatchObject({ code: 'VALIDATION', message: 'A dose change cannot take effect in the past.' });
    const yesterday = await t.raw('orders.changeDose', {
      orderId: order.id,
      amount: 12,
      frequency: 'daily',
      effectiveFrom: '2026-03-02T14:00:00.000Z',
      reason: 'Sedated',
    });
    expect(yesterday.error?.code).toBe('VALIDATION');
    expect(await writes()).toBe(before);
    const ok = await t.call('orders.changeDose', {
      orderId: order.id,
      amount: 12,
      frequency: 'daily',
      effectiveFrom: minutes('2026-03-03T14:00:00.000Z', -10),
      reason: 'Sedated',
    });
    expect(ok.doseNow?.amount).toBe(12);
  });

  it('holds an order start to the same ten minutes', async () => {
    const id = await patient();
    t.travel(T0);
    expect((await t.raw('orders.start', await orderInput(id, minutes(T0, -11)))).error?.message).toBe('An order cannot start in the past.');
    expect((await t.call('orders.start', await orderInput(id, minutes(T0, -10)))).status).toBe('active');
  });
});

describe('the discharge date is a whole day in the clinic zone', () => {
  it('allows ordering through the last minute of the discharge day in New York, and refuses from the next midnight', async () => {
    const id = await patient('2026-03-02');
    t.travel('2026-03-03T04:59:00.000Z'); // 23:59 on 2 March in New York, already 3 March in UTC
    expect((await t.call('orders.start', await orderInput(id, '2026-03-03T04:59:00.000Z'))).status).toBe('active');
    t.travel('2026-03-03T05:00:00.000Z'); // midnight, 3 March in New York
    const before = await writes();
    const refused = await t.raw('orders.start', await orderInput(id, '2026-03-03T05:00:00.000Z'));
    expect(refused.error).toMatchObject({ code: 'CONFLICT', message: 'This patient has been discharged; re-admit them before ordering.' });
    expect(await writes()).toBe(before);
  });
});

describe('a dose change while taper steps are planned', () => {
  const steps = [
    { effectiveFrom: '2026-03-05T14:00:00.000Z', amount: 12 },
    { effectiveFrom: '2026-03-08T13:00:00.000Z', amount: 8 },
  ];

  it('is refused, so no step silently overrides it; once the taper is stopped it goes through', async () => {
    const order = await t.call('orders.start', { ...(await orderInput(await patient())), taperSteps: steps });
    const before = await writes();
    const refused = await t.raw('orders.changeDose', {
      orderId: order.id,
      amount: 14,
      frequency: 'daily',
      effectiveFrom: '2026-03-03T14:00:00.000Z',
      reason: 'Cravings',
    });
    expect(refused.error?.code).toBe('CONFLICT');
    expect(refused.error?.message).toMatch(/2 planned taper step\(s\).*Stop the taper or replace the plan first/);
    expect(await writes()).toBe(before);
    expect((await t.call('orders.get', { id: order.id })).versions.filter((v) => v.kind === 'change')).toEqual([]);

    await t.call('orders.stopTaper', { orderId: order.id, reason: 'Cravings returned' });
    const changed = await t.call('orders.changeDose', {
      orderId: order.id,
      amount: 14,
      frequency: 'daily',
      effectiveFrom: '2026-03-03T14:00:00.000Z',
      reason: 'Cravings',
    });
    expect(changed.nextStep?.amount).toBe(14);
  });

  it('is allowed after the last planned step', async () => {
    const order = await t.call('orders.start', { ...(await orderInput(await patient())), taperSteps: steps });
    const after = await t.call('orders.changeDose', {
      orderId: order.id,
      amount: 4,
      frequency: 'daily',
      effectiveFrom: '2026-03-10T13:00:00.000Z',
      reason: 'Continue down',
    });
    expect(after.versions.filter((v) => !v.voidedAt).map((v) => v.amount)).toEqual([16, 12, 8, 4]);
  });
});

describe("a patient's medication list", () => {
  it('keeps active and held orders in the short list; stopped and ended ones only in the full list', async () => {
    const id = await patient();
    // Several orders of one drug: the duplicate warning is answered once for all.
    const base = { ...(await orderInput(id)), overrideReason: 'Test of the list' };
    const stopped = await t.call('orders.start', base);
    await t.call('orders.discontinue', { orderId: stopped.id, reason: 'Transferred' });
    const held = await t.call('orders.start', { ...base, indication: 'Held one' });
    await t.call('orders.hold', { orderId: held.id, reason: 'Sedated' });
    const ending = await t.call('orders.start', { ...base, indication: 'Ends', endAt: '2026-03-04T14:00:00.000Z' });
    const running = await t.call('orders.start', { ...base, indication: 'Runs' });
    t.travel('2026-03-04T14:00:00.000Z'); // the ending order's last instant has passed
    const short = await t.call('orders.listForPatient', { patientId: id, includeInactive: false });
    expect(short.map((o) => [o.id, o.status]).sort()).toEqual(
      [
        [held.id, 'held'],
        [running.id, 'active'],
      ].sort(),
    );
    const full = await t.call('orders.listForPatient', { patientId: id, includeInactive: true });
    expect(new Map(full.map((o) => [o.id, o.status]))).toEqual(
      new Map([
        [stopped.id, 'discontinued'],
        [held.id, 'held'],
        [ending.id, 'completed'],
        [running.id, 'active'],
      ]),
    );
  });
});
