import { expect, test } from './support/server';
import { CLINIC, goTo, logIn, setUpClinic } from './support/flows';

test('an idle session locks; only the password reopens it, on the same screen', async ({ page, server }) => {
  await setUpClinic(page, server.url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  await goTo(page, 'Patients');

  // Past the default 15-minute limit on the server's clock: the next action finds the session locked.
  await server.advanceClock(16 * 60_000);
  // click, not check: check() then waits for the box to read checked, but the lock screen
  // replaces the page as soon as main refuses the request, so that wait could never end.
  await page.getByRole('checkbox', { name: 'Show discharged' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Session locked after inactivity' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(page.getByRole('main')).toContainText(CLINIC.adminName);

  await page.getByLabel('Password').fill('not-my-password');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('Password').fill(CLINIC.adminPassword);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible();

  // Locking by hand; "Switch user" offers the full login form.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Screen locked' })).toBeVisible();
  await page.getByRole('button', { name: 'Switch user' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  await expect(page.getByLabel('Login', { exact: true })).toBeVisible();
});
