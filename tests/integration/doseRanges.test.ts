import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordFor, TEST_ADMIN, type TestApp } from '../support/app';
import { medication, startPrescribingClinic, writeCount } from '../support/prescribing';

/**
 * Issue 8 items 1 and 3 through the real contract and services: dose ranges on every dose a
 * prescriber writes, one override-reason rule, and PRN orders that always carry their limits.
 */
let t: TestApp;
let patientId: number;
const T0 = '2026-03-02T14:00:00.000Z';

beforeEach(async () => {
  ({ t, patientId } = await startPrescribingClinic(T0, { mrn: 'DR-1', familyName: 'Rangely', givenName: 'Testa', dateOfBirth: '1975-05-05' }));
});
afterEach(async () => t.cleanup());

type Raw = {
  ok: boolean;
  error?: { code: string; message: string; fields?: { path: string; message: string }[]; warnings?: { code: string }[] };
};
const raw = async (channel: string, input: unknown) => (await t.raw(channel, input)) as Raw;

const med = (name: string) => medication(t, name);

const lorazepam = async (patch: Record<string, unknown> = {}) => ({
  patientId,
  medicationId: (await med('Lorazepam')).id,
  indication: 'Alcohol withdrawal',
  route: 'oral' as const,
  administeredBy: 'staff' as const,
  amount: 1,
  unit: 'mg',
  frequency: 'tid' as const,
  startAt: T0,
  ...patch,
});

const writes = () => writeCount(t);

describe('dose ranges on the shipped formulary', () => {
  it('ships lorazepam with its range and a cited source', async () => {
    const m = await med('Lorazepam');
    expect(m.doseRange).toEqual({ usualSingle: 2, maxSingle: 4, maxDaily: 10 });
    expect(m.doseRangeSource).toMatch(/FDA label/);
  });

  it('refuses lorazepam 500 mg every 4 hours and 0.3 mg from 0.5/1/2 mg tablets, with field errors, writing nothing', async () => {
    const before = await writes();
    const huge = await raw(
      'orders.start',
      await lorazepam({ amount: 500, frequency: 'q4h', overrideReason: 'Patient insists on a large dose' }),
    );
    expect(huge.error?.code).toBe('VALIDATION');
    expect(huge.error?.message).toMatch(/above the maximum single dose of Lorazepam \(4 mg\)/);
    expect(huge.error?.message).toMatch(/3000 mg a day, above the maximum daily dose/);
    expect(huge.error?.fields?.map((f) => f.path)).toEqual(['amount', 'amount']);
    const odd = await raw('orders.start', await lorazepam({ amount: 0.3 }));
    expect(odd.error?.code).toBe('VALIDATION');
    expect(odd.error?.message).toMatch(/0.3 mg of Lorazepam cannot be made/);
    // 2 mg six times a day is 12 mg: each dose is usual, the day is not.
    const daily = await raw('orders.start', await lorazepam({ amount: 2, frequency: 'q4h' }));
    expect(daily.error?.message).toMatch(/12 mg a day/);
    expect(await t.call('orders.listForPatient', { patientId })).toEqual([]);
    expect(await writes()).toBe(before);
  });

  it('warns above the usual dose; a reason that says nothing is refused; a real one is kept and audited', async () => {
    const input = await lorazepam({ amount: 3, frequency: 'daily' });
    const asked = await raw('orders.start', input);
    expect(asked.error?.code).toBe('SAFETY_WARNING');
    expect(asked.error?.warnings?.map((w) => w.code)).toEqual(['above_usual']);
    for (const reason of ['ok', 'yes yes yes yes yes']) {
      const weak = await raw('orders.start', { ...input, overrideReason: reason });
      expect(weak.error?.code, reason).toBe('VALIDATION');
      expect(weak.error?.fields?.[0].path).toBe('overrideReason');
    }
    expect(await t.call('orders.listForPatient', { patientId })).toEqual([]);
    const order = await t.call('orders.start', { ...input, overrideReason: 'Tolerant: on 3 mg daily before admission' });
    expect(order.safetyOverrideReason).toBe('Tolerant: on 3 mg daily before admission');
    const audit = await t.call('audit.list', { entityType: 'order', entityId: String(order.id) });
    expect(audit.find((a) => a.action === 'orders.dose_override')?.reason).toBe('Tolerant: on 3 mg daily before admission');
  });

  it('checks a dose change the same way: unmakeable and above maximum refused, above usual needs a reason', async () => {
    const order = await t.call('orders.start', await lorazepam());
    const change = { orderId: order.id, frequency: 'tid' as const, effectiveFrom: '2026-03-03T14:00:00.000Z', reason: 'Still tremulous' };
    expect((await raw('orders.changeDose', { ...change, amount: 0.3 })).error?.message).toMatch(/cannot be made/);
    expect((await raw('orders.changeDose', { ...change, amount: 5 })).error?.message).toMatch(/maximum single dose/);
    expect((await raw('orders.changeDose', { ...change, amount: 2.5 })).error?.code).toBe('SAFETY_WARNING');
    const changed = await t.call('orders.changeDose', { ...change, amount: 2.5, overrideReason: 'Severe tremor, CIWA-Ar 18 at 14:00' });
    expect(changed.versions.map((v) => v.amount)).toEqual([1, 2.5]);
  });

  it('lets the clinic allow doses above a maximum, then only with a reason of real length', async () => {
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    await t.call('settings.update', { values: { 'prescribing.allowAboveMaximum': true } });
    await t.loginAs('prescriber', passwordFor('prescriber'));
    const input = await lorazepam({ amount: 6, frequency: 'daily' });
    const asked = await raw('orders.start', input);
    expect(asked.error?.code).toBe('SAFETY_WARNING');
    expect(asked.error?.warnings?.map((w) => w.code)).toEqual(['above_maximum_single']);
    expect((await raw('orders.start', { ...input, overrideReason: 'too much' })).error?.code).toBe('VALIDATION');
    const order = await t.call('orders.start', { ...input, overrideReason: 'Inpatient-level tolerance documented by the referring unit' });
    expect(order.doseNow?.amount).toBe(6);
    // Unmakeable stays refused whatever the setting.
    expect((await raw('orders.start', { ...input, amount: 0.3, overrideReason: 'Inpatient-level tolerance documented' })).error?.code).toBe(
      'VALIDATION',
    );
  });

  it('lets an administrator edit a range, audited; new orders follow it; a range out of order is refused', async () => {
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    const m = await med('Lorazepam');
    const id = m.id;
    const rest = {
      name: m.name,
      ingredients: m.ingredients,
      rxnormCode: m.rxnormCode,
      form: m.form,
      strengths: m.strengths,
      drugClass: m.drugClass,
      sedatingClass: 'benzodiazepine' as const,
      deaSchedule: 'IV' as const,
      withdrawalManagement: true,
      doseRangeSource: m.doseRangeSource,
    };
    const bad = await raw('formulary.update', {
      id,
      medication: { ...rest, unit: 'mg' as const, doseRange: { usualSingle: 5, maxSingle: 4, maxDaily: 10 } },
      reason: 'Local protocol',
    });
    expect(bad.error?.code).toBe('VALIDATION');
    expect(bad.error?.message).toMatch(/usual single dose cannot be above the maximum single dose/);
    await t.call('formulary.update', {
      id,
      medication: { ...rest, unit: 'mg' as const, doseRange: { usualSingle: 1, maxSingle: 2, maxDaily: 6 } },
      reason: 'Local protocol for outpatients',
    });
    const audit = await t.call('audit.list', { action: 'formulary.update' });
    expect(audit.map((a) => a.reason)).toContain('Local protocol for outpatients');
    await t.loginAs('prescriber', passwordFor('prescriber'));
    expect((await raw('orders.start', await lorazepam({ amount: 2, frequency: 'tid' }))).error?.code).toBe('SAFETY_WARNING');
    expect((await raw('orders.start', await lorazepam({ amount: 2, frequency: 'qid' }))).error?.message).toMatch(
      /8 mg a day, above the maximum daily dose of Lorazepam \(6 mg\)/,
    );
  });
});

