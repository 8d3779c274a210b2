import { expect, type Page } from '@playwright/test';

/** A clearly fictional clinic and administrator for the specs. */
export const CLINIC = {
  name: 'Larkspur Testing IOP',
  timeZone: 'America/Chicago',
  adminLogin: 'admin',
  adminName: 'Ada Testwell',
  adminPassword: 'admin-password-e2e',
  recoveryPassphrase: 'purple otter juggles seventeen lanterns',
};

/** First run: "Set up our clinic" through to the login screen. */
export async function setUpClinic(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up Medtrack' })).toBeVisible();
  await page.getByRole('button', { name: 'Set up our clinic' }).click();
  await page.getByLabel('Clinic name').fill(CLINIC.name);
  await page.getByLabel('Time zone').selectOption(CLINIC.timeZone);
  await page.getByLabel('Administrator login').fill(CLINIC.adminLogin);
  await page.getByLabel('Administrator name').fill(CLINIC.adminName);
  await page.getByLabel('Administrator password').fill(CLINIC.adminPassword);
  await page.getByLabel('Recovery passphrase', { exact: true }).fill(CLINIC.recoveryPassphrase);
  await page.getByLabel('Repeat the recovery passphrase').fill(CLINIC.recoveryPassphrase);
  await page.getByRole('button', { name: 'Create the clinic' }).click();
  // Creating the clinic hashes the key wrapping and the first password with scrypt (N=2^17) in the
  // database worker: a deadline for a busy machine, not a speed target.
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible({ timeout: 60_000 });
}

export async function logIn(page: Page, login: string, password: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  await page.getByLabel('Login', { exact: true }).fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 15_000 });
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
}

export const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

/** The menu's entries, in order. */
export async function menuEntries(page: Page): Promise<string[]> {
  return (await nav(page).getByRole('link').allTextContents()).map((t) => t.trim());
}

export async function goTo(page: Page, entry: string): Promise<void> {
  await nav(page).getByRole('link', { name: entry, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: entry })).toBeFocused();
}
