import type { Page } from '@playwright/test';
import { expect, test } from './support/server';
import { CLINIC, goTo } from './support/flows';
import { setServerClock } from './support/followups';
import { api, as, chicago, DAY1, NURSE, nurseLogsIn, PATIENT_NAME, setUpMarClinic, startOrder } from './support/mar';

const DAY0 = '2026-06-01';
const dialog = (page: Page) => page.getByRole('dialog');
const shiftList = (page: Page) => page.getByRole('table', { name: /not documented/ });
const marRow = (page: Page, name: string) => page.getByRole('table', { name: /Medication administration record/ }).getByRole('row').filter({ hasText: name });

/** Documents the first dose of `medication` on the end-of-shift list, late (the dose was at 09:00). */
async function documentLate(page: Page, medication: string, outcome?: { outcome: string; reason: string; details: string }): Promise<void> {
  await shiftList(page).getByRole('button', { name: new RegExp(`^Document ${medication} 09:00`) }).click();
  if (outcome) {
    await dialog(page).getByRole('radio', { name: outcome.outcome }).check();
    await dialog(page).getByLabel('Reason', { exact: true }).selectOption({ label: outcome.reason });
    await dialog(page).getByLabel('Details', { exact: true }).fill(outcome.details);
  }
  await expect(dialog(page).getByRole('group', { name: 'Outside the on-time window' })).toBeVisible();
  await dialog(page).getByLabel('Why late').selectOption('Charted after the fact');
  await dialog(page).getByRole('button', { name: 'Record dose' }).click();
  await expect(dialog(page)).toHaveCount(0);
}

test('the end-of-shift list empties as doses are documented; an entry marked entered-in-error is struck through with who, when and why, and can be replaced', async ({ page, server }) => {
  test.setTimeout(180_000);
  const clinic = await setUpMarClinic(server, chicago(DAY0, '12:00'));
  await startOrder(server, clinic, 'Thiamine', { indication: 'Prophylaxis', amount: 100, frequency: 'daily', startAt: chicago(DAY0, '12:05') });
  await startOrder(server, clinic, 'Folic acid', { indication: 'Supplement', amount: 1, frequency: 'daily', startAt: chicago(DAY0, '12:05') });
  await startOrder(server, clinic, 'Clonidine', { indication: 'Opioid withdrawal', amount: 0.1, frequency: 'bid', startAt: chicago(DAY0, '12:05') });
  await api(server, 'session.logout', {});
  // 11:00: the 09:00 doses are two hours past, outside the 60-minute window.
  await setServerClock(server, chicago(DAY1, '11:00'));
  await nurseLogsIn(page, server);

  await goTo(page, 'End of shift');
  await expect(shiftList(page).getByRole('row')).toHaveCount(4); // header + three doses
  await expect(shiftList(page)).toContainText(PATIENT_NAME);
  await expect(shiftList(page).getByRole('row').filter({ hasText: 'Thiamine' })).toContainText('Late');

  await documentLate(page, 'Thiamine');
  await expect(shiftList(page).getByRole('row')).toHaveCount(3);
  await documentLate(page, 'Clonidine', { outcome: 'Held', reason: 'Too sedated to take it', details: 'Drowsy, pulse 52' });
  await expect(shiftList(page).getByRole('row')).toHaveCount(2);
  await documentLate(page, 'Folic acid');
  await expect(page.getByRole('status').filter({ hasText: 'Every dose due this shift is documented.' })).toBeVisible();
  await expect(shiftList(page)).toHaveCount(0);

  // The thiamine was charted on the wrong line: marked entered-in-error, it stays, struck through.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
  await page.getByRole('link', { name: PATIENT_NAME }).click();
  await page.getByRole('button', { name: 'MAR', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `MAR: ${PATIENT_NAME}` })).toBeVisible();
  await expect(page.getByRole('note', { name: 'Allergies' })).toContainText('Penicillin');
  await expect(page.getByRole('note', { name: 'Confidentiality notice' })).toContainText('42 CFR Part 2');
  await expect(marRow(page, 'Thiamine 09:00')).toContainText('Given 100 mg');
  await expect(marRow(page, 'Thiamine 09:00')).toContainText('Late');
  await marRow(page, 'Thiamine 09:00').getByRole('button', { name: /^Mark entered in error: Thiamine/ }).click();
  await dialog(page).getByLabel('Reason', { exact: true }).selectOption('Wrong medication');
  await dialog(page).getByLabel('Details', { exact: true }).fill('It was the folic acid');
  await dialog(page).getByRole('button', { name: 'Mark entered in error' }).click();
  await expect(dialog(page)).toHaveCount(0);
  const struck = marRow(page, 'Thiamine 09:00').getByRole('deletion');
  await expect(struck).toContainText('Given 100 mg');
  await expect(marRow(page, 'Thiamine 09:00')).toContainText(/Entered in error, marked by Nico Testdose on Tue 2 Jun, 11:0\d: Wrong medication: It was the folic acid/);

  // The held clonidine is replaced by what really happened: given, at 09:05.
  await marRow(page, 'Clonidine 09:00').getByRole('button', { name: /^Mark entered in error: Clonidine/ }).click();
  await dialog(page).getByLabel('Reason', { exact: true }).selectOption('Other');
  await dialog(page).getByLabel('Details', { exact: true }).fill('Held on the wrong line; it was given');
  await dialog(page).getByLabel('Record the correct entry in its place').check();
  await dialog(page).getByRole('radio', { name: 'Given' }).check();
  // The amount offered is the dose in effect at that dose time.
  await expect(dialog(page).getByLabel(/^Amount/)).toHaveValue('0.1');
  await dialog(page).getByLabel('Time given').fill(`${DAY1}T09:05`);
  await dialog(page).getByRole('button', { name: 'Mark entered in error' }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(marRow(page, 'Clonidine 09:00').getByRole('deletion')).toContainText('Held');
  await expect(marRow(page, 'Clonidine 09:00')).toContainText('Given 0.1 mg');

  // Printing (the browser's print dialog stubbed) is recorded in the audit log first.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  await page.getByLabel('Paper').selectOption('A4');
  await page.getByRole('button', { name: 'Print' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // The thiamine dose is blank again, so it is back on the end-of-shift list.
  await goTo(page, 'End of shift');
  await expect(shiftList(page).getByRole('row').filter({ hasText: 'Thiamine' })).toHaveCount(1);

  await as(server, { login: CLINIC.adminLogin, password: CLINIC.adminPassword });
  const printed = await api(server, 'audit.list', { action: 'mar.print' });
  expect(printed).toHaveLength(1);
  expect(printed[0].actorName).toBe(NURSE.name);
});
