import type { Page } from '@playwright/test';
import { expect, test } from './support/server';
import { CLINIC, goTo, logIn, logOut } from './support/flows';
import { setServerClock } from './support/followups';
import { api, chicago, DAY1, nurseLogsIn, PATIENT_NAME, setUpMarClinic, startOrder } from './support/mar';

const DAY0 = '2026-06-01';
const doseRow = (page: Page, medication: string, time: string) =>
  page
    .getByRole('region', { name: PATIENT_NAME, exact: true })
    .getByRole('table', { name: 'Scheduled doses' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: time, exact: true }) })
    .filter({ hasText: medication });

test('the administrator changes the twice-daily dose times on the settings screen, and the nurse’s Today’s doses uses them', async ({ page, server }) => {
  test.setTimeout(180_000);
  const clinic = await setUpMarClinic(server, chicago(DAY0, '12:00'));
  await startOrder(server, clinic, 'Clonidine', { indication: 'Opioid withdrawal', amount: 0.1, frequency: 'bid', startAt: chicago(DAY0, '12:05') });
  await api(server, 'session.logout', {});

  await page.goto(server.url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  await goTo(page, 'Settings');
  const twice = page.getByLabel('Twice daily', { exact: true });
  await expect(twice).toHaveValue('09:00, 21:00');
  // Out of order: main says so at the box, in words, and saves nothing.
  await twice.fill('21:00, 10:00');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(twice).toHaveAccessibleDescription(/Twice daily: list the times earliest first, as the day runs \(10:00, 21:00\)\./);
  await twice.fill('10:00, 22:00');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(twice).toHaveValue('10:00, 22:00');
  await logOut(page);

  await setServerClock(server, chicago(DAY1, '09:50'));
  await nurseLogsIn(page, server);
  await expect(doseRow(page, 'Clonidine', '10:00')).toContainText('0.1 mg');
  await expect(doseRow(page, 'Clonidine', '09:00')).toHaveCount(0);
});
