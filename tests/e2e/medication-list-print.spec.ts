import { expect, test } from './support/server';
import { CLINIC, logIn } from './support/flows';
import { setServerClock } from './support/followups';
import { api, as, chicago, DAY1, PATIENT, PATIENT_NAME, PRESCRIBER, setUpMarClinic, startOrder, type MarClinic } from './support/mar';
import { printedPages, stubPrintDialog } from './support/pdf';
import type { TestServer } from './support/server';
import type { Page } from '@playwright/test';

// Each test has its own server and data folder: run them side by side.
test.describe.configure({ mode: 'parallel' });

const DAY0 = '2026-06-01';

/** Chlordiazepoxide 25 mg four times daily from 1 Jun, stepping down every other day to 5 mg. */
async function chlordiazepoxideTaper(server: TestServer, clinic: MarClinic) {
  return startOrder(server, clinic, 'Chlordiazepoxide', {
    indication: 'Alcohol withdrawal',
    amount: 25,
    frequency: 'qid',
    startAt: chicago(DAY0, '12:05'),
    taperSteps: [
      { effectiveFrom: chicago('2026-06-03', '08:00'), amount: 20 },
      { effectiveFrom: chicago('2026-06-05', '08:00'), amount: 15 },
      { effectiveFrom: chicago('2026-06-07', '08:00'), amount: 10 },
      { effectiveFrom: chicago('2026-06-09', '08:00'), amount: 5 },
    ],
    // A week's alcohol-withdrawal taper is faster than the clinic's benzodiazepine taper limit,
    // so main asks for the prescriber's reason (issue 8 item 4).
    overrideReason: 'Alcohol withdrawal taper over one week, planned on purpose',
  });
}

