import fs from 'node:fs';
import Papa from 'papaparse';
import { expect, type Download, type Page } from '@playwright/test';
import { CLINIC, goTo, logIn, logOut, nav, setUpClinic } from './flows';
import type { TestServer } from './server';

/** Helpers for the prescriber-review specs: staff, a patient, a withdrawal order, time passing. */

export interface Person {
  name: string;
  login: string;
  password: string;
  role: 'prescriber' | 'medical_director' | 'nurse';
}

export interface PatientSeed {
  given: string;
  family: string;
  mrn: string;
  dateOfBirth: string;
  admissionDate: string;
  allergy?: { substance: string; reaction: string; severity: 'mild' | 'moderate' | 'severe' };
}

export const HOUR = 60 * 60_000;
export const DAY = 24 * HOUR;

/** Puts the server's clock at an instant, so due dates in the spec are fixed dates. */
export async function setServerClock(server: TestServer, iso: string): Promise<void> {
  const res = await fetch(new URL('/__test/clock', server.url), { method: 'POST', body: JSON.stringify({ set: iso }) });
  if (!res.ok) throw new Error(`Setting the clock failed: ${res.status} ${await res.text()}`);
}

/**
 * goTo, unless the screen is already showing: a role lands on its home screen, and following
 * that screen's menu link again does not move focus to the heading goTo waits for.
 */
async function showScreen(page: Page, entry: string): Promise<void> {
  if (!(await page.getByRole('heading', { level: 1, name: entry }).isVisible())) await goTo(page, entry);
}

/**
 * The reviews specs' opening, on screen: the clinic set up at `at`, the administrator adds the
 * staff and registers the patients, then logs out.
 */
export async function setUpStaffedClinic(page: Page, server: TestServer, at: string, staff: readonly Person[], patients: readonly PatientSeed[]): Promise<void> {
  await setServerClock(server, at);
  await setUpClinic(page, server.url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  for (const person of staff) await createUser(page, person);
  for (const p of patients) await createPatient(page, p);
  await logOut(page);
}

/** The administrator adds a colleague on the Users screen. */
export async function createUser(page: Page, person: Person): Promise<void> {
  await showScreen(page, 'Users');
  await page.getByRole('button', { name: 'Add user' }).click();
  await page.getByLabel('Name', { exact: true }).fill(person.name);
  await page.getByLabel('Login').fill(person.login);
  await page.getByLabel('Role').selectOption(person.role);
  await page.getByLabel('Initial password').fill(person.password);
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('status').filter({ hasText: `can now log in as ${person.login}` })).toBeVisible();
}

export async function createPatient(page: Page, p: PatientSeed): Promise<void> {
  await goTo(page, 'Patients');
  await page.getByRole('button', { name: 'New patient' }).click();
  await page.getByLabel('Given name').fill(p.given);
  await page.getByLabel('Family name').fill(p.family);
  await page.getByLabel('MRN').fill(p.mrn);
  await page.getByLabel('Date of birth').fill(p.dateOfBirth);
  await page.getByLabel('Admission date').fill(p.admissionDate);
  await page.getByRole('radio', { name: 'Lives at home' }).check();
  if (p.allergy) {
    await page.getByRole('button', { name: 'Add an allergy' }).click();
    const allergy = page.getByRole('group', { name: 'Allergy 1' });
    await allergy.getByLabel('Substance').fill(p.allergy.substance);
    await allergy.getByLabel('Reaction').fill(p.allergy.reaction);
    await allergy.getByLabel('Severity').selectOption(p.allergy.severity);
  }
  await page.getByRole('button', { name: 'Save patient' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${p.family}, ${p.given}` })).toBeVisible();
}

/**
 * The logged-in prescriber starts chlordiazepoxide 25 mg four times daily for alcohol
 * withdrawal on the Start-an-order screen, from the patient's chart. `startLocal` is the
 * clinic's wall clock ("2026-06-01T09:00"): the browser's own clock is not the server's here.
 */
export async function startWithdrawalOrder(page: Page, patientName: string, startLocal: string): Promise<void> {
  await showScreen(page, 'Patients');
  await page.getByRole('link', { name: patientName }).click();
  await page.getByRole('button', { name: 'Medication list' }).click();
  await page.getByRole('button', { name: 'Start an order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Start an order' })).toBeVisible();
  const medication = page.getByLabel('Medication', { exact: true });
  const option = await medication.getByRole('option', { name: /^Chlordiazepoxide \(/ }).textContent();
  await medication.selectOption({ label: option ?? 'Chlordiazepoxide' });
  await page.getByLabel('Dose amount').fill('25');
  await page.getByLabel('Frequency').selectOption({ label: 'four times daily' });
  await page.getByRole('radio', { name: 'Staff at the facility' }).check();
  await page.getByLabel('Start', { exact: true }).fill(startLocal);
  await page.getByLabel('Indication', { exact: true }).fill('Alcohol withdrawal');
  await page.getByRole('button', { name: 'Start order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chlordiazepoxide order' })).toBeVisible();
}

/** After the clock jumps, the next action finds the session locked: unlock it with the password. */
export async function unlockAfterIdle(page: Page, password: string): Promise<void> {
  await nav(page).getByRole('link', { name: 'Patients', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Session locked after inactivity' })).toBeVisible();
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(nav(page)).toBeVisible();
}

/** The rows of a downloaded CSV (a leading byte-order mark, if any, removed). */
export async function readCsv(download: Download): Promise<{ rows: string[][]; hadBom: boolean; errors: unknown[] }> {
  const file = await download.path();
  const text = fs.readFileSync(file, 'utf8');
  const hadBom = text.charCodeAt(0) === 0xfeff;
  const parsed = Papa.parse<string[]>((hadBom ? text.slice(1) : text).trimEnd(), { newline: '\r\n' });
  return { rows: parsed.data, hadBom, errors: parsed.errors };
}

/** A band's section of the worklist ("Overdue (1)"). */
export const bandSection = (page: Page, band: string) => page.getByRole('region', { name: new RegExp(`^${band} \\(\\d+\\)$`) });
