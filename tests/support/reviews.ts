import type { TestApp } from './app';

/**
 * A withdrawal-management order (Chlordiazepoxide by default) started at `startAt` as the
 * logged-in prescriber: the review suites' usual way to get reviews scheduled by policy.
 */
export async function startWithdrawalOrder(t: TestApp, patientId: number, startAt: string, opts: { name?: string; endAt?: string } = {}) {
  const m = (await t.call('formulary.list', { query: opts.name ?? 'Chlordiazepoxide' }))[0];
  return t.call('orders.start', {
    patientId,
    medicationId: m.id,
    indication: 'Alcohol withdrawal',
    route: 'oral',
    administeredBy: 'staff',
    amount: 25,
    unit: m.unit,
    frequency: 'qid',
    startAt,
    ...(opts.endAt ? { endAt: opts.endAt } : {}),
  });
}
