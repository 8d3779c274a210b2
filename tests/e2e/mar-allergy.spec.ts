import type { Page } from '@playwright/test';
import { expect, test } from './support/server';
import { CLINIC } from './support/flows';
import { setServerClock } from './support/followups';
import { api, as, chicago, DAY1, nurseLogsIn, PATIENT_NAME, PRESCRIBER, setUpMarClinic, startOrder } from './support/mar';

const DAY0 = '2026-06-01';
const dialog = (page: Page) => page.getByRole('dialog');

test('a dose despite a recorded allergy: where the clinic allows it, main asks for an override reason, which the MAR then shows', async ({ page, server }) => {
  const clinic = await setUpMarClinic(server, chicago(DAY0, '12:00'));
  await api(server, 'patients.addAllergy', { patientId: clinic.patientId, allergy: { substance: 'Hydroxyzine', reaction: 'Mild rash', severity: 'mild' } });
  await startOrder(server, clinic, 'Hydroxyzine', { indication: 'Anxiety', amount: 25, frequency: 'daily', startAt: chicago(DAY0, '12:05'), overrideReason: 'Rash was mild; benefit outweighs it' });
  await as(server, { login: CLINIC.adminLogin, password: CLINIC.adminPassword });
  await api(server, 'settings.update', { values: { 'mar.allergyOverride': true } });
  await as(server, PRESCRIBER);
  await api(server, 'session.logout', {});
  await setServerClock(server, chicago(DAY1, '08:45'));
  await nurseLogsIn(page, server);

  const row = page.getByRole('region', { name: PATIENT_NAME, exact: true }).getByRole('row').filter({ hasText: 'Hydroxyzine' });
  await row.getByRole('button', { name: /^Give/ }).click();
  await dialog(page).getByRole('button', { name: 'Record dose' }).click();
  await expect(dialog(page).getByRole('alert')).toContainText('Give it only with an override reason');
  await expect(dialog(page).getByLabel('Override reason')).toBeVisible();
  await dialog(page).getByRole('button', { name: 'Record dose' }).click();
  await expect(dialog(page).getByRole('alert')).toBeVisible();
  await expect(row).toContainText('Due now');
  await dialog(page).getByLabel('Override reason').fill('Prescriber confirmed by phone at 08:40');
  await dialog(page).getByRole('button', { name: 'Record dose' }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(row).toContainText('Given');

  await page.getByRole('link', { name: `MAR for ${PATIENT_NAME}` }).click();
  await expect(page.getByRole('table', { name: /Medication administration record/ }).getByRole('row').filter({ hasText: 'Hydroxyzine 09:00' })).toContainText('Allergy override: Prescriber confirmed by phone at 08:40');
});
