import type { Page } from '@playwright/test';
import { expect, test } from './support/server';
import { CLINIC, goTo, logIn } from './support/flows';
import { createPatient } from './support/followups';
import { fillOrder, openMedicationList, PATIENT, PATIENT_NAME, PRESCRIBER, setUpPrescribingClinic } from './support/orders';

test.describe.configure({ mode: 'parallel' });

/** Issue 8 item 2: one banner on every patient-scoped page, saying whose record it is. */
async function expectBanner(page: Page, where: string) {
  const banner = page.getByRole('region', { name: 'Patient' });
  await expect(banner, where).toContainText(PATIENT_NAME);
  await expect(banner, where).toContainText(`MRN ${PATIENT.mrn}`);
  await expect(banner, where).toContainText(/Born 14 Jun 1979 \(\d+ years\)/);
  await expect(banner, where).toContainText('Lives at: home');
  await expect(banner.getByRole('note', { name: 'Allergies' }), where).toContainText('Benzodiazepines (Paradoxical agitation, moderate)');
}

test('the banner is on the chart, the medication list, the start-order page and the order page; the form checks fields before safety', async ({
  page,
  server,
}) => {
  await setUpPrescribingClinic(page, server.url);
  await logIn(page, PRESCRIBER.login, PRESCRIBER.password);
  await openMedicationList(page);
  await expectBanner(page, 'medication list');
  await page.getByRole('button', { name: 'Start an order' }).click();
  await expectBanner(page, 'start order');

  // Item 5: a negative dose and no indication are field errors first, before any safety question.
  await fillOrder(page, { medication: 'Diazepam', amount: '-2', frequency: 'three times daily', indication: '' });
  await page.getByRole('button', { name: 'Start order' }).click();
  await expect(page.getByText('The dose must be above zero.').first()).toBeVisible();
  await expect(page.getByText('Indication is required.').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Check before ordering' })).toHaveCount(0);

  // Fixed: now the allergy question, then the order with its reason.
  await page.getByLabel('Dose amount').fill('5');
  await page.getByLabel('Indication', { exact: true }).fill('Alcohol withdrawal');
  await page.getByRole('button', { name: 'Start order' }).click();
  await expect(page.getByRole('heading', { name: 'Check before ordering' })).toBeVisible();
  await page.getByLabel('Override reason').fill('Reaction was agitation only; monitored with CIWA-Ar');
  await page.getByRole('button', { name: 'Override and start order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Diazepam order' })).toBeVisible();
  await expectBanner(page, 'order page');

  await page.getByRole('link', { name: '← Medication list' }).click();
  await page.getByRole('button', { name: 'Start an order' }).waitFor();
  await goTo(page, 'Patients');
  await page.getByRole('table').getByRole('link', { name: PATIENT_NAME }).click();
  await expectBanner(page, 'chart');
});

test('a patient with no allergy list shows "allergies not recorded" as a warning until "no known allergies" is recorded', async ({
  page,
  server,
}) => {
  await setUpPrescribingClinic(page, server.url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  await createPatient(page, { given: 'Ned', family: 'Unasked', mrn: 'E2E-NKA-1', dateOfBirth: '2000-01-31', admissionDate: '2026-01-05' });
  const note = page.getByRole('region', { name: 'Patient' }).getByRole('note', { name: 'Allergies' });
  await expect(note).toContainText('Allergies not recorded');
  await expect(note).toHaveClass(/allergies-not_recorded/);
  await page.getByRole('button', { name: 'Record: no known allergies' }).click();
  await expect(note).toContainText('No known allergies');
  await expect(note).not.toHaveClass(/allergies-not_recorded/);
});
