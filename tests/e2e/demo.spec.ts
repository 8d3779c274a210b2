import { expect, test } from './support/server';
import { goTo, logIn, logOut, menuEntries, nav } from './support/flows';
import type { Page } from '@playwright/test';

const demoBanner = (page: Page) => page.getByRole('note', { name: 'Demo mode' });

test('the demo clinic: banner everywhere, demo logins shown, role menus', async ({ page, server }) => {
  // Building the demo writes two weeks of MAR history through the real services.
  test.setTimeout(240_000);
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Explore a demo clinic' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible({ timeout: 120_000 });
  await expect(demoBanner(page)).toContainText('DEMO — synthetic data');

  const logins = page.getByRole('region', { name: 'Demo logins' });
  await expect(logins).toContainText('demo-password');
  await expect(logins.getByRole('row', { name: /prescriber1/ })).toContainText('Prescriber');
  await expect(logins.getByRole('row', { name: /nurse1/ })).toContainText('Nurse');

  await logIn(page, 'prescriber1', 'demo-password');
  await expect(demoBanner(page)).toContainText('DEMO — synthetic data');
  expect(await menuEntries(page)).toEqual(['Patients', 'Medication lists', 'Reviews']);
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.nth(20)).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(20);

  // The prescriber's list of the demo clinic's current patients, with their active orders.
  await goTo(page, 'Medication lists');
  await expect(page.getByRole('heading', { level: 1, name: 'Medication lists' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('table').getByRole('row').nth(10)).toBeVisible();

  await logOut(page);
  await expect(demoBanner(page)).toBeVisible();
  // "Use" fills the login and the shared demo password.
  await logins.getByRole('button', { name: 'Use nurse1' }).click();
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(nav(page)).toBeVisible();
  expect(await menuEntries(page)).toEqual(["Today's doses", 'End of shift', 'Patients']);
  await expect(page.getByRole('heading', { level: 1, name: "Today's doses" })).toBeVisible();
  // The demo seeds MAR history through the real services: the nurse lands on doses to work.
  await expect(page.getByRole('table', { name: 'Scheduled doses' }).first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('main').getByRole('button', { name: /^Give / }).first()).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Users' })).toHaveCount(0);
  await expect(demoBanner(page)).toBeVisible();

  await demoBanner(page).getByRole('button', { name: 'Leave demo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Set up Medtrack' })).toBeVisible();
  await expect(demoBanner(page)).toHaveCount(0);
});
