import type { Page } from '@playwright/test';
import { expect, test } from './support/server';
import { goTo } from './support/flows';
import { setServerClock } from './support/followups';
import { api, chicago, DAY1, nurseLogsIn, PATIENT_NAME, setUpMarClinic, startOrder } from './support/mar';

const DAY0 = '2026-06-01';
const HOME = { given: 'Hollis', family: 'Athome', mrn: 'E2E-MAR-02' };
const HOME_NAME = `${HOME.family}, ${HOME.given}`;
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function editProgramDays(page: Page, change: (form: ReturnType<Page['getByRole']>) => Promise<void>): Promise<void> {
  await goTo(page, 'Patients');
  await page.getByRole('link', { name: HOME_NAME }).click();
  const panel = page.getByRole('region', { name: 'Program days' });
  await panel.getByRole('button', { name: 'Change program days' }).click();
  const form = panel.getByRole('form', { name: 'Change program days' });
  await change(form);
  await form.getByRole('button', { name: 'Save program days' }).click();
  await expect(panel.getByRole('status')).toHaveText('Program days saved.');
}

test('a home patient’s staff-given doses fall due on program days only: the weekly pattern, an absence and the residence filter', async ({ page, server }) => {
  const clinic = await setUpMarClinic(server, chicago(DAY0, '12:00'));
  const home = await api(server, 'patients.create', {
    patient: { mrn: HOME.mrn, familyName: HOME.family, givenName: HOME.given, dateOfBirth: '1990-07-04', admissionDate: '2026-05-25', residence: 'home' },
    allergies: [],
  });
  await startOrder(server, clinic, 'Thiamine', { indication: 'Prophylaxis', amount: 100, frequency: 'daily', startAt: chicago(DAY0, '12:05') });
  await startOrder(server, { ...clinic, patientId: home.id }, 'Thiamine', { indication: 'Prophylaxis', amount: 100, frequency: 'daily', startAt: chicago(DAY0, '12:05') });
  await api(server, 'session.logout', {});
  await setServerClock(server, chicago(DAY1, '08:40'));
  await nurseLogsIn(page, server);

  // No program days yet: only the resident's dose is due.
  await expect(region(page, PATIENT_NAME)).toBeVisible();
  await expect(region(page, HOME_NAME)).toHaveCount(0);

  // Tuesdays and Thursdays: today (Tuesday 2 June) the home patient's 09:00 dose falls due.
  await editProgramDays(page, async (form) => {
    await form.getByRole('checkbox', { name: 'Tuesday' }).check();
    await form.getByRole('checkbox', { name: 'Thursday' }).check();
  });
  await expect(page.getByRole('region', { name: 'Program days' })).toContainText('Tuesday and Thursday');
  await goTo(page, "Today's doses");
  await expect(region(page, HOME_NAME).getByRole('row').filter({ hasText: 'Thiamine' })).toContainText('Due now');
  await page.getByLabel('Residence').selectOption({ label: 'Lives at home' });
  await expect(region(page, PATIENT_NAME)).toHaveCount(0);
  await expect(region(page, HOME_NAME)).toBeVisible();

  // An absence today takes the dose off again.
  await editProgramDays(page, async (form) => {
    await form.getByLabel('Add to absences').fill(DAY1);
    await form.getByRole('button', { name: 'Add date' }).first().click();
    await expect(form.getByRole('button', { name: 'Remove 2 Jun 2026 from absences' })).toBeVisible();
  });
  await goTo(page, "Today's doses");
  await expect(region(page, PATIENT_NAME)).toBeVisible();
  await expect(region(page, HOME_NAME)).toHaveCount(0);
});