describe('PRN orders carry their limits', () => {
  it('refuses "as needed" without limits, and a scheduled frequency with them, each on its field', async () => {
    const prn = { indication: 'Anxiety', maxDoses24h: 3, minIntervalMinutes: 240 };
    const bare = await raw('orders.start', await lorazepam({ frequency: 'prn' }));
    expect(bare.error?.code).toBe('VALIDATION');
    expect(bare.error?.fields?.map((f) => f.path)).toEqual(['prn']);
    expect(bare.error?.message).toMatch(/as-needed order needs its limits/);
    const mixed = await raw('orders.start', await lorazepam({ frequency: 'tid', prn }));
    expect(mixed.error?.fields?.map((f) => f.path)).toEqual(['frequency']);
    expect(await t.call('orders.listForPatient', { patientId })).toEqual([]);
    // Its PRN maximum sets the daily total: 2 mg up to 6 times is 12 mg a day.
    expect(
      (await raw('orders.start', await lorazepam({ frequency: 'prn', amount: 2, prn: { ...prn, maxDoses24h: 6 } }))).error?.message,
    ).toMatch(/12 mg a day/);
    const ok = await t.call('orders.start', await lorazepam({ frequency: 'prn', prn }));
    expect(ok.prn?.maxDoses24h).toBe(3);
    expect(
      (
        await raw('orders.changeDose', {
          orderId: ok.id,
          amount: 1,
          frequency: 'tid',
          effectiveFrom: '2026-03-03T14:00:00.000Z',
          reason: 'Scheduled',
        })
      ).error?.fields?.[0].path,
    ).toBe('frequency');
  });
});
