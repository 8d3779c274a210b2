import { expect, test } from './support/server';
import { CLINIC, goTo, logIn, logOut, menuEntries, nav, setUpClinic } from './support/flows';

const NURSE = { name: 'Nell Testbridge', login: 'nell.test', password: 'nurse-password-e2e' };

test('admin screens and role menus: the admin manages users and settings, a nurse sees neither', async ({ page, server }) => {
  await setUpClinic(page, server.url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  expect(await menuEntries(page)).toEqual(['Users', 'Settings', 'Review policy', 'Audit log', 'Patients', 'Formulary', 'Backups']);
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();

  // A too-short password is refused next to the field; then the nurse is created.
  await page.getByRole('button', { name: 'Add user' }).click();
  await page.getByLabel('Name', { exact: true }).fill(NURSE.name);
  await page.getByLabel('Credentials').fill('RN');
  await page.getByLabel('Login').fill(NURSE.login);
  await page.getByLabel('Role').selectOption('nurse');
  await page.getByLabel('Initial password').fill('short');
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByLabel('Initial password')).toHaveAccessibleDescription(/at least 10 characters/);
  await page.getByLabel('Initial password').fill(NURSE.password);
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('status').filter({ hasText: `can now log in as ${NURSE.login}` })).toBeVisible();
  await expect(page.getByRole('table').getByRole('row', { name: new RegExp(NURSE.name) })).toContainText('Nurse');

  // Settings: renaming the clinic shows in the header at once.
  await goTo(page, 'Settings');
  await expect(page.getByLabel('Time zone')).toHaveValue(CLINIC.timeZone);
  await page.getByLabel('Clinic name').fill('Larkspur Renamed IOP');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Larkspur Renamed IOP');

  // Audit log: the changes are there and the chain verifies.
  await goTo(page, 'Audit log');
  await expect(page.getByRole('table')).toContainText('User account created');
  await expect(page.getByRole('table')).toContainText('Setting changed');
  await page.getByRole('button', { name: 'Verify audit chain' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Audit chain verified' })).toBeVisible();

  await logOut(page);
  await logIn(page, NURSE.login, NURSE.password);
  expect(await menuEntries(page)).toEqual(["Today's doses", 'End of shift', 'Patients']);
  await expect(nav(page).getByRole('link', { name: 'Users' })).toHaveCount(0);
  await expect(nav(page).getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await expect(page.getByRole('banner')).toContainText(NURSE.name);
  await expect(page.getByRole('banner')).toContainText('Nurse');
});
