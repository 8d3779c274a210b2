import type { Page } from '@playwright/test';
import { expect, test } from './support/server';
import { goTo, logIn } from './support/flows';
import { api, NURSE, setUpApiClinic } from './support/mar';

/**
 * Issue 8 item 6: a nurse registering "Mary Jonson" born the same day as Mary Johnson (who has a
 * penicillin allergy) is shown Mary Johnson's chart, MRN and allergy, and must say "this is a
 * different person" before a second chart is made.
 */
async function fillNewPatient(page: Page, given: string, family: string, mrn: string) {
  await goTo(page, 'Patients');
  await page.getByRole('button', { name: 'New patient' }).click();
  await page.getByLabel('Given name').fill(given);
  await page.getByLabel('Family name').fill(family);
  await page.getByLabel('MRN').fill(mrn);
  await page.getByLabel('Date of birth').fill('1984-02-29');
  await page.getByLabel('Admission date').fill('2026-06-01');
  await page.getByRole('radio', { name: 'Lives at home' }).check();
  await page.getByRole('button', { name: 'Save patient' }).click();
}

test('a possible duplicate shows the existing chart with its allergy and needs "this is a different person"', async ({ page, server }) => {
  await setUpApiClinic(server, '2026-06-02T15:00:00.000Z', [NURSE]);
  await api(server, 'patients.create', {
    patient: { mrn: 'E2E-D1', familyName: 'Johnson', givenName: 'Mary', dateOfBirth: '1984-02-29', admissionDate: '2026-05-01', residence: 'home' },
    allergies: [{ substance: 'Penicillin', reaction: 'Hives', severity: 'severe' }],
  });
  await api(server, 'session.logout', {});
  await page.goto(server.url);
  await logIn(page, NURSE.login, NURSE.password);

  await fillNewPatient(page, 'Mary', 'Jonson', 'E2E-D2');
  const warning = page.getByRole('region', { name: 'This patient may already be registered' });
  await expect(warning).toContainText('MRN E2E-D1, born 29 Feb 1984 (close name). Allergies: Penicillin.');
  await expect(page.getByRole('heading', { level: 1, name: 'New patient' })).toBeVisible();
  // Saving again without the answer is still refused.
  await page.getByRole('button', { name: 'Save patient' }).click();
  await expect(warning.locator('.field-error')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'New patient' })).toBeVisible();

  await warning.getByRole('checkbox', { name: 'This is a different person' }).check();
  await page.getByRole('button', { name: 'Save patient' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jonson, Mary' })).toBeVisible();

  // A third try lists both charts; the link opens the first one, allergy in its banner.
  await fillNewPatient(page, 'Mary', 'Johnson', 'E2E-D3');
  await expect(warning.getByRole('listitem')).toHaveCount(2);
  await warning.getByRole('link', { name: 'Johnson, Mary' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Johnson, Mary' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Patient' })).toContainText('MRN E2E-D1');
  await goTo(page, 'Patients');
  await expect(page.getByRole('table').locator('caption')).toHaveText('2 patients currently admitted');
});

test('editing a birth date onto another chart shows that chart and needs "this is a different person" before it saves', async ({ page, server }) => {
  await setUpApiClinic(server, '2026-06-02T15:00:00.000Z', [NURSE]);
  const home = { admissionDate: '2026-05-01', residence: 'home' as const };
  await api(server, 'patients.create', {
    patient: { mrn: 'E2E-E1', familyName: 'Johnson', givenName: 'Mary', dateOfBirth: '1984-02-29', ...home },
    allergies: [{ substance: 'Penicillin', reaction: 'Hives', severity: 'severe' }],
  });
  await api(server, 'patients.create', {
    patient: { mrn: 'E2E-E2', familyName: 'Jonson', givenName: 'Mary', dateOfBirth: '1984-03-01', ...home },
    allergies: [],
  });
  await api(server, 'session.logout', {});
  await page.goto(server.url);
  await logIn(page, NURSE.login, NURSE.password);

  await goTo(page, 'Patients');
  await page.getByRole('link', { name: 'Jonson, Mary' }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Date of birth').fill('1984-02-29');
  await page.getByLabel('Reason for the change').fill('Birth date corrected from the ID card');
  await page.getByRole('button', { name: 'Save changes' }).click();

  const warning = page.getByRole('region', { name: 'This patient may already have another chart' });
  await expect(warning).toContainText('MRN E2E-E1, born 29 Feb 1984 (close name). Allergies: Penicillin.');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(warning.locator('.field-error')).toHaveText('Tick “This is a different person” to save this change, or open the existing one.');
  await expect(page.getByRole('heading', { level: 1, name: 'Edit patient' })).toBeVisible();

  await warning.getByRole('checkbox', { name: 'This is a different person' }).check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jonson, Mary' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Patient' })).toContainText('29 Feb 1984');
});
