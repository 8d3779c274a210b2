import type { Page } from '@playwright/test';
import { SCALE_ITEMS } from '../../main/domain/scoreItems';
import { expect, test } from './support/server';
import { setServerClock } from './support/followups';
import { api, as, chicago, DAY1, NURSE, nurseLogsIn, PATIENT_NAME, setUpMarClinic, startOrder } from './support/mar';

const DAY0 = '2026-06-01';
const dialog = (page: Page) => page.getByRole('dialog');
const marRow = (page: Page, name: string) => page.getByRole('table', { name: /Medication administration record/ }).getByRole('row').filter({ hasText: name });

/** A COWS of `total`, highest values first (synthetic items; only the total matters here). */
function cowsItems(total: number): Record<string, number> {
  const items: Record<string, number> = {};
  let left = total;
  for (const def of SCALE_ITEMS.COWS) {
    const v = [...def.values].reverse().find((x) => x <= left) ?? 0;
    items[def.key] = v;
    left -= v;
  }
  return items;
}

test('correcting a symptom-triggered PRN dose offers the same score choice as the dose dialog, and the correct entry answers the score chosen', async ({ page, server }) => {
  test.setTimeout(180_000);
  const clinic = await setUpMarClinic(server, chicago(DAY0, '12:00'));
  const order = await startOrder(server, clinic, 'Clonidine', {
    indication: 'Opioid withdrawal',
    amount: 0.1,
    frequency: 'prn',
    startAt: chicago(DAY0, '12:05'),
    prn: { indication: 'Opioid withdrawal symptoms', maxDoses24h: 4, minIntervalMinutes: 60 },
    symptomTrigger: 'COWS >= 5',
  });
  await setServerClock(server, chicago(DAY1, '09:35'));
  await as(server, NURSE);
  const record = async (total: number, hhmm: string) =>
    (await api(server, 'scores.record', { patientId: clinic.patientId, scale: 'COWS', items: cowsItems(total), scoredAt: chicago(DAY1, hhmm) })).score;
  const earlier = await record(6, '09:10');
  const newest = await record(8, '09:25');
  // Given at 09:30 without a choice: main links the newest qualifying score.
  const given = await api(server, 'administrations.record', { orderId: order.id, outcome: 'given', administeredAt: chicago(DAY1, '09:30') });
  expect(given.administration.scoreId).toBe(newest.id);

  await nurseLogsIn(page, server);
  await page.getByRole('link', { name: `MAR for ${PATIENT_NAME}` }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: `MAR: ${PATIENT_NAME}` })).toBeVisible();
  await marRow(page, 'Clonidine PRN').getByRole('button', { name: /^Mark entered in error: Clonidine/ }).click();
  await dialog(page).getByLabel('Reason', { exact: true }).selectOption('Other');
  await dialog(page).getByLabel('Details', { exact: true }).fill('Given on the earlier COWS, not the later one');
  await dialog(page).getByLabel('Record the correct entry in its place').check();
  // Both scores taken in the hour before 09:30 are offered, in words and clinic time; the entry's own is chosen.
  const pick = dialog(page).getByRole('group', { name: /^COWS score this dose is given on/ });
  await expect(pick.getByRole('radio', { name: /^COWS 8 \(.*\), Tue 2 Jun, 09:25, by Nico Testdose$/ })).toBeChecked();
  await pick.getByRole('radio', { name: /^COWS 6 \(.*\), Tue 2 Jun, 09:10, by Nico Testdose$/ }).check();
  await dialog(page).getByRole('button', { name: 'Mark entered in error' }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(marRow(page, 'Clonidine PRN').getByRole('deletion')).toContainText('Given 0.1 mg');

  // The correct entry answers the score the nurse chose.
  // (The server has one session, as the app does: the nurse logged in on screen.)
  const mar = await api(server, 'mar.forPatient', { patientId: clinic.patientId, days: 1 });
  const entries = mar.rows.filter((r) => r.prn).flatMap((r) => r.cells.flatMap((c) => c.entries));
  expect(entries.filter((e) => e.enteredInError === null).map((e) => e.scoreId)).toEqual([earlier.id]);
});
