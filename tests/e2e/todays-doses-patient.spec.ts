import { expect, test } from './support/server';
import { api, chicago, DAY1, nurseLogsIn, PATIENT_NAME, setUpMarClinic, startOrder } from './support/mar';
import { choosePatient } from './support/picker';

/**
 * Issue 8 item 8, no silent caps: Today's doses' patient filter is the search-as-you-type
 * patient picker (it was a dropdown of every admitted patient, read whole on each visit). The
 * nurse narrows the shift to one resident by typing part of the name, and clears it again.
 */
const OTHER = { given: 'Otto', family: 'Pillbrook', mrn: 'E2E-MAR-02' };
const OTHER_NAME = `${OTHER.family}, ${OTHER.given}`;

test("the nurse narrows Today's doses to one patient with the patient picker and clears it", async ({ page, server }) => {
  test.setTimeout(120_000);
  const clinic = await setUpMarClinic(server, chicago(DAY1, '07:00'));
  const other = await api(server, 'patients.create', {
    patient: { mrn: OTHER.mrn, familyName: OTHER.family, givenName: OTHER.given, dateOfBirth: '1975-05-05', admissionDate: '2026-05-25', residence: 'facility' },
    allergies: [],
  });
  await startOrder(server, clinic, 'Thiamine', { indication: 'Prophylaxis', amount: 100, frequency: 'daily', startAt: chicago(DAY1, '07:05') });
  await startOrder(server, { ...clinic, patientId: other.id }, 'Folic acid', { indication: 'Supplement', amount: 1, frequency: 'daily', startAt: chicago(DAY1, '07:05') });
  await nurseLogsIn(page, server);

  const mara = page.getByRole('region', { name: PATIENT_NAME });
  const otto = page.getByRole('region', { name: OTHER_NAME });
  await expect(mara).toBeVisible();
  await expect(otto).toBeVisible();

  const filters = page.getByRole('group', { name: 'Filter doses' });
  await expect(filters.getByRole('combobox', { name: 'Patient' })).toHaveAttribute('placeholder', 'All patients');
  await choosePatient(filters, 'Patient', OTHER.family.slice(0, 4), `${OTHER_NAME} (${OTHER.mrn})`);
  await expect(otto).toBeVisible();
  await expect(otto.getByRole('row').filter({ hasText: 'Folic acid' })).toHaveCount(1);
  await expect(mara).toHaveCount(0);

  await filters.getByRole('button', { name: 'Clear Patient' }).click();
  await expect(mara).toBeVisible();
  await expect(otto).toBeVisible();
  await expect(page.getByRole('region', { name: PATIENT_NAME }).getByRole('row').filter({ hasText: 'Thiamine' })).toHaveCount(1);
});
