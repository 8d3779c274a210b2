import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './support/server';
import { CLINIC, goTo, logIn, setUpClinic } from './support/flows';
import type { Page } from '@playwright/test';

const PATIENT = { given: 'Quintessa', family: 'Zzyzx', mrn: 'E2E-0001', allergy: 'Penicillamine-Xq' };

async function openPatientBySearch(page: Page): Promise<void> {
  await goTo(page, 'Patients');
  await page.getByLabel('Search patients').fill('zzyz');
  const table = page.getByRole('table');
  await expect(table.getByRole('caption')).toContainText('matching “zzyz”');
  await expect(table.getByRole('row')).toHaveCount(2); // header + Quintessa
  await table.getByRole('link', { name: `${PATIENT.family}, ${PATIENT.given}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${PATIENT.family}, ${PATIENT.given}` })).toBeVisible();
}

async function expectAllergyShown(page: Page): Promise<void> {
  const allergies = page.getByRole('region', { name: 'Allergies' }).getByRole('listitem');
  await expect(allergies).toHaveCount(1);
  await expect(allergies.first()).toContainText(PATIENT.allergy);
  await expect(allergies.first()).toContainText('Hives');
  await expect(allergies.first()).toContainText('Severe');
}

test('set up a clinic, record a patient, reopen on a "new workstation", and nothing is stored in plaintext', async ({ page, server }) => {
  await setUpClinic(page, server.url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  await expect(page.getByRole('banner')).toContainText(CLINIC.name);
  await expect(page.getByRole('banner')).toContainText(CLINIC.adminName);

  // A new patient; the first attempt misses a required field and the server says which.
  await goTo(page, 'Patients');
  await page.getByRole('button', { name: 'New patient' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New patient' })).toBeFocused();
  await page.getByLabel('Family name').fill(PATIENT.family);
  await page.getByLabel('MRN').fill(PATIENT.mrn);
  await page.getByLabel('Date of birth').fill('1984-02-29');
  await page.getByLabel('Admission date').fill('2026-11-02');
  await page.getByRole('radio', { name: 'Lives at home' }).check();
  await page.getByRole('button', { name: 'Add an allergy' }).click();
  const allergy = page.getByRole('group', { name: 'Allergy 1' });
  await allergy.getByLabel('Substance').fill(PATIENT.allergy);
  await allergy.getByLabel('Reaction').fill('Hives');
  await allergy.getByLabel('Severity').selectOption('severe');
  await page.getByRole('button', { name: 'Save patient' }).click();
  await expect(page.getByRole('alert')).toContainText('Given name is required');
  await expect(page.getByLabel('Given name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Given name')).toHaveAccessibleDescription('Given name is required.');

  await page.getByLabel('Given name').fill(PATIENT.given);
  await page.getByRole('button', { name: 'Save patient' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${PATIENT.family}, ${PATIENT.given}` })).toBeVisible();
  await expectAllergyShown(page);

  await openPatientBySearch(page);
  await expectAllergyShown(page);

  // Restarted with an empty key store: to the app, a new computer.
  await server.restart();
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Enter the recovery passphrase' })).toBeVisible();
  await page.getByLabel('Recovery passphrase').fill('not the right passphrase');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('That recovery passphrase is not correct');
  await page.getByLabel('Recovery passphrase').fill(CLINIC.recoveryPassphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  await openPatientBySearch(page);
  await expectAllergyShown(page);

  // The clinic file (and its write-ahead log) must hold none of it readably.
  const dbFile = path.join(server.dataDir, 'medtrack.db');
  const bytes = Buffer.concat([dbFile, `${dbFile}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
  expect(bytes.length).toBeGreaterThan(4096);
  expect(bytes.subarray(0, 16).toString('latin1')).not.toContain('SQLite format 3');
  for (const secret of [PATIENT.given, PATIENT.family, PATIENT.mrn, PATIENT.allergy, CLINIC.name]) {
    expect(bytes.includes(Buffer.from(secret, 'utf8')), `${secret} appears in plaintext`).toBe(false);
  }
});
