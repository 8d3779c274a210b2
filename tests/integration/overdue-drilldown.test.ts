import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordFor, seedStaff, startTestApp, TEST_ADMIN, type TestApp } from '../support/app';
import { startWithdrawalOrder as startWithdrawal } from '../support/reviews';

/**
 * The director's overdue-review report, the reviews behind its figures, and the overdue edge
 * with a grace period, through the services. The report "as of" a past date must show each
 * review as it stood then, not as it stands now (issue 12: removing that rebuild passed every
 * test), and the grace period must move the overdue instant by exactly its hours.
 */
let t: TestApp;
let patientId: number;
const T0 = '2026-06-01T14:00:00.000Z'; // 10:00 in New York (EDT, UTC-4)

beforeEach(async () => {
  t = await startTestApp();
  t.clock.freeze(new Date(T0));
  await seedStaff(t);
  await t.loginAs('nurse', passwordFor('nurse'));
  patientId = (
    await t.call('patients.create', {
      patient: {
        mrn: 'D-1',
        familyName: 'Drilldown',
        givenName: 'Testy',
        dateOfBirth: '1975-05-05',
        admissionDate: '2026-05-30',
        residence: 'home',
      },
      allergies: [],
    })
  ).id;
  await t.loginAs('prescriber', passwordFor('prescriber'));
});
afterEach(async () => t.cleanup());

/** A withdrawal-management order: its start review falls due 2026-06-04, its routine one 2026-06-15. */
async function startWithdrawalOrder() {
  const order = await startWithdrawal(t, patientId, T0);
  const reviews = await t.call('followups.forPatient', { patientId });
  return { order, start: reviews.find((r) => r.kind === 'order_start')!, routine: reviews.find((r) => r.kind === 'routine')! };
}

/** The reviews behind a prescriber's overdue and 90-day figures, as the screen pages them (overdueReport.reviews). */
const behind = async (prescriberId: number, asOf?: string) => {
  await t.loginAs('director', passwordFor('director'));
  const filters = asOf ? { asOf } : {};
  const pages = await Promise.all(
    (['overdue', 'last90'] as const).map((figure) => t.call('overdueReport.reviews', { filters, prescriberId, figure, limit: 200 })),
  );
  return new Map(pages.flatMap((p) => p.reviews).map((r) => [r.id, r]));
};

describe("the overdue-review report's reviews as of a past date", () => {
  it('shows a review completed late, after the as-of date, as open and overdue on that date', async () => {
    const { start } = await startWithdrawalOrder();
    t.travel('2026-06-06T15:00:00.000Z');
    await t.call('followups.complete', { id: start.id, outcome: 'continue', note: 'Seen late' });
    expect((await behind(start.assignedPrescriberId)).get(start.id)).toMatchObject({ status: 'completed', band: null, onTime: false, daysLate: 2 });
    expect((await behind(start.assignedPrescriberId, '2026-06-05')).get(start.id)).toMatchObject({
      status: 'scheduled',
      band: 'overdue',
      completedAt: null,
      onTime: null,
      daysLate: 1,
    });
  });

  it('shows reviews of an order stopped after the as-of date as still open then', async () => {
    const { order, start } = await startWithdrawalOrder();
    t.travel('2026-06-06T15:00:00.000Z');
    await t.call('orders.discontinue', { orderId: order.id, reason: 'Left the program' });
    const now = await behind(start.assignedPrescriberId);
    expect(now.get(start.id)).toMatchObject({ status: 'cancelled', onTime: false }); // missed: cancelled once late
    const then = await behind(start.assignedPrescriberId, '2026-06-05');
    expect(then.get(start.id)).toMatchObject({ status: 'scheduled', band: 'overdue' });
  });
});

describe('the grace period', () => {
  it('with 2 hours of grace, a review due 4 June turns overdue at 02:00 on 5 June in New York, not a minute sooner', async () => {
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    await t.call('settings.update', { values: { 'reviews.overdue': { graceHours: 2, criticalAfterDays: 7, dueSoonDays: 3 } } });
    await t.loginAs('prescriber', passwordFor('prescriber'));
    const { start } = await startWithdrawalOrder();
    const band = async () => (await t.call('followups.worklist', { scope: 'mine' })).find((r) => r.id === start.id)?.band;
    t.travel('2026-06-05T05:59:59.999Z'); // 01:59:59.999 EDT
    expect(await band()).toBe('due_today');
    t.travel('2026-06-05T06:00:00.000Z'); // 02:00 EDT
    expect(await band()).toBe('overdue');
    // Seven days on from the overdue instant it is critical, at the same wall time.
    t.travel('2026-06-12T05:59:59.999Z');
    expect(await band()).toBe('overdue');
    t.travel('2026-06-12T06:00:00.000Z');
    expect(await band()).toBe('critically_overdue');
  });
});
