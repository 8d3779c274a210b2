import type { Page } from '@playwright/test';
import { expect, test } from './support/server';
import { setServerClock } from './support/followups';
import { api, chicago, DAY1, nurseLogsIn, PATIENT_NAME, setUpMarClinic, startOrder } from './support/mar';

// Each test has its own server and data folder: run them side by side.
test.describe.configure({ mode: 'parallel' });

const DAY0 = '2026-06-01';

const patientDoses = (page: Page) => page.getByRole('region', { name: PATIENT_NAME, exact: true });
const doseRow = (page: Page, medication: string, time: string) =>
  patientDoses(page).getByRole('table', { name: 'Scheduled doses' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: time, exact: true }) }).filter({ hasText: medication });
const dialog = (page: Page) => page.getByRole('dialog');

test('a nurse works Today’s doses on a taper (the amount offered is today’s step) and refuses a dose with a reason', async ({ page, server }) => {
  const clinic = await setUpMarClinic(server, chicago(DAY0, '12:00'));
  // Clonidine 0.2 mg twice daily, stepping down to 0.1 mg from midnight tonight.
  await startOrder(server, clinic, 'Clonidine', {
    indication: 'Opioid withdrawal',
    amount: 0.2,
    frequency: 'bid',
    startAt: chicago(DAY0, '12:05'),
    taperSteps: [{ effectiveFrom: chicago(DAY1, '00:00'), amount: 0.1 }],
  });
  await startOrder(server, clinic, 'Thiamine', { indication: 'Prophylaxis', amount: 100, frequency: 'daily', startAt: chicago(DAY0, '12:05') });
  await api(server, 'session.logout', {});
  await setServerClock(server, chicago(DAY1, '08:40'));
  await nurseLogsIn(page, server);

  const clonidine = doseRow(page, 'Clonidine', '09:00');
  await expect(clonidine).toContainText('0.1 mg');
  await expect(clonidine).toContainText('Due now');
  // The 21:00 dose belongs to the night shift (from 19:00), not this one.
  await expect(doseRow(page, 'Clonidine', '21:00')).toHaveCount(0);
  await clonidine.getByRole('button', { name: /^Give/ }).click();
  await expect(dialog(page).getByLabel(/^Amount/)).toHaveValue('0.1');
  await dialog(page).getByRole('button', { name: 'Record dose' }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(clonidine).toContainText('Given');
  await expect(clonidine).toContainText('Nico Testdose');

  const thiamine = doseRow(page, 'Thiamine', '09:00');
  await thiamine.getByRole('button', { name: /^Not given/ }).click();
  await dialog(page).getByRole('radio', { name: 'Refused' }).check();
  // A refusal needs a reason from the list: without one nothing is recorded.
  await dialog(page).getByRole('button', { name: 'Record dose' }).click();
  await expect(dialog(page).getByRole('alert')).toContainText('Choose why the dose was not given.');
  await dialog(page).getByLabel('Reason', { exact: true }).selectOption({ label: 'Patient refused' });
  await dialog(page).getByLabel('Details', { exact: true }).fill('Says it upsets her stomach');
  await dialog(page).getByRole('button', { name: 'Record dose' }).click();
  await expect(thiamine).toContainText('Refused');
  await expect(thiamine).toContainText('Patient refused');
  await expect(thiamine).toContainText('Says it upsets her stomach');

  // The order's taper chart shows the dose given today against the plan.
  await page.getByRole('link', { name: `MAR for ${PATIENT_NAME}` }).click();
  await page.getByRole('link', { name: '← Patient record' }).click();
  await page.getByRole('button', { name: 'Medication list' }).click();
  await page.getByRole('link', { name: 'Clonidine' }).click();
  await expect(page.getByRole('img', { name: /Planned and given dose per day.*then 0\.2 mg from 2 Jun.*Doses given are shown on 1 day\(s\)/ })).toBeVisible();
});
