import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateFewerDosesTaper } from '../../main/domain/taperFewerDoses';
import { passwordFor, TEST_ADMIN, type TestApp } from '../support/app';
import { medication, startPrescribingClinic, writeCount } from '../support/prescribing';

/**
 * Issue 8 item 4 through the contract and services: taper steps with their own frequency, and a
 * benzodiazepine plan faster than the clinic's limit (25 % of the daily dose every 14 days by
 * default) confirmed with an audited override reason.
 */
let t: TestApp;
let patientId: number;
const ZONE = 'America/New_York';
const T0 = '2026-03-02T14:00:00.000Z';

beforeEach(async () => {
  ({ t, patientId } = await startPrescribingClinic(T0, { mrn: 'TS-1', familyName: 'Stepdown', givenName: 'Testa', dateOfBirth: '1972-02-02', residence: 'facility' }));
});
afterEach(async () => t.cleanup());

type Raw = { ok: boolean; error?: { code: string; message: string; fields?: { path: string }[]; warnings?: { code: string; message: string }[] } };
const raw = async (channel: string, input: unknown) => (await t.raw(channel, input)) as Raw;
const db = () => t.app.serviceContext().db;
const writes = () => writeCount(t);

async function chlordiazepoxide(patch: Record<string, unknown> = {}) {
  const m = await medication(t, 'Chlordiazepoxide');
  return { patientId, medicationId: m.id, indication: 'Alcohol withdrawal', route: 'oral' as const, administeredBy: 'staff' as const, amount: 25, unit: 'mg', frequency: 'qid' as const, startAt: T0, ...patch };
}

// Four times daily, then three times, twice, at bedtime, every 3 days from 5 March (09:00 clinic time).
const fewerDoses = () => generateFewerDosesTaper({ startAmount: 25, startFrequency: 'qid', startAt: '2026-03-05T14:00:00.000Z', zone: ZONE, everyDays: 3, thenStop: false });

