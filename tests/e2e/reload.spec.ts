import { expect, test } from './support/server';
import { CLINIC, goTo, logIn, nav, setUpClinic } from './support/flows';

/**
 * Issue 10, defect 9: reloading the page (the default menu's Reload) while a session was open
 * rendered nothing at all. It must land on the same screen, or on the lock screen when locked.
 */
test('a reload while signed in returns to the same screen; while locked, to the lock screen', async ({ page, server }) => {
  await setUpClinic(page, server.url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  await goTo(page, 'Formulary');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Formulary' })).toBeVisible();
  await expect(nav(page)).toBeVisible();

  await goTo(page, 'Settings');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Screen locked' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: /locked/ })).toBeVisible();
  await expect(nav(page)).toHaveCount(0);
  await page.getByLabel('Password').fill(CLINIC.adminPassword);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  // After logging out, a reload shows the login screen, and the next login starts at home.
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
});
