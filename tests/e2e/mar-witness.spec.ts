import type { Page } from '@playwright/test';
import { expect, test } from './support/server';
import { goTo, logIn, logOut } from './support/flows';
import { bandSection, setServerClock } from './support/followups';
import { api, chicago, DAY1, NURSE, nurseLogsIn, PATIENT_NAME, PRESCRIBER, setUpMarClinic, startOrder, WITNESS } from './support/mar';

const DAY0 = '2026-06-01';
const patientDoses = (page: Page) => page.getByRole('region', { name: PATIENT_NAME, exact: true });
const dialog = (page: Page) => page.getByRole('dialog');
const prnRow = (page: Page) => patientDoses(page).getByRole('table', { name: 'As needed (PRN)' }).getByRole('row').filter({ hasText: 'Diazepam' });

/** A CIWA-Ar of 20 (severe): each item chosen by its value, as the nurse reads the anchors. */
const CIWA_20: Record<string, number> = {
  'Nausea and vomiting': 4,
  Tremor: 4,
  'Paroxysmal sweats': 4,
  Anxiety: 4,
  Agitation: 1,
  'Tactile disturbances': 0,
  'Auditory disturbances': 0,
  'Visual disturbances': 0,
  'Headache, fullness in head': 1,
  'Orientation and clouding of sensorium': 2,
};

async function openGivePrn(page: Page, witness: { login: string; password: string }): Promise<void> {
  await prnRow(page).getByRole('button', { name: 'Give PRN Diazepam' }).click();
  const box = dialog(page).getByRole('group', { name: 'Witness (controlled drug)' });
  await box.getByLabel('Witness login').fill(witness.login);
  await box.getByLabel('Witness password').fill(witness.password);
  await dialog(page).getByRole('button', { name: 'Record dose' }).click();
}

test('a symptom-triggered, controlled PRN: refused without a score, a CIWA-Ar entered item by item enables it, the witness confirms with their password; a severe score puts a review due today on the prescriber’s worklist', async ({ page, server }) => {
  test.setTimeout(180_000);
  const clinic = await setUpMarClinic(server, chicago(DAY0, '12:00'));
  await startOrder(server, clinic, 'Diazepam', {
    indication: 'Alcohol withdrawal',
    amount: 10,
    frequency: 'prn',
    startAt: chicago(DAY0, '12:05'),
    prn: { indication: 'Alcohol withdrawal symptoms', maxDoses24h: 4, minIntervalMinutes: 60 },
    symptomTrigger: 'CIWA-Ar >= 10',
  });
  await api(server, 'session.logout', {});
  await setServerClock(server, chicago(DAY1, '09:30'));
  await nurseLogsIn(page, server);
  await expect(prnRow(page)).toContainText('Only with CIWA-Ar of 10 or more');

  // No score yet: main refuses the PRN and says what to do.
  await openGivePrn(page, WITNESS);
  await expect(dialog(page).getByRole('alert')).toContainText('needs a CIWA-Ar score of 10 or more first');
  await expect(dialog(page).getByRole('alert')).toContainText('Record a CIWA-Ar score now');
  await expect(dialog(page).getByRole('note')).toContainText('No CIWA-Ar of 10 or more has been recorded in the 60 minutes before this dose.');
  await dialog(page).getByRole('button', { name: 'Cancel' }).click();

  // The CIWA-Ar, item by item, with the total and band shown before saving.
  await patientDoses(page).getByRole('button', { name: 'Record CIWA-Ar' }).click();
  const form = dialog(page);
  await expect(form.getByRole('group')).toHaveCount(10);
  await expect(form.getByRole('group', { name: /Tremor/ }).getByRole('radio', { name: /^4 Moderate, with arms extended/ })).toBeVisible();
  for (const [item, value] of Object.entries(CIWA_20)) {
    await form.getByRole('group', { name: new RegExp(`^\\d+\\. ${item.replace(/[(),]/g, '.')}$`) }).getByRole('radio', { name: new RegExp(`^${value}( |$)`) }).check();
  }
  await expect(form.getByRole('status')).toHaveText('Total 20 of 67: severe withdrawal');
  await form.getByRole('button', { name: 'Save score' }).click();
  await expect(dialog(page)).toHaveCount(0);
  const saved = page.getByRole('status').filter({ hasText: 'CIWA-Ar 20 saved' });
  await expect(saved).toContainText('severe withdrawal');
  await expect(saved).toContainText('A prescriber review is due today');

  // The witness must be someone else, with their own password.
  await openGivePrn(page, { login: NURSE.login, password: NURSE.password });
  await expect(dialog(page).getByRole('alert')).toContainText('The witness must be someone other than the nurse giving the dose.');
  // The dose answers the score just recorded: offered in words and clinic time, chosen by default.
  const scorePick = dialog(page).getByRole('group', { name: /^CIWA-Ar score this dose is given on/ });
  await expect(scorePick.getByRole('radio', { name: /^CIWA-Ar 20 \(severe withdrawal\), Tue 2 Jun, 09:3\d, by Nico Testdose$/ })).toBeChecked();
  await dialog(page).getByLabel('Witness login').fill(WITNESS.login);
  await dialog(page).getByLabel('Witness password').fill('not-the-password');
  await dialog(page).getByRole('button', { name: 'Record dose' }).click();
  await expect(dialog(page).getByRole('alert')).toContainText("The witness's login and password do not match an active account.");
  await dialog(page).getByLabel('Witness password').fill(WITNESS.password);
  await dialog(page).getByRole('button', { name: 'Record dose' }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Diazepam 10 mg recorded as given' })).toBeVisible();

  // Both names are on the MAR.
  await patientDoses(page).getByRole('link', { name: `MAR for ${PATIENT_NAME}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `MAR: ${PATIENT_NAME}` })).toBeVisible();
  const prnMarRow = page.getByRole('table', { name: /Medication administration record/ }).getByRole('row').filter({ hasText: 'Diazepam PRN' });
  await expect(prnMarRow).toContainText('Given 10 mg');
  await expect(prnMarRow).toContainText('NT witness WT');
  await expect(page.getByText('NT = Nico Testdose').filter({ visible: true })).toBeVisible();
  await expect(page.getByText('WT = Wren Testwitness').filter({ visible: true })).toBeVisible();
  await expect(page.getByRole('table', { name: /Medication administration record/ }).getByRole('row').filter({ hasText: 'CIWA-Ar scores' })).toContainText(/20 \(severe\) at 09:3\d NT/);

  // The patient page shows the score trend beside the doses given; the order's chart has both series.
  await page.getByRole('link', { name: '← Patient record' }).click();
  const scores = page.getByRole('region', { name: 'Withdrawal scores and doses given' });
  await expect(scores.getByRole('img', { name: /^CIWA-Ar trend\. 1 score: .*20 \(severe withdrawal\)/ })).toBeVisible();
  await expect(scores.getByRole('listitem').filter({ hasText: 'Diazepam 10 mg (PRN)' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Medication list' }).click();
  await page.getByRole('link', { name: 'Diazepam' }).click();
  await expect(page.getByRole('img', { name: /Doses given are shown on 1 day\(s\)\. 1 CIWA-Ar score\(s\), highest 20/ })).toBeVisible();
  await logOut(page);

  // The prescriber finds the severe score as a review due today.
  await logIn(page, PRESCRIBER.login, PRESCRIBER.password);
  await goTo(page, 'Reviews');
  const review = bandSection(page, 'Due today').getByRole('row', { name: /Diazepam/ });
  await expect(review).toContainText(PATIENT_NAME);
  await expect(review).toContainText('MAR alert');
});
