import { expect, test } from './support/server';
import { goTo, logIn, logOut } from './support/flows';
import { fillOrder, NURSE, openMedicationList, orderAction, PATIENT, PATIENT_NAME, PRESCRIBER, setUpPrescribingClinic } from './support/orders';

// The tests share nothing (each has its own server and data folder): run them side by side.
test.describe.configure({ mode: 'parallel' });

test('a prescriber starts an order with a generated, edited taper, changes the dose, holds and resumes', async ({ page, server }) => {
  await setUpPrescribingClinic(page, server.url);
  await logIn(page, PRESCRIBER.login, PRESCRIBER.password);
  await openMedicationList(page);
  await expect(page.getByRole('note', { name: 'Allergies' })).toContainText(PATIENT.allergy);
  await page.getByRole('button', { name: 'Start an order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Start an order' })).toBeFocused();

  await fillOrder(page, { medication: 'Buprenorphine', amount: '16', frequency: 'once daily', indication: 'Opioid withdrawal' });
  await expect(page.getByLabel('Route')).toHaveValue('sublingual');
  await expect(page.getByLabel('Unit', { exact: true })).toHaveValue('mg');
  // Frequencies are offered in words, never as the do-not-use abbreviations QD and QOD.
  const frequencies = page.getByLabel('Frequency').getByRole('option');
  await expect(frequencies.filter({ hasText: 'every other day' })).toHaveCount(1);
  expect((await frequencies.allTextContents()).filter((f) => /\bq\.?o?\.?d\b/i.test(f))).toEqual([]);

  // Generate 16 -> 12 -> 8 -> 4 -> 0 mg every 3 days, rounded to the 2 and 8 mg tablets.
  await page.getByLabel('Plan a taper').check();
  await page.getByLabel('Reduction per step').fill('4');
  await page.getByLabel('Every (days)').fill('3');
  await page.getByRole('button', { name: 'Generate taper' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Generated 4 steps' })).toBeVisible();
  const steps = page.getByRole('table', { name: /Taper steps/ });
  await expect(steps.getByRole('row')).toHaveCount(5);
  await expect(page.getByLabel('Step 2 amount')).toHaveValue('8');

  // An edit that breaks the plan is explained at once; a sound one clears it.
  await page.getByLabel('Step 2 amount').fill('13');
  await expect(page.getByRole('alert')).toContainText('Step 2');
  await expect(page.getByRole('alert')).toContainText('cannot be made from the available strengths');
  await page.getByLabel('Step 2 amount').fill('10');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('img', { name: /Planned dose per day.*16 mg a day.*then 12 mg.*then 10 mg/ })).toBeVisible();

  await page.getByRole('button', { name: 'Start order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Buprenorphine order' })).toBeVisible();
  const summary = page.getByRole('region', { name: 'Order', exact: true });
  await expect(summary).toContainText('16 mg once daily, sublingual');
  await expect(summary).toContainText('4 steps planned');
  const history = page.getByRole('region', { name: 'Dose history' }).getByRole('listitem');
  await expect(history).toHaveCount(5);
  await expect(history.nth(2)).toContainText('Taper step 10 mg once daily');
  await expect(page.getByRole('img', { name: /Planned dose per day/ })).toBeVisible();

  // A dose change under a planned taper is refused by main, and the refusal is shown.
  const actions = page.getByRole('region', { name: 'Change this order' });
  await actions.getByRole('button', { name: 'Change dose' }).click();
  await actions.getByLabel('New amount').fill('12');
  await actions.getByLabel('Reason', { exact: true }).fill('Sedated at 16 mg');
  await actions.getByRole('button', { name: 'Save dose change' }).click();
  await expect(actions.getByRole('alert')).toContainText('Stop the taper or replace the plan first');
  await actions.getByRole('button', { name: 'Cancel' }).click();

  await orderAction(page, 'Stop taper', 'Reassess before tapering', 'Stop the taper');
  await expect(page.getByRole('status').filter({ hasText: 'Taper stopped' })).toBeVisible();
  await actions.getByRole('button', { name: 'Change dose' }).click();
  await actions.getByLabel('New amount').fill('12');
  await actions.getByLabel('Reason', { exact: true }).fill('Sedated at 16 mg');
  await actions.getByRole('button', { name: 'Save dose change' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Dose change saved.' })).toBeVisible();
  const live = page.getByRole('region', { name: 'Dose history' }).getByRole('listitem').filter({ hasNot: page.locator('del') });
  await expect(live).toHaveCount(2);
  await expect(live.nth(0)).toContainText('Started 16 mg once daily');
  await expect(live.nth(1)).toContainText('Dose change 12 mg once daily');
  await expect(live.nth(1)).toContainText('Sedated at 16 mg');
  // The stopped steps stay in the history, struck through with the reason.
  await expect(page.getByRole('region', { name: 'Dose history' }).getByRole('deletion')).toHaveCount(4);
  // The audit trail gathers the order's entries and its dose versions' (planned, voided, changed).
  const trail = page.getByRole('table', { name: /audit entries/ });
  await expect(trail.getByRole('row', { name: /Dose changed/ })).toContainText('Sedated at 16 mg');
  await expect(trail.getByRole('row', { name: /Taper step planned/ })).toHaveCount(4);
  await expect(trail.getByRole('row', { name: /Planned dose cancelled/ })).toHaveCount(4);

  await orderAction(page, 'Hold', 'Oversedated this morning', 'Hold order');
  await expect(summary).toContainText('Held Oversedated this morning');
  await expect(actions.getByRole('button', { name: 'Hold', exact: true })).toHaveCount(0);
  await orderAction(page, 'Resume', 'Alert and oriented', 'Resume order');
  await expect(summary).toContainText('Active Alert and oriented');

  await page.getByRole('link', { name: '← Medication list' }).click();
  const row = page.getByRole('table').getByRole('row', { name: /Buprenorphine/ });
  await expect(row).toContainText('16 mg once daily');
  await expect(row).toContainText('Staff at the facility');
});

test('an allergy warning is overridden with a reason that reaches the audit trail; a nurse is refused by main', async ({ page, server }) => {
  await setUpPrescribingClinic(page, server.url);
  await logIn(page, PRESCRIBER.login, PRESCRIBER.password);
  // From the patient record's own button this time (Patients is the prescriber's home).
  await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible();
  await page.getByRole('link', { name: PATIENT_NAME }).click();
  await page.getByRole('button', { name: 'Medication list' }).click();
  await page.getByRole('button', { name: 'Start an order' }).click();

  await fillOrder(page, { medication: 'Diazepam', amount: '10', frequency: 'three times daily', indication: 'Alcohol withdrawal' });
  await page.getByLabel('Symptom trigger (optional)').fill('CIWA-Ar >= 10');
  await page.getByRole('button', { name: 'Start order' }).click();
  const warning = page.getByRole('alert').filter({ hasText: 'Check before ordering' });
  await expect(warning).toContainText(PATIENT.allergy);
  await page.getByRole('button', { name: 'Override and start order' }).click();
  await expect(page.getByLabel('Override reason')).toHaveAccessibleDescription(/Give an override reason/);
  const reason = 'Reaction was agitation only; low dose with CIWA monitoring';
  await page.getByLabel('Override reason').fill(reason);
  await page.getByRole('button', { name: 'Override and start order' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Diazepam order' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Order', exact: true })).toContainText(reason);
  const audit = page.getByRole('table', { name: /audit entries/ });
  await expect(audit.getByRole('row', { name: /Safety warning overridden/ })).toContainText(reason);

  await logOut(page);
  await logIn(page, NURSE.login, NURSE.password);
  await goTo(page, 'Patients');
  await page.getByRole('link', { name: PATIENT_NAME }).click();
  await page.getByRole('button', { name: 'Medication list' }).click();
  await expect(page.getByRole('table')).toContainText('Diazepam');
  await expect(page.getByRole('button', { name: 'Start an order' })).toHaveCount(0);

  // Hidden in the UI is not enough: main itself refuses the nurse.
  const result = await page.evaluate(async () => {
    type Api = {
      formulary: { list(i: object): Promise<{ ok: boolean; value: { id: number; name: string; unit: string }[] }> };
      patients: { list(i: object): Promise<{ ok: boolean; value: { id: number }[] }> };
      orders: { start(i: object): Promise<{ ok: boolean; error?: { code: string } }> };
    };
    const api = (window as unknown as { api: Api }).api;
    const med = (await api.formulary.list({ query: 'Thiamine' })).value[0];
    const patient = (await api.patients.list({})).value[0];
    return api.orders.start({
      patientId: patient.id,
      medicationId: med.id,
      indication: 'Prophylaxis',
      route: 'oral',
      administeredBy: 'staff',
      amount: 100,
      unit: med.unit,
      frequency: 'daily',
      startAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
  });
  expect(result.ok).toBe(false);
  expect(result.error?.code).toBe('FORBIDDEN');
});
