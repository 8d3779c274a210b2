import { expect, test } from './support/server';
import { CLINIC, goTo, logIn } from './support/flows';
import { type Person } from './support/followups';
import { api, setUpApiClinic } from './support/mar';
import { choosePatient } from './support/picker';
import type { TestServer } from './support/server';

/**
 * Issue 8 item 8, no silent caps: with 530 patients admitted the list says 530 (it said
 * "500 patients currently admitted"), pages through all of them, searches past the first
 * page, and the director's patient filter finds a patient the old 500-name list left out.
 */
const DIRECTOR: Person = { name: 'Dr. Dana Overseer', login: 'dana.test', password: 'director-password-e2e', role: 'medical_director' };
const ADMITTED = 530;

async function setUpLargeClinic(server: TestServer) {
  await setUpApiClinic(server, '2026-06-02T15:00:00.000Z', [DIRECTOR]);
  for (let i = 0; i < ADMITTED; i++) {
    // "Zz" sorts last: the old list's first 500 by name never reached these.
    const familyName = i >= ADMITTED - 3 ? `Zzylstra${i}` : `Listwell${String(i).padStart(4, '0')}`;
    await api(server, 'patients.create', {
      patient: { mrn: `E2E-L${i}`, familyName, givenName: 'Pat', dateOfBirth: '1980-01-01', admissionDate: '2026-05-01', residence: 'home' },
      allergies: [],
      // Listwell0001 and Listwell0002, born the same day, are one letter apart: synthetic, not one person.
      confirmedDifferentPerson: true,
    });
  }
  await api(server, 'session.logout', {});
}

test('530 admitted patients: the true count, every page, and search past the first page', async ({ page, server }) => {
  await setUpLargeClinic(server);
  await page.goto(server.url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  await goTo(page, 'Patients');
  const table = page.getByRole('table', { name: /patients/ });
  await expect(table.locator('caption')).toHaveText('530 patients currently admitted');
  const pages = page.getByRole('navigation', { name: 'Pages' });
  await expect(pages.getByRole('status')).toHaveText('Showing 1–100 of 530 patients');
  await expect(pages.getByRole('button', { name: 'Previous page' })).toBeDisabled();
  for (let i = 0; i < 5; i++) await pages.getByRole('button', { name: 'Next page' }).click();
  await expect(pages.getByRole('status')).toHaveText('Showing 501–530 of 530 patients');
  await expect(pages.getByRole('button', { name: 'Next page' })).toBeDisabled();
  await expect(table.getByRole('link', { name: 'Zzylstra529, Pat' })).toBeVisible();

  await page.getByLabel('Search patients').fill('Zzyl');
  await expect(table.locator('caption')).toHaveText('3 patients matching “Zzyl”');
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(pages).toHaveCount(0);
});

test("the director's patient filter searches every patient, not the first 500 names", async ({ page, server }) => {
  await setUpLargeClinic(server);
  await page.goto(server.url);
  await logIn(page, DIRECTOR.login, DIRECTOR.password);
  const filters = page.getByRole('search', { name: 'Audit filters' });
  const box = filters.getByRole('combobox', { name: 'Patient' });
  await box.click();
  await expect(filters.getByRole('status')).toHaveText('20 of 530 shown: type more of the name or MRN to narrow.');
  await choosePatient(filters, 'Patient', 'zzylstra52', 'Zzylstra528, Pat (E2E-L528)');
  await filters.getByRole('button', { name: 'Clear Patient' }).click();
  await expect(box).toHaveValue('');
  await expect(box).toHaveAttribute('placeholder', 'All patients');
});
