import { expect, test } from './support/server';
import { setServerClock } from './support/followups';
import { api, chicago, DAY1, nurseLogsIn, PATIENT, PATIENT_NAME, setUpMarClinic } from './support/mar';
import { printedPages, stubPrintDialog } from './support/pdf';

const DAY0 = '2026-06-01';

test('every page of a printed multi-page MAR names the patient (name, MRN, date of birth, allergies) and is numbered', async ({
  page,
  server,
}) => {
  test.setTimeout(180_000);
  const clinic = await setUpMarClinic(server, chicago(DAY0, '12:00'));
  // Eight staff-given orders every four hours: 48 dose-time rows, more than one landscape sheet.
  const formulary = await api(server, 'formulary.list', {});
  for (const name of ['Clonidine', 'Lofexidine', 'Gabapentin', 'Hydroxyzine', 'Ondansetron', 'Loperamide', 'Nicotine gum', 'Trazodone']) {
    const med = formulary.find((m) => m.name === name);
    if (!med) throw new Error(`No ${name} in the formulary.`);
    await api(server, 'orders.start', {
      patientId: clinic.patientId,
      medicationId: med.id,
      indication: 'Synthetic print test',
      route: 'oral',
      administeredBy: 'staff',
      amount: med.strengths[0],
      unit: med.unit,
      frequency: 'q4h',
      startAt: chicago(DAY0, '12:05'),
      overrideReason: 'Synthetic test order accepted on purpose',
    });
  }
  await api(server, 'session.logout', {});
  await setServerClock(server, chicago(DAY1, '10:00'));
  await nurseLogsIn(page, server);
  await page
    .getByRole('link', { name: `MAR for ${PATIENT_NAME}` })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: `MAR: ${PATIENT_NAME}` })).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: /Medication administration record/ })
      .getByRole('row')
      .filter({ hasText: 'Trazodone' })
      .first(),
  ).toBeVisible();

  const printed = await stubPrintDialog(page);
  await page.getByLabel('Paper').selectOption('Letter');
  await page.getByRole('button', { name: 'Print' }).click();
  await expect.poll(printed).toBe(1);

  const pages = await printedPages(page);
  expect(pages.length).toBeGreaterThan(1);
  // When it was printed, in the app's one format and the clinic's zone (main's clock: 10:00 and a few minutes).
  expect(pages[0]).toMatch(/Printed 2 Jun 2026, 10:\d\d CDT/);
  pages.forEach((text, i) => {
    expect(text).toContain(`${PATIENT_NAME} · MRN ${PATIENT.mrn} · Born 29 Feb 1984 · Allergies: Penicillin (Hives, moderate)`);
    expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
    expect(text).toContain('Confidential: 42 CFR Part 2');
    expect(text).toContain('Federal rules prohibit any further disclosure of this information');
  });
  // On screen the banner above the grid says it once; the repeated row is for paper only.
  await expect(page.getByRole('columnheader', { name: /Allergies: Penicillin/ })).toHaveCount(0);
});
