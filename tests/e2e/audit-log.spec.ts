import { expect, test } from './support/server';
import { goTo, logIn, logOut } from './support/flows';
import { setUpStaffedClinic, startWithdrawalOrder, type Person } from './support/followups';
import { choosePatient } from './support/picker';

/**
 * The audit log viewer (issue 8 items 9 and 11), by role and label: entries in words, filters by
 * person, patient, kind and dates, a readable difference, a link to the record, and pages with
 * the true total.
 */
const PRESCRIBER: Person = { name: 'Dr. Priya Testmoor', login: 'priya.audit', password: 'prescriber-password-e2e', role: 'prescriber' };
const DIRECTOR: Person = { name: 'Dr. Dana Overseer', login: 'dana.audit', password: 'director-password-e2e', role: 'medical_director' };
const ADA = { given: 'Ada', family: 'Quarrington', mrn: 'E2E-A1', dateOfBirth: '1979-03-14', admissionDate: '2026-06-01' };
const BO = { given: 'Bo', family: 'Vellacott', mrn: 'E2E-B2', dateOfBirth: '1981-07-02', admissionDate: '2026-06-01' };
// Monday 1 June 2026, 09:00 in Chicago (the spec clinic's zone).
const T0 = '2026-06-01T14:00:00.000Z';

test('the director filters the audit log to one patient’s orders, reads each change in words and opens the record', async ({ page, server }) => {
  test.setTimeout(240_000);
  await setUpStaffedClinic(page, server, T0, [PRESCRIBER, DIRECTOR], [ADA, BO]);
  await logIn(page, PRESCRIBER.login, PRESCRIBER.password);
  await startWithdrawalOrder(page, `${ADA.family}, ${ADA.given}`, '2026-06-01T09:00');
  await startWithdrawalOrder(page, `${BO.family}, ${BO.given}`, '2026-06-01T09:00');
  await logOut(page);

  await logIn(page, DIRECTOR.login, DIRECTOR.password);
  await goTo(page, 'Audit log');
  // Unfiltered: a page of 25 with the true total, and the rest on demand.
  const count = page.getByRole('status').filter({ hasText: /Showing|No entries/ });
  await expect(count).toContainText(/Every entry\. Showing 25 of \d+ entries/);
  const total = Number(/of (\d+) entries/.exec((await count.textContent()) ?? '')?.[1]);
  expect(total).toBeGreaterThan(25);
  expect(total).toBeLessThanOrEqual(50);
  await page.getByRole('button', { name: `Show ${total - 25} older entries` }).click();
  await expect(count).toContainText(`Showing ${total} of ${total} entries`);
  await expect(page.getByRole('button', { name: /older entries/ })).toHaveCount(0);
  const table = page.getByRole('table', { name: /Audit entries/ });
  await expect(table).not.toContainText(/\b(orders|users|session|formulary)\.[a-z_]+/);

  const filters = page.getByRole('form', { name: 'Audit log filters' });
  // The search-as-you-type picker, as everywhere a patient is chosen out of the whole clinic.
  await choosePatient(filters, 'Patient', 'Quarr', `${ADA.family}, ${ADA.given} (${ADA.mrn})`);
  await filters.getByLabel('Kind of action').selectOption({ label: 'Orders and doses' });
  await filters.getByLabel('Person').selectOption({ label: PRESCRIBER.name });
  await filters.getByLabel('From').fill('1 Jun 2026');
  await filters.getByLabel('To').fill('1 Jun 2026');
  await filters.getByRole('button', { name: 'Show entries' }).click();
  await expect(count).toHaveText(
    `Filtered by ${PRESCRIBER.name}, about ${ADA.family}, ${ADA.given} (MRN ${ADA.mrn}), kind: Orders and doses, from 1 Jun 2026, to 1 Jun 2026. Showing 2 of 2 entries, newest first.`,
  );
  const started = table.getByRole('row', { name: /Order started Chlordiazepoxide order/ });
  await expect(started).toContainText(PRESCRIBER.name);
  await expect(started).toContainText(`${ADA.family}, ${ADA.given} (MRN ${ADA.mrn})`);
  await expect(table).not.toContainText(BO.family);
  const dose = table.getByRole('row', { name: /Starting dose set Chlordiazepoxide dose/ });
  await expect(dose).toContainText('Takes effect: 1 Jun 2026, 09:00 CDT');
  await expect(dose).toContainText('Amount: 25');

  // A day with nothing in it says so.
  await filters.getByLabel('From').fill('2 Jun 2026');
  await filters.getByLabel('To').fill('2 Jun 2026');
  await filters.getByRole('button', { name: 'Show entries' }).click();
  await expect(count).toContainText('No entries match.');
  await filters.getByLabel('From').fill('1 Jun 2026');
  await filters.getByLabel('To').fill('');
  await filters.getByRole('button', { name: 'Show entries' }).click();

  await started.getByRole('link', { name: 'Chlordiazepoxide order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chlordiazepoxide order' })).toBeVisible();
  await expect(page.getByText(ADA.mrn).first()).toBeVisible();
});
