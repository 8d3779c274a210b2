import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { generateTaper } from '../../main/domain/taper';
import { passwordFor, type TestApp } from '../support/app';
import { medication, startPrescribingClinic, writeCount } from '../support/prescribing';

let t: TestApp;
let patientId: number;
const ZONE = 'America/New_York';
const T0 = '2026-03-02T14:00:00.000Z';

beforeEach(async () => {
  ({ t, patientId } = await startPrescribingClinic(T0, { mrn: 'T-100', familyName: 'Orderly' }, [{ substance: 'Benzodiazepines', reaction: 'agitation', severity: 'moderate' }]));
});
afterEach(async () => t.cleanup());

const med = (name: string) => medication(t, name);

const base = async (name = 'Buprenorphine') => {
  const m = await med(name);
  return {
    patientId,
    medicationId: m.id,
    indication: 'Opioid withdrawal',
    route: 'sublingual' as const,
    administeredBy: 'staff' as const,
    amount: 16,
    unit: m.unit,
    frequency: 'daily' as const,
    startAt: T0,
  };
};

/** Audit entries other than logins and logouts. */
const auditCount = () => writeCount(t);

async function reviews(orderId: number) {
  return t.app.serviceContext().db.selectFrom('followups').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
}

describe('starting orders', () => {
  it('starts an order with a generated taper, schedules its reviews, and shows the dose in effect', async () => {
    const steps = generateTaper({ startAmount: 16, startAt: '2026-03-05T14:00:00.000Z', zone: ZONE, mode: 'fixed', step: 4, everyDays: 3, strengths: [2, 8] });
    expect(steps.map((s) => s.amount)).toEqual([12, 8, 4, 0]);
    // The US clocks change on 2026-03-08: steps keep 09:00 local, so the UTC hour moves.
    expect(steps.map((s) => DateTime.fromISO(s.effectiveFrom, { zone: ZONE }).toFormat('HH:mm'))).toEqual(['09:00', '09:00', '09:00', '09:00']);
    const order = await t.call('orders.start', { ...(await base()), taperSteps: steps });
    expect(order.doseNow?.amount).toBe(16);
    expect(order.nextStep?.amount).toBe(12);
    expect(order.plannedSteps).toBe(4);
    expect(order.versions.map((v) => v.kind)).toEqual(['initial', 'taper_step', 'taper_step', 'taper_step', 'taper_step']);
    const r = await reviews(order.id);
    expect(r.filter((x) => x.kind === 'order_start').map((x) => x.due_date)).toEqual(['2026-03-05']);
    expect(r.filter((x) => x.kind === 'routine').map((x) => x.due_date)).toEqual(['2026-03-30']);
    expect(r.filter((x) => x.kind === 'taper_step').map((x) => x.due_date)).toEqual(['2026-03-05', '2026-03-08', '2026-03-11', '2026-03-14']);

    t.travel('2026-03-09T15:00:00.000Z');
    const later = await t.call('orders.get', { id: order.id });
    expect(later.doseNow?.amount).toBe(8);
  });

  it('refuses a nurse in the main process, not only in the UI', async () => {
    await t.loginAs('nurse', passwordFor('nurse'));
    const r = await t.raw('orders.start', await base());
    expect(r.error?.code).toBe('FORBIDDEN');
  });

  it.each([
    ['a negative dose', { amount: -2 }, /above zero/],
    ['an end before the start', { endAt: '2026-03-01T10:00:00.000Z' }, /end must be after the start/],
    ['an unknown unit', { unit: 'mcg' }, /dosed in mg/],
    ['a PRN without a maximum', { prn: { indication: 'anxiety', minIntervalMinutes: 240 } }, /maxDoses24h|maximum/],
    ['a taper that increases', { taperSteps: [{ effectiveFrom: '2026-03-05T14:00:00.000Z', amount: 24 }] }, /Taper step 1/],
    ['an unmakeable taper dose', { taperSteps: [{ effectiveFrom: '2026-03-05T14:00:00.000Z', amount: 15 }] }, /Taper step 1/],
  ])('refuses %s with a clear message and writes nothing', async (_label, patch, message) => {
    const before = await t.app.serviceContext().db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const r = await t.raw('orders.start', { ...(await base()), ...patch });
    expect(r.ok).toBe(false);
    expect(r.error?.message).toMatch(message);
    expect(await t.call('orders.listForPatient', { patientId })).toEqual([]);
    const after = await t.app.serviceContext().db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('schedules its reviews in the same transaction: if a review cannot be stored, no order, version or audit entry is kept', async () => {
    const db = t.app.serviceContext().db;
    const before = await auditCount();
    await sql`CREATE TEMP TRIGGER fail_review BEFORE INSERT ON main.followups BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`.execute(db);
    const r = await t.raw('orders.start', await base());
    await sql`DROP TRIGGER temp.fail_review`.execute(db);
    expect(r.ok).toBe(false);
    expect(await t.call('orders.listForPatient', { patientId })).toEqual([]);
    expect(await db.selectFrom('dose_versions').selectAll().execute()).toEqual([]);
    expect(await auditCount()).toBe(before);
  });

  it('records who ordered it, and says the frequency in words, never QD or QOD', async () => {
    const order = await t.call('orders.start', { ...(await base('Naltrexone')), route: 'oral', amount: 50, frequency: 'every_other_day', indication: 'Relapse prevention' });
    expect(order.prescriberName).toBe('Dr. Test Prescriber');
    expect(order.versions[0]).toMatchObject({ frequency: 'every_other_day', frequencyWords: 'every other day', authorName: 'Dr. Test Prescriber' });
    const daily = await t.call('orders.changeDose', { orderId: order.id, amount: 50, frequency: 'daily', effectiveFrom: '2026-03-04T14:00:00.000Z', reason: 'Simpler schedule' });
    expect(daily.versions.map((v) => v.frequencyWords)).toEqual(['every other day', 'once daily']);
    const words = daily.versions.map((v) => v.frequencyWords).join(' | ');
    expect(words).not.toMatch(/\bq\.?o?\.?d\.?\b/i);
    const audit = await t.call('audit.list', { entityType: 'order', entityId: String(order.id) });
    expect(audit.find((a) => a.action === 'orders.start')?.actorName).toBe('Dr. Test Prescriber');
  });

  it('warns of an allergy by class and requires an override reason, which is audited', async () => {
    const input = { ...(await base('Diazepam')), amount: 10, route: 'oral' as const, indication: 'Alcohol withdrawal' };
    const refused = await t.raw('orders.start', input);
    expect(refused.error?.code).toBe('SAFETY_WARNING');
    expect(refused.error?.message).toMatch(/Benzodiazepines/i);
    expect(await t.call('orders.listForPatient', { patientId })).toEqual([]);
    const order = await t.call('orders.start', { ...input, overrideReason: 'Reaction was paradoxical agitation only; monitored' });
    expect(order.safetyOverrideReason).toMatch(/paradoxical/);
    const audit = await t.call('audit.list', { entityType: 'order', entityId: String(order.id) });
    const override = audit.find((a) => a.action === 'orders.safety_override');
    expect(override?.reason).toMatch(/paradoxical/);
  });

  it('warns when a second sedating drug joins an active one', async () => {
    await t.call('orders.start', await base());
    const warnings = await t.call('orders.checkSafety', { patientId, medicationId: (await med('Gabapentin')).id });
    expect(warnings.map((w) => w.code)).toContain('sedating_combination');
    // The same ingredient in another product: the combination tablet holds buprenorphine too.
    const same = await t.call('orders.checkSafety', { patientId, medicationId: (await med('Buprenorphine/naloxone')).id });
    expect(same.map((w) => w.code)).toContain('duplicate_ingredient');
    const refused = await t.raw('orders.start', { ...(await base('Buprenorphine/naloxone')), amount: 8 });
    expect(refused.error?.code).toBe('SAFETY_WARNING');
    expect(refused.error?.message).toMatch(/Duplicate ingredient/);
  });
});

describe('changing orders', () => {
  it('keeps every dose version: a change adds a version linked to the one before', async () => {
    const order = await t.call('orders.start', await base());
    const changed = await t.call('orders.changeDose', { orderId: order.id, amount: 12, frequency: 'daily', effectiveFrom: '2026-03-03T14:00:00.000Z', reason: 'Sedation at 16 mg' });
    expect(changed.versions.map((v) => [v.kind, v.amount])).toEqual([['initial', 16], ['change', 12]]);
    expect(changed.versions[1].previousVersionId).toBe(changed.versions[0].id);
    expect(changed.doseNow?.amount).toBe(16);
    expect((await reviews(order.id)).some((r) => r.kind === 'dose_change' && r.due_date === '2026-03-10')).toBe(true);
    const noReason = await t.raw('orders.changeDose', { orderId: order.id, amount: 8, frequency: 'daily', effectiveFrom: '2026-03-03T14:00:00.000Z', reason: '' });
    expect(noReason.error?.code).toBe('VALIDATION');
    // The order page reads every version's audit entries in one call.
    const ids = changed.versions.map((v) => String(v.id));
    const trail = await t.call('audit.list', { entityType: 'dose_version', entityIds: ids, limit: 500 });
    expect(trail.map((a) => [a.action, a.entityId])).toEqual([
      ['orders.dose_change', ids[1]],
      ['orders.dose_initial', ids[0]],
    ]);
    expect(trail[0].reason).toBe('Sedation at 16 mg');
    const both = await t.raw('audit.list', { entityType: 'dose_version', entityId: ids[0], entityIds: ids });
    expect(both.error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/not both/) });
    const noType = await t.raw('audit.list', { entityIds: ids });
    expect(noType.error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/needs an entityType/) });
  });

  it('holds and resumes: taper steps shift by the length of the hold and a resume review is scheduled', async () => {
    const steps = [
      { effectiveFrom: '2026-03-04T14:00:00.000Z', amount: 12 },
      { effectiveFrom: '2026-03-06T14:00:00.000Z', amount: 8 },
    ];
    const order = await t.call('orders.start', { ...(await base()), taperSteps: steps });
    t.travel('2026-03-03T15:00:00.000Z');
    const held = await t.call('orders.hold', { orderId: order.id, reason: 'Oversedated' });
    expect(held.status).toBe('held');
    expect((await t.raw('orders.hold', { orderId: order.id, reason: 'again' })).error?.code).toBe('CONFLICT');
    t.travel('2026-03-05T15:00:00.000Z');
    const resumed = await t.call('orders.resume', { orderId: order.id, reason: 'Alert again' });
    expect(resumed.status).toBe('active');
    const live = resumed.versions.filter((v) => v.kind === 'taper_step' && !v.voidedAt).map((v) => v.effectiveFrom);
    expect(live).toEqual(['2026-03-06T14:00:00.000Z', '2026-03-08T13:00:00.000Z']);
    expect(resumed.versions.filter((v) => v.voidedAt).length).toBe(2);
    const r = await reviews(order.id);
    expect(r.find((x) => x.kind === 'resume')?.due_date).toBe('2026-03-08');
    expect(r.filter((x) => x.kind === 'taper_step' && x.status === 'scheduled').map((x) => x.due_date)).toEqual(['2026-03-06', '2026-03-08']);
  });

  it('stops a taper: the steps still to come are voided with the reason, their reviews cancelled, the dose stays', async () => {
    const steps = [
      { effectiveFrom: '2026-03-04T14:00:00.000Z', amount: 12 },
      { effectiveFrom: '2026-03-07T14:00:00.000Z', amount: 8 },
    ];
    const order = await t.call('orders.start', { ...(await base()), taperSteps: steps });
    t.travel('2026-03-05T15:00:00.000Z'); // after the first step, before the second
    const stopped = await t.call('orders.stopTaper', { orderId: order.id, reason: 'Cravings returned' });
    expect(stopped.status).toBe('active');
    expect(stopped.plannedSteps).toBe(0);
    expect(stopped.doseNow?.amount).toBe(12);
    const voided = stopped.versions.filter((v) => v.voidedAt);
    expect(voided.map((v) => v.amount)).toEqual([8]);
    expect(voided[0].voidReason).toMatch(/Cravings returned/);
    const stepReviews = (await reviews(order.id)).filter((r) => r.kind === 'taper_step');
    expect(stepReviews.map((r) => [r.due_date, r.status])).toEqual([
      ['2026-03-04', 'scheduled'],
      ['2026-03-07', 'cancelled'],
    ]);
    const audit = await t.call('audit.list', { entityType: 'order', entityId: String(order.id), action: 'orders.stop_taper' });
    expect(audit.map((a) => a.reason)).toEqual(['Cravings returned']);
    expect((await t.raw('orders.stopTaper', { orderId: order.id, reason: 'again' })).error?.code).toBe('CONFLICT');
  });

  it('discontinues with a reason, cancelling planned steps and open reviews', async () => {
    const order = await t.call('orders.start', { ...(await base()), taperSteps: [{ effectiveFrom: '2026-03-05T14:00:00.000Z', amount: 8 }] });
    const stopped = await t.call('orders.discontinue', { orderId: order.id, reason: 'Transferred to OTP' });
    expect(stopped.status).toBe('discontinued');
    expect(stopped.plannedSteps).toBe(0);
    const cancelled = await reviews(order.id);
    // start, routine and the one taper step's review: all there, all cancelled with the reason.
    expect(cancelled.map((r) => r.kind).sort()).toEqual(['order_start', 'routine', 'taper_step']);
    expect(cancelled.every((r) => r.status === 'cancelled' && r.cancelled_reason?.includes('Transferred'))).toBe(true);
    // Each cancellation is audited with its reason.
    const cancelAudit = await t.call('audit.list', { entityType: 'followup', entityIds: cancelled.map((r) => String(r.id)), action: 'followups.cancel' });
    expect(cancelAudit.map((a) => a.entityId).sort()).toEqual(cancelled.map((r) => String(r.id)).sort());
    for (const a of cancelAudit) expect(a.reason).toMatch(/Transferred to OTP/);
    expect((await t.raw('orders.resume', { orderId: order.id, reason: 'oops' })).error?.code).toBe('CONFLICT');
  });

  it('refuses a nurse every order change in the main process, and a change without a reason or with a bad dose; nothing changes', async () => {
    const order = await t.call('orders.start', await base());
    const before = await auditCount();
    await t.loginAs('nurse', passwordFor('nurse'));
    const asNurse = [
      ['orders.changeDose', { orderId: order.id, amount: 12, frequency: 'daily', effectiveFrom: '2026-03-03T14:00:00.000Z', reason: 'x' }],
      ['orders.setTaper', { orderId: order.id, steps: [{ effectiveFrom: '2026-03-05T14:00:00.000Z', amount: 8 }], reason: 'x' }],
      ['orders.hold', { orderId: order.id, reason: 'x' }],
      ['orders.discontinue', { orderId: order.id, reason: 'x' }],
    ] as const;
    for (const [channel, input] of asNurse) expect((await t.raw(channel, input)).error?.code, channel).toBe('FORBIDDEN');
    await t.loginAs('prescriber', passwordFor('prescriber'));
    expect((await t.raw('orders.hold', { orderId: order.id, reason: '' })).error?.code).toBe('VALIDATION');
    expect((await t.raw('orders.discontinue', { orderId: order.id, reason: '   ' })).error?.code).toBe('VALIDATION');
    const negative = await t.raw('orders.changeDose', { orderId: order.id, amount: -4, frequency: 'daily', effectiveFrom: '2026-03-03T14:00:00.000Z', reason: 'Lower' });
    expect(negative.error?.message).toMatch(/above zero/);
    const rising = await t.raw('orders.setTaper', { orderId: order.id, steps: [{ effectiveFrom: '2026-03-05T14:00:00.000Z', amount: 24 }], reason: 'Plan' });
    expect(rising.error?.message).toMatch(/Taper step 1/);
    const after = await t.call('orders.get', { id: order.id });
    expect(after.status).toBe('active');
    expect(after.versions.map((v) => [v.kind, v.amount])).toEqual([['initial', 16]]);
    expect(await auditCount()).toBe(before);
  });

  it('reads an order past its end date as completed', async () => {
    const order = await t.call('orders.start', { ...(await base('Thiamine')), route: 'oral', amount: 100, endAt: '2026-03-04T14:00:00.000Z', indication: 'Prophylaxis' });
    expect(order.status).toBe('active');
    t.travel('2026-03-05T00:00:00.000Z');
    expect((await t.call('orders.get', { id: order.id })).status).toBe('completed');
  });

  it("lists the prescriber's patients with counts, next step and next review", async () => {
    await t.call('orders.start', { ...(await base()), taperSteps: [{ effectiveFrom: '2026-03-05T14:00:00.000Z', amount: 8 }] });
    const { rows, total } = await t.call('orders.prescriberPatients', { onlyMine: true });
    expect(total).toBe(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ activeOrders: 1, nextReviewDue: '2026-03-05', nextTaperStep: { amount: 8 } });
    expect(rows[0].flags).toEqual(expect.arrayContaining(['allergies', 'controlled substance', 'withdrawal management']));
  });
});
