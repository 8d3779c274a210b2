import type { Page } from '@playwright/test';
import { expect, test } from './support/server';
import { CLINIC, logIn } from './support/flows';
import { setServerClock } from './support/followups';
import { api, as, chicago, DAY1, PATIENT_NAME, PRESCRIBER, setUpMarClinic, startOrder } from './support/mar';
import { printedPages, stubPrintDialog } from './support/pdf';
import type { TestServer } from './support/server';

/**
 * Issue 8 item 12: Ctrl+P on the medication list printed it without its audit entry or header.
 * Now the shortcut runs the screen's own audited print, and a print started any other way
 * (the browser's menu: page.pdf() prints the page as it stands) carries no record, only a line
 * saying to use Print.
 */
test.describe.configure({ mode: 'parallel' });

async function openList(page: Page, server: TestServer) {
  const clinic = await setUpMarClinic(server, chicago('2026-06-01', '12:00'));
  await startOrder(server, clinic, 'Thiamine', { indication: 'Prophylaxis', amount: 100, frequency: 'daily', startAt: chicago('2026-06-01', '12:05') });
  await api(server, 'session.logout', {});
  await setServerClock(server, chicago(DAY1, '10:00'));
  await page.goto(server.url);
  await logIn(page, PRESCRIBER.login, PRESCRIBER.password);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Medication lists', exact: true }).click();
  await page.getByRole('table').getByRole('link', { name: PATIENT_NAME }).click();
  await expect(page.getByRole('table', { name: /medication/i }).getByText('Thiamine')).toBeVisible();
}

const printAudits = async (server: TestServer) => {
  await as(server, { login: CLINIC.adminLogin, password: CLINIC.adminPassword });
  return api(server, 'audit.list', { action: 'orders.print_list' });
};

test('Ctrl+P on the medication list is the audited print: recorded, with the header', async ({ page, server }) => {
  await openList(page, server);
  const printed = await stubPrintDialog(page);
  await page.keyboard.press('Control+p');
  await expect.poll(printed).toBe(1);
  const [sheet] = await printedPages(page);
  expect(sheet).toContain(`Medication list — ${CLINIC.name}`);
  expect(sheet).toMatch(new RegExp(`Printed by ${PRESCRIBER.name} on 2 Jun 2026, 10:0\\d CDT`));
  expect(sheet).toContain('Thiamine');
  expect(await printAudits(server)).toHaveLength(1);
});

test('a print that skips the Print button carries no record: one line instead of the list', async ({ page, server }) => {
  await openList(page, server);
  const pages = await printedPages(page);
  expect(pages).toEqual(['Not printed: print from the Print button on the screen (or press Ctrl+P there), so the print is recorded and carries its header.']);
  expect(await printAudits(server)).toHaveLength(0);
});
