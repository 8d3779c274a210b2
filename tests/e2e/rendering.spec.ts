import type { Page } from '@playwright/test';
import { expect, test } from './support/server';
import { CLINIC, goTo, logIn, setUpClinic } from './support/flows';

/*
 * Rendering suite (issue 10): text a patient or a colleague provides, full of markup, bidi
 * overrides and length, is entered through the real forms and shown on the screens that show
 * it. It must come out as text: the literal characters on screen, no element made from it, no
 * script run (each payload would set window.__pwned), no page error. Control characters other
 * than tab and line breaks are refused at entry, in words.
 */

const PWNED = 'window.__pwned';
const HOSTILE = {
  family: `<img src=x onerror="${PWNED}='family'">`,
  // U+202E RIGHT-TO-LEFT OVERRIDE: displays reversed; must stay characters, never markup.
  given: `\u202Etxt.exe<script>${PWNED}='given'</script>`,
  substance: `<iframe src="javascript:${PWNED}='allergy'"></iframe>`,
  reaction: `Hives\t"><svg onload="${PWNED}='reaction'">\nand swelling`,
};
const LONG_FAMILY = 'W'.repeat(100); // the longest family name the form takes, with nowhere to break

async function expectInert(page: Page, where: string): Promise<void> {
  const found = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    // Elements a payload would have made: none of these are ever part of the app's own screens.
    made: document.querySelectorAll('img[src="x"], iframe, svg[onload], [onerror], [onload], [onmouseover], script:not([src])').length,
  }));
  expect(found, where).toEqual({ pwned: null, made: 0 });
}

test('hostile patient text renders as text on the list, the chart and the banner, runs nothing, and control characters are refused', async ({ page, server }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await setUpClinic(page, server.url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);

  await goTo(page, 'Patients');
  await page.getByRole('button', { name: 'New patient' }).click();
  // A bell character (U+0007) is refused with words, and nothing is saved.
  await page.getByLabel('Given name').fill('Bell');
  await page.getByLabel('Family name').fill('Ring\u0007er');
  await page.getByLabel('MRN').fill('E2E-XSS-0');
  await page.getByLabel('Date of birth').fill('1990-01-01');
  await page.getByLabel('Admission date').fill('2026-11-02');
  await page.getByRole('radio', { name: 'Lives at home' }).check();
  await page.getByRole('button', { name: 'Save patient' }).click();
  await expect(page.getByRole('alert')).toContainText('invisible control characters');

  await page.getByLabel('Given name').fill(HOSTILE.given);
  await page.getByLabel('Family name').fill(HOSTILE.family);
  await page.getByLabel('MRN').fill('E2E-XSS-1');
  await page.getByRole('button', { name: 'Add an allergy' }).click();
  const allergy = page.getByRole('group', { name: 'Allergy 1' });
  await allergy.getByLabel('Substance').fill(HOSTILE.substance);
  await allergy.getByLabel('Reaction').fill(HOSTILE.reaction);
  await allergy.getByLabel('Severity').selectOption('severe');
  await page.getByRole('button', { name: 'Save patient' }).click();

  // The chart: the heading and the banner hold the literal characters.
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(`${HOSTILE.family}, ${HOSTILE.given}`);
  const banner = page.getByRole('region', { name: 'Patient' });
  await expect(banner).toContainText(HOSTILE.family);
  await expect(banner.getByRole('note', { name: 'Allergies' })).toContainText(HOSTILE.substance);
  await expectInert(page, 'chart');

  // A 100-character name with nowhere to break does not push the page sideways.
  await goTo(page, 'Patients');
  await page.getByRole('button', { name: 'New patient' }).click();
  await page.getByLabel('Given name').fill('Longname');
  await page.getByLabel('Family name').fill(LONG_FAMILY);
  await page.getByLabel('MRN').fill('E2E-XSS-2');
  await page.getByLabel('Date of birth').fill('1990-01-01');
  await page.getByLabel('Admission date').fill('2026-11-02');
  await page.getByRole('radio', { name: 'Lives at home' }).check();
  await page.getByRole('button', { name: 'Save patient' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${LONG_FAMILY}, Longname`);

  // The list: both names are links whose text is the literal characters.
  await goTo(page, 'Patients');
  const table = page.getByRole('table');
  await expect(table.getByRole('link', { name: `${HOSTILE.family}, ${HOSTILE.given}` })).toBeVisible();
  await expect(table.getByRole('link', { name: `${LONG_FAMILY}, Longname` })).toBeVisible();
  await expectInert(page, 'patient list');
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(sideways, 'page wider than the window').toBeLessThanOrEqual(0);

  // Back on the chart after a reload: still text, still nothing ran.
  await table.getByRole('link', { name: `${HOSTILE.family}, ${HOSTILE.given}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${HOSTILE.family}, ${HOSTILE.given}`);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectInert(page, 'after reload');
  expect(errors).toEqual([]);
  console.log(`[rendering] 4 hostile fields (HTML, script, iframe, svg handlers, RTL override, tab and newline) and a 100-character name on 3 screens: 0 elements made, 0 scripts run, 0 page errors; a control character refused in words`);
});