describe('a taper that changes frequency', () => {
  it('asks for confirmation of a too-fast benzodiazepine plan, saves nothing until given, then keeps each step frequency and audits the reason', async () => {
    const before = await writes();
    const asked = await raw('orders.start', { ...(await chlordiazepoxide()), taperSteps: fewerDoses() });
    expect(asked.error?.code).toBe('SAFETY_WARNING');
    // 100 -> 75 (25 %, allowed); 50 three days later is 50 % below the 100 of 14 days before; 25 is 75 % below.
    expect(asked.error?.warnings?.map((w) => w.code)).toEqual(['taper_too_fast', 'taper_too_fast']);
    expect(asked.error?.warnings?.[0].message).toMatch(/^Step 2 \(8 Mar 2026, 09:00 EDT\) lowers the daily total to 50 mg, 50 % below the 100 mg a day of 14 days before\. The clinic allows at most 25 % every 14 days/);
    expect(await writes()).toBe(before);
    const weak = await raw('orders.start', { ...(await chlordiazepoxide()), taperSteps: fewerDoses(), overrideReason: 'fast fast fast' });
    expect(weak.error?.fields?.[0].path).toBe('overrideReason');

    const reason = 'Three-day alcohol-withdrawal schedule, CIWA-Ar guided';
    const order = await t.call('orders.start', { ...(await chlordiazepoxide()), taperSteps: fewerDoses(), overrideReason: reason });
    expect(order.versions.map((v) => `${v.amount} ${v.unit} ${v.frequencyWords}`)).toEqual(['25 mg four times daily', '25 mg three times daily', '25 mg twice daily', '25 mg at bedtime']);
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'orders.dose_override').where('entity_id', '=', String(order.id)).execute();
    expect(audit.map((a) => a.reason)).toEqual([reason]);
    expect(JSON.parse(audit[0].after_json ?? '{}').warnings.map((w: { code: string }) => w.code)).toEqual(['taper_too_fast', 'taper_too_fast']);

    // Today's doses follows the step: three doses on 6 March, two on 9 March.
    await t.loginAs('nurse', passwordFor('nurse'));
    const dayOf = async (iso: string) => {
      t.travel(iso);
      const shifts = [await t.call('doses.today', { at: iso }), await t.call('doses.today', { at: new Date(Date.parse(iso) + 12 * 3_600_000).toISOString() })];
      return shifts
        .flatMap((s) => s.patients.flatMap((p) => p.times.flatMap((x) => x.doses)))
        .filter((d) => d.orderId === order.id)
        .map((d) => `${d.localTime} ${d.frequencyWords}`);
    };
    expect(await dayOf('2026-03-06T12:30:00.000Z')).toEqual(['08:00 three times daily', '14:00 three times daily', '20:00 three times daily']);
    expect(await dayOf('2026-03-09T11:30:00.000Z')).toEqual(['09:00 twice daily', '21:00 twice daily']);
  });

  it('passes a plan within the limit without asking, and follows the clinic setting when an administrator changes it', async () => {
    // 25 % every 14 days: 100 -> 75 -> 56.25 is not makeable, so 100 -> 75 (qid -> tid) then 50 mg a day 14 days on.
    const slow = [
      { effectiveFrom: '2026-03-05T14:00:00.000Z', amount: 25, frequency: 'tid' as const },
      { effectiveFrom: '2026-03-19T13:00:00.000Z', amount: 20, frequency: 'tid' as const },
    ];
    const order = await t.call('orders.start', { ...(await chlordiazepoxide()), taperSteps: slow });
    expect(order.plannedSteps).toBe(2);
    // One minute short of 14 days (clinic clock, across the DST change) is too fast.
    const early = await raw('orders.setTaper', { orderId: order.id, steps: [slow[0], { ...slow[1], effectiveFrom: '2026-03-19T12:59:00.000Z' }], reason: 'Replan' });
    expect(early.error?.code).toBe('SAFETY_WARNING');

    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    const bad = await raw('settings.update', { values: { 'prescribing.taperMaxPercent': 0 } });
    expect(bad.error?.message).toBe('Largest reduction of a benzodiazepine or barbiturate taper (% of the daily dose): enter a percentage from 1 to 100.');
    await t.call('settings.update', { values: { 'prescribing.taperMaxPercent': 50, 'prescribing.taperPerDays': 7, 'prescribing.allowAboveMaximum': true } });
    // Each change is audited with before and after, like every setting.
    const changes = await db().selectFrom('audit_log').select(['entity_id', 'before_json', 'after_json']).where('action', '=', 'settings.update').where('entity_id', 'like', 'prescribing.%').orderBy('id').execute();
    expect(changes.map((c) => [c.entity_id, c.before_json, c.after_json])).toEqual([
      ['prescribing.taperMaxPercent', '25', '50'],
      ['prescribing.taperPerDays', '14', '7'],
      ['prescribing.allowAboveMaximum', 'false', 'true'],
    ]);
    await t.loginAs('prescriber', passwordFor('prescriber'));
    const replaced = await t.call('orders.setTaper', { orderId: order.id, steps: fewerDoses().slice(0, 2), reason: 'Faster plan within the new clinic limit' });
    expect(replaced.versions.filter((v) => !v.voidedAt).map((v) => v.frequencyWords)).toEqual(['four times daily', 'three times daily', 'twice daily']);
  });

  it('asks before a dose change that cuts a benzodiazepine by more than the limit, and keeps step frequencies through a hold', async () => {
    const order = await t.call('orders.start', await chlordiazepoxide());
    t.travel('2026-03-03T14:00:00.000Z');
    const cut = await raw('orders.changeDose', { orderId: order.id, amount: 25, frequency: 'bid', effectiveFrom: '2026-03-03T14:00:00.000Z', reason: 'Less sedation' });
    expect(cut.error?.code).toBe('SAFETY_WARNING');
    expect(cut.error?.warnings?.[0].message).toMatch(/^The new dose \(.*\) lowers the daily total to 50 mg, 50 % below/);
    // An opioid is not held to the benzodiazepine rule.
    const bup = (await t.call('formulary.list', { query: 'Buprenorphine' })).find((x) => x.name === 'Buprenorphine')!;
    const opioid = await t.call('orders.start', { ...(await chlordiazepoxide()), medicationId: bup.id, route: 'sublingual', amount: 16, frequency: 'daily', indication: 'Opioid use disorder', startAt: '2026-03-03T14:00:00.000Z', overrideReason: 'Sedation checks before each dose; naloxone kit given' });
    expect((await t.call('orders.changeDose', { orderId: opioid.id, amount: 4, frequency: 'daily', effectiveFrom: '2026-03-03T15:00:00.000Z', reason: 'Lower' })).doseNow).not.toBeNull();

    await t.call('orders.setTaper', { orderId: order.id, steps: [{ effectiveFrom: '2026-03-05T14:00:00.000Z', amount: 25, frequency: 'tid' }], reason: 'One step down' });
    await t.call('orders.hold', { orderId: order.id, reason: 'Oversedated this morning' });
    t.travel('2026-03-04T14:00:00.000Z');
    const resumed = await t.call('orders.resume', { orderId: order.id, reason: 'Alert again' });
    expect(resumed.nextStep).toMatchObject({ amount: 25, frequencyWords: 'three times daily', effectiveFrom: '2026-03-06T14:00:00.000Z' });
  });
});
