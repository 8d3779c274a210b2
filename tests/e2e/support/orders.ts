import { expect, type Page } from '@playwright/test';
import { CLINIC, goTo, logIn, logOut, setUpClinic } from './flows';
import { createPatient, createUser, type Person } from './followups';

/** Fictional staff and patient for the prescribing specs. */
export const PRESCRIBER: Person = { name: 'Priya Testscript', login: 'priya.rx', password: 'prescriber-password-e2e', role: 'prescriber' };
export const NURSE: Person = { name: 'Nico Testdose', login: 'nico.rn', password: 'nurse-password-e2e', role: 'nurse' };
export const PATIENT = { given: 'Orla', family: 'Taperwell', mrn: 'E2E-RX-01', allergy: 'Benzodiazepines' };
export const PATIENT_NAME = `${PATIENT.family}, ${PATIENT.given}`;

/**
 * A clinic ready for prescribing, built through the UI as an administrator would: first run,
 * a prescriber and a nurse on the Users page, and one patient with a benzodiazepine allergy.
 * Ends logged out.
 */
export async function setUpPrescribingClinic(page: Page, url: string): Promise<void> {
  await setUpClinic(page, url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  await createUser(page, PRESCRIBER);
  await createUser(page, NURSE);
  await createPatient(page, {
    given: PATIENT.given,
    family: PATIENT.family,
    mrn: PATIENT.mrn,
    dateOfBirth: '1979-06-14',
    admissionDate: '2026-01-05',
    allergy: { substance: PATIENT.allergy, reaction: 'Paradoxical agitation', severity: 'moderate' },
  });
  await logOut(page);
}

/** From the prescriber's home list to the patient's medication list. */
export async function openMedicationList(page: Page): Promise<void> {
  await goTo(page, 'Medication lists');
  await page.getByRole('table').getByRole('link', { name: PATIENT_NAME }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Medication list: ${PATIENT_NAME}` })).toBeVisible();
}

/** Options read "Diazepam (oral tablet; 2, 5, 10 mg; ...)": choose by the name at the start. */
export async function chooseMedication(page: Page, name: string): Promise<void> {
  const select = page.getByLabel('Medication', { exact: true });
  const label = await select.getByRole('option', { name: new RegExp(`^${name} \\(`) }).textContent();
  await select.selectOption({ label: label ?? name });
}

/** The order fields every spec fills the same way. */
export async function fillOrder(page: Page, o: { medication: string; amount: string; frequency: string; indication: string }): Promise<void> {
  await chooseMedication(page, o.medication);
  await page.getByLabel('Dose amount').fill(o.amount);
  await page.getByLabel('Frequency').selectOption({ label: o.frequency });
  await page.getByRole('radio', { name: 'Staff at the facility' }).check();
  await page.getByLabel('Indication', { exact: true }).fill(o.indication);
}

/** Opens one of the order page's actions and submits its reason. */
export async function orderAction(page: Page, button: string, reason: string, submit: string): Promise<void> {
  const actions = page.getByRole('region', { name: 'Change this order' });
  await actions.getByRole('button', { name: button, exact: true }).click();
  await actions.getByLabel('Reason', { exact: true }).fill(reason);
  await actions.getByRole('button', { name: submit }).click();
}