/** The prescriber opens the patient's medication list on screen, at 10:00 on 2 June. */
async function openList(page: Page, server: TestServer) {
  await api(server, 'session.logout', {});
  await setServerClock(server, chicago(DAY1, '10:00'));
  await page.goto(server.url);
  await logIn(page, PRESCRIBER.login, PRESCRIBER.password);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Medication lists', exact: true }).click();
  await page.getByRole('table').getByRole('link', { name: PATIENT_NAME }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Medication list: ${PATIENT_NAME}` })).toBeVisible();
}

test('the printed medication list: one page, clinic, who and when, the whole taper calendar, page numbers, a reconciled-by line; the print is audited', async ({
  page,
  server,
}) => {
  const clinic = await setUpMarClinic(server, chicago(DAY0, '12:00'));
  await chlordiazepoxideTaper(server, clinic);
  await startOrder(server, clinic, 'Thiamine', {
    indication: 'Prophylaxis',
    amount: 100,
    frequency: 'daily',
    startAt: chicago(DAY0, '12:05'),
  });
  await openList(page, server);

  const printed = await stubPrintDialog(page);
  await page.getByRole('button', { name: 'Print' }).click();
  await expect.poll(printed).toBe(1);

  const pages = await printedPages(page);
  // A short list is one sheet of paper: no blank second page.
  expect(pages).toHaveLength(1);
  const [sheet] = pages;
  expect(sheet).toContain(`Medication list — ${CLINIC.name}`);
  // main's clock (set to 10:00 and running on), in the clinic's zone and the app's format.
  expect(sheet).toMatch(new RegExp(`Printed by ${PRESCRIBER.name} on 2 Jun 2026, 10:0\\d CDT`));
  expect(sheet).toContain(`MRN ${PATIENT.mrn}`);
  expect(sheet).toContain('Page 1 of 1');
  expect(sheet).toContain(`Medication list: ${PATIENT_NAME}, MRN ${PATIENT.mrn}`);
  // Every step of the taper, in the clinic's zone and the app's format, with its daily total.
  expect(sheet).toMatch(/1 Jun 2026, 12:05 CDT 3 Jun 2026, 08:00 CDT 25 mg four times daily 100 mg In effect when printed/);
  expect(sheet).toMatch(/3 Jun 2026, 08:00 CDT 5 Jun 2026, 08:00 CDT 20 mg four times daily 80 mg Planned/);
  expect(sheet).toMatch(/9 Jun 2026, 08:00 CDT Continues 5 mg four times daily 20 mg Planned/);
  expect(sheet).toMatch(/Reconciled by _+ Date _+/);
  expect(sheet).toContain('42 CFR Part 2');
  // On screen none of it shows: the calendar and the sign-off are for paper.
  await expect(page.getByText('Reconciled by')).toBeHidden();

  await as(server, { login: CLINIC.adminLogin, password: CLINIC.adminPassword });
  const audit = await api(server, 'audit.list', { action: 'orders.print_list' });
  expect(audit).toHaveLength(1);
  expect(audit[0].actorName).toBe(PRESCRIBER.name);
});

test('a long medication list prints on numbered pages, each naming the patient, the last one not blank', async ({ page, server }) => {
  const clinic = await setUpMarClinic(server, chicago(DAY0, '12:00'));
  await chlordiazepoxideTaper(server, clinic);
  const home = [
    'Thiamine',
    'Folic acid',
    'Acamprosate',
    'Gabapentin',
    'Trazodone',
    'Hydroxyzine',
    'Ondansetron',
    'Loperamide',
    'Nicotine patch',
    'Naltrexone',
  ];
  const formulary = await api(server, 'formulary.list', {});
  for (const name of home) {
    const med = formulary.find((m) => m.name === name);
    if (!med) throw new Error(`No ${name} in the formulary.`);
    await api(server, 'orders.start', {
      patientId: clinic.patientId,
      medicationId: med.id,
      indication: `Synthetic indication for ${name}, written out long enough to wrap in its cell on paper`,
      route: name === 'Nicotine patch' ? 'transdermal' : 'oral',
      administeredBy: 'patient',
      amount: med.strengths[0],
      unit: med.unit,
      frequency: 'daily',
      startAt: chicago(DAY0, '12:05'),
      overrideReason: 'Synthetic test order accepted on purpose',
    });
  }
  await openList(page, server);
  await stubPrintDialog(page);
  await page.getByRole('button', { name: 'Print' }).click();
  await expect(page.getByRole('button', { name: 'Print' })).toBeEnabled();

  const pages = await printedPages(page);
  expect(pages.length).toBeGreaterThan(1);
  pages.forEach((text, i) => {
    expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
    expect(text).toContain(`Medication list: ${PATIENT_NAME}, MRN ${PATIENT.mrn}`);
  });
  expect(pages[pages.length - 1]).toMatch(/Reconciled by _+ Date _+/);
});

test('in the demo clinic (its banner above the app) the list prints without a blank page', async ({ page, server }) => {
  // Building the demo writes two weeks of MAR history through the real services.
  test.setTimeout(240_000);
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Explore a demo clinic' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible({ timeout: 120_000 });
  await logIn(page, 'prescriber1', 'demo-password');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Medication lists', exact: true }).click();
  await page.getByRole('main').getByRole('table').getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: /^Medication list: / })).toBeVisible();
  await stubPrintDialog(page);
  await page.getByRole('button', { name: 'Print' }).click();
  await expect(page.getByText('Reconciled by')).toBeAttached();

  const pages = await printedPages(page);
  pages.forEach((text, i) => {
    expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
    // Take away what every sheet carries anyway (footer, demo banner): something must be left.
    const own = text
      .replace(`Page ${i + 1} of ${pages.length}`, '')
      .replace(/Medication list: [^,]+, [^,]+, MRN \S+/, '')
      .replace('DEMO — synthetic data Every person and record here is made up.', '')
      .trim();
    expect(own, `page ${i + 1} of ${pages.length} is blank`).not.toBe('');
  });
  expect(pages[pages.length - 1]).toMatch(/Reconciled by _+ Date _+/);
});
