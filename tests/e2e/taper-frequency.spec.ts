import { expect, test } from './support/server';
import { CLINIC, goTo, logIn, logOut } from './support/flows';
import { fillOrder, openMedicationList, PRESCRIBER, setUpPrescribingClinic } from './support/orders';

// Issue 8 item 4: tapers that give fewer doses a day, and a benzodiazepine stopped too fast.
test.describe.configure({ mode: 'parallel' });

test('a prescriber plans chlordiazepoxide four, three, two times daily then at bedtime, and confirms the fast pace with a reason', async ({ page, server }) => {
  await setUpPrescribingClinic(page, server.url);
  await logIn(page, PRESCRIBER.login, PRESCRIBER.password);
  await openMedicationList(page);
  await page.getByRole('button', { name: 'Start an order' }).click();
  await fillOrder(page, { medication: 'Chlordiazepoxide', amount: '25', frequency: 'four times daily', indication: 'Alcohol withdrawal' });
  await page.getByLabel('Plan a taper').check();

  // A reduction larger than the dose is explained, not turned into a one-step stop.
  await page.getByLabel('Reduction per step').fill('50');
  await page.getByRole('button', { name: 'Generate taper' }).click();
  await expect(page.getByRole('alert')).toContainText('A reduction of 50 mg per step is more than the current dose (25 mg)');
  await expect(page.getByRole('table', { name: /Taper steps/ })).toHaveCount(0);

  await page.getByRole('radio', { name: 'Reducing the number of doses per day' }).check();
  await expect(page.getByLabel('Reduction per step')).toHaveCount(0);
  await page.getByLabel('Every (days)').fill('2');
  await page.getByRole('button', { name: 'Generate taper' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Generated 4 steps' })).toBeVisible();
  await expect(page.getByLabel('Step 1 how often')).toHaveValue('tid');
  await expect(page.getByLabel('Step 2 how often')).toHaveValue('bid');
  await expect(page.getByLabel('Step 3 how often')).toHaveValue('at_bedtime');
  await expect(page.getByLabel('Step 3 amount')).toHaveValue('25');
  await expect(page.getByLabel('Step 4 amount')).toHaveValue('0');
  // The chart plots the daily total: 100, 75, 50, 25 mg a day, then none.
  await expect(page.getByRole('img', { name: /100 mg a day.*then 75 mg.*then 50 mg.*then 25 mg.*then 0 mg/ })).toBeVisible();
  await expect(page.getByRole('table', { name: /Taper steps/ }).getByRole('row', { name: /Step 2/ })).toContainText('50 mg');

  // Main asks for confirmation: the plan stops a benzodiazepine faster than 25 % in 14 days.
  await page.getByRole('button', { name: 'Start order' }).click();
  const check = page.getByRole('region', { name: 'Check before ordering' });
  await expect(check.getByRole('alert')).toContainText('Step 2');
  await expect(check.getByRole('alert')).toContainText('The clinic allows at most 25 % every 14 days for a benzodiazepine or barbiturate');
  await expect(page.getByRole('heading', { level: 1, name: 'Start an order' })).toBeVisible();
  await check.getByLabel('Override reason').fill('Three-day alcohol-withdrawal schedule, CIWA-Ar guided; allergy was paradoxical agitation only');
  await page.getByRole('button', { name: 'Override and start order' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Chlordiazepoxide order' })).toBeVisible();
  const history = page.getByRole('region', { name: 'Dose history' }).getByRole('listitem');
  await expect(history).toHaveCount(5);
  await expect(history.nth(1)).toContainText('25 mg three times daily');
  await expect(history.nth(3)).toContainText('25 mg at bedtime');
});

test('an administrator sets the taper limit and the allow-above-maximum checkbox; a bad value is refused in words', async ({ page, server }) => {
  await setUpPrescribingClinic(page, server.url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  await goTo(page, 'Settings');
  const percent = page.getByLabel('Largest benzodiazepine or barbiturate taper reduction (% of the daily dose)');
  await expect(percent).toHaveValue('25');
  await expect(page.getByLabel('Over how many days (benzodiazepine or barbiturate)')).toHaveValue('14');
  const above = page.getByLabel("Allow a dose above a medication's maximum, with an override reason");
  await expect(above).not.toBeChecked();

  await percent.fill('150');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(percent).toHaveAccessibleDescription(/enter a percentage from 1 to 100/i);
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toHaveCount(0);

  await percent.fill('10');
  await page.getByLabel('Over how many days (benzodiazepine or barbiturate)').fill('28');
  await above.click();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Largest benzodiazepine or barbiturate taper reduction (% of the daily dose)')).toHaveValue('10');
  await expect(page.getByLabel('Over how many days (benzodiazepine or barbiturate)')).toHaveValue('28');
  await expect(page.getByLabel("Allow a dose above a medication's maximum, with an override reason")).toBeChecked();
  await logOut(page);
});
