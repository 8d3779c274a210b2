import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordFor, TEST_ADMIN, type TestApp } from '../support/app';
import { medication, startPrescribingClinic, writeCount } from '../support/prescribing';

/**
 * The clinical decision of issue 8 item 4 through the contract: a usual chlordiazepoxide taper for
 * alcohol withdrawal (100 -> 75 -> 50 -> 25 mg a day, a day apart) asks for a reason under the
 * benzodiazepine limit, as before, until the medical director's limit for alcohol-withdrawal tapers
 * is set; then it saves without one, while the same plan for another indication still asks.
 */
let t: TestApp;
let patientId: number;
const T0 = '2026-03-02T14:00:00.000Z';

beforeEach(async () => {
  ({ t, patientId } = await startPrescribingClinic(T0, { mrn: 'AW-1', familyName: 'Spiritus', givenName: 'Testa', dateOfBirth: '1970-07-07', residence: 'facility' }));
});
afterEach(async () => t.cleanup());

type Raw = { ok: boolean; error?: { code: string; warnings?: { code: string; message: string }[]; fields?: { path: string; message: string }[] } };
const day = (n: number) => new Date(Date.parse(T0) + n * 86_400_000).toISOString();

async function fourDayTaper(indication: string) {
  const m = await medication(t, 'Chlordiazepoxide');
  return {
    patientId, medicationId: m.id, indication, route: 'oral' as const, administeredBy: 'staff' as const, amount: 25, unit: 'mg', frequency: 'qid' as const, startAt: T0,
    taperSteps: [{ effectiveFrom: day(1), amount: 25, frequency: 'tid' as const }, { effectiveFrom: day(2), amount: 25, frequency: 'bid' as const }, { effectiveFrom: day(3), amount: 25, frequency: 'at_bedtime' as const }],
  };
}

async function directorSets(values: Record<string, unknown>) {
  await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
  const r = (await t.raw('settings.update', { values })) as Raw;
  await t.loginAs('prescriber', passwordFor('prescriber'));
  return r;
}

describe("alcohol-withdrawal tapers' own limit", () => {
  it('by default keeps asking, as the benzodiazepine rule does', async () => {
    const r = (await t.raw('orders.start', await fourDayTaper('Alcohol withdrawal'))) as Raw;
    expect(r.error?.code).toBe('SAFETY_WARNING');
    expect(r.error?.warnings?.[0].message).toContain('The clinic allows at most 25 % every 14 days for a benzodiazepine or barbiturate');
  });

  it("with the director's 50 % a day, saves the alcohol-withdrawal taper without a reason; the same plan for anxiety still asks", async () => {
    expect((await directorSets({ 'prescribing.alcoholTaperMaxPercent': 50, 'prescribing.alcoholTaperPerDays': 1 })).ok).toBe(true);
    const order = await t.call('orders.start', await fourDayTaper('Alcohol withdrawal syndrome'));
    expect(order.versions).toHaveLength(4);

    const before = await writeCount(t);
    const anxiety = (await t.raw('orders.start', await fourDayTaper('Anxiety'))) as Raw;
    // (Its other warning: chlordiazepoxide is already ordered for this patient, above.)
    expect(anxiety.error?.warnings?.map((w) => w.code).filter((c) => c === 'taper_too_fast')).toEqual(['taper_too_fast', 'taper_too_fast']);
    expect(await writeCount(t)).toBe(before);
  });

  it("asks, naming the director's limit, when an alcohol-withdrawal step goes faster than it", async () => {
    await directorSets({ 'prescribing.alcoholTaperMaxPercent': 30, 'prescribing.alcoholTaperPerDays': 1 });
    const r = (await t.raw('orders.start', await fourDayTaper('Alcohol withdrawal'))) as Raw;
    // 100 -> 75 is 25 %; 75 -> 50 is 33.3 %, and 50 -> 25 is 50 %: both above 30 % a day.
    expect(r.error?.warnings?.map((w) => w.message.match(/(\d+(\.\d)?) % below/)?.[1])).toEqual(['33.3', '50']);
    expect(r.error?.warnings?.[0].message).toContain('The medical director allows at most 30 % every 1 days for an alcohol-withdrawal taper');
  });

  it('refuses a limit out of range in words, and clearing it (empty) goes back to the benzodiazepine rule', async () => {
    const bad = await directorSets({ 'prescribing.alcoholTaperMaxPercent': 0 });
    expect(bad.error?.fields?.[0]).toEqual({ path: 'prescribing.alcoholTaperMaxPercent', message: 'Enter a percentage from 1 to 100' });
    await directorSets({ 'prescribing.alcoholTaperMaxPercent': 50, 'prescribing.alcoholTaperPerDays': 1 });
    await directorSets({ 'prescribing.alcoholTaperMaxPercent': null, 'prescribing.alcoholTaperPerDays': null });
    const r = (await t.raw('orders.start', await fourDayTaper('Alcohol withdrawal'))) as Raw;
    expect(r.error?.code).toBe('SAFETY_WARNING');
  });
});
