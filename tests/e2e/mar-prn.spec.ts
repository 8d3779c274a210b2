import type { Page } from '@playwright/test';
import { expect, test } from './support/server';
import { setServerClock } from './support/followups';
import { api, apiResult, as, chicago, DAY1, nurseLogsIn, PATIENT_NAME, PRESCRIBER, setUpMarClinic, startOrder } from './support/mar';

const DAY0 = '2026-06-01';
const patientDoses = (page: Page) => page.getByRole('region', { name: PATIENT_NAME, exact: true });
const dialog = (page: Page) => page.getByRole('dialog');
const prnRow = (page: Page) => patientDoses(page).getByRole('table', { name: 'As needed (PRN)' }).getByRole('row').filter({ hasText: 'Hydroxyzine' });

/** Opens "Give PRN", sets the time given when asked, and records it. */
async function givePrn(page: Page, timeLocal?: string): Promise<void> {
  await prnRow(page).getByRole('button', { name: 'Give PRN Hydroxyzine' }).click();
  await expect(dialog(page).getByLabel(/^Amount/)).toHaveValue('25');
  if (timeLocal) await dialog(page).getByLabel('Time given').fill(timeLocal);
  await dialog(page).getByRole('button', { name: 'Record dose' }).click();
}

test('PRN limits: stopped by the minimum interval, then by the amount cap summed across a scheduled and a PRN order, with the next allowed time; a prescriber is refused by main', async ({ page, server }) => {
  const clinic = await setUpMarClinic(server, chicago(DAY0, '12:00'));
  // One ingredient, two orders: 50 mg twice daily, plus 25 mg as needed (at most 75 mg a day in all, 2 h apart).
  await startOrder(server, clinic, 'Hydroxyzine', { indication: 'Anxiety', amount: 50, frequency: 'bid', startAt: chicago(DAY0, '12:05') });
  await startOrder(server, clinic, 'Hydroxyzine', {
    indication: 'Breakthrough anxiety',
    amount: 25,
    frequency: 'prn',
    startAt: chicago(DAY0, '12:05'),
    prn: { indication: 'Anxiety', maxDoses24h: 4, minIntervalMinutes: 120, maxAmount24h: 75 },
    overrideReason: 'Scheduled dose plus PRN for breakthrough, capped at 75 mg a day',
  });
  await api(server, 'session.logout', {});
  await setServerClock(server, chicago(DAY1, '09:30'));
  await nurseLogsIn(page, server);

  await expect(prnRow(page)).toContainText('Can be given now');
  await givePrn(page, `${DAY1}T07:10`);
  await expect(dialog(page)).toHaveCount(0);
  await expect(prnRow(page)).toContainText('25 mg of 75 mg');
  // 07:10 was more than two hours ago: now is allowed.
  await expect(prnRow(page)).toContainText('Last given Tue 2 Jun, 07:10');
  await expect(prnRow(page)).toContainText('Can be given now');

  // 50 minutes after the last PRN dose: too soon, and main says from when.
  await givePrn(page, `${DAY1}T08:00`);
  const refusal = dialog(page).getByRole('alert');
  await expect(refusal).toContainText('Too soon');
  await expect(refusal).toContainText('at least 120 minutes');
  await expect(refusal).toContainText('Next dose allowed from Tue 2 Jun 09:10');
  await dialog(page).getByRole('button', { name: 'Cancel' }).click();

  // The scheduled 50 mg is given: with the 25 mg PRN that is the day's 75 mg.
  const scheduled = patientDoses(page).getByRole('table', { name: 'Scheduled doses' }).getByRole('row').filter({ hasText: 'Hydroxyzine' });
  await scheduled.getByRole('button', { name: /^Give/ }).click();
  await expect(dialog(page).getByLabel(/^Amount/)).toHaveValue('50');
  await dialog(page).getByRole('button', { name: 'Record dose' }).click();
  await expect(scheduled).toContainText('Given');
  await expect(prnRow(page)).toContainText('75 mg of 75 mg');
  await expect(prnRow(page)).toContainText('Next PRN dose allowed from Wed 3 Jun, 07:10');

  // The interval has passed, but the amount across both orders would pass the cap.
  await givePrn(page);
  await expect(refusal).toContainText('24-hour maximum reached');
  await expect(refusal).toContainText('75 mg of this medication has been given');
  await expect(refusal).toContainText('across all its orders');
  await expect(refusal).toContainText('Wed 3 Jun 07:10');
  await dialog(page).getByRole('button', { name: 'Cancel' }).click();

  // Hidden from prescribers on screen is not enough: main refuses them the channel.
  await as(server, PRESCRIBER);
  const prn = (await api(server, 'orders.listForPatient', { patientId: clinic.patientId })).find((o) => o.prn !== null);
  const result = await apiResult(server, 'administrations.record', { orderId: prn!.id, outcome: 'given' });
  expect(result.ok).toBe(false);
  expect(result.ok ? null : result.error.code).toBe('FORBIDDEN');
});
