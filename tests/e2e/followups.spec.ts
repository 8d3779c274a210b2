import type { Page } from '@playwright/test';
import { expect, test } from './support/server';
import { CLINIC, goTo, logIn, logOut, nav, setUpClinic } from './support/flows';
import { bandSection, createPatient, createUser, DAY, HOUR, readCsv, setServerClock, setUpStaffedClinic, startWithdrawalOrder, unlockAfterIdle, type Person } from './support/followups';
import { choosePatient } from './support/picker';

const PRESCRIBER: Person = { name: 'Dr. Priya Testmoor', login: 'priya.test', password: 'prescriber-password-e2e', role: 'prescriber' };
const DIRECTOR: Person = { name: 'Dr. Dana Overseer', login: 'dana.test', password: 'director-password-e2e', role: 'medical_director' };
const PATIENT = { given: 'Wendell', family: 'Quarrington', mrn: 'E2E-4471', dateOfBirth: '1979-03-14', admissionDate: '2026-06-01' };
const PATIENT_NAME = `${PATIENT.family}, ${PATIENT.given}`;
// Monday 1 June 2026, 09:00 in Chicago (the spec clinic's zone): far from any DST change.
const T0 = '2026-06-01T14:00:00.000Z';

const prescriberRow = (page: Page) => page.getByRole('table', { name: /by prescriber/ }).getByRole('row', { name: new RegExp(PRESCRIBER.name) });

async function completeReview(page: Page, row: ReturnType<Page['getByRole']>, note: string, outcome = 'Continue'): Promise<void> {
  await row.getByRole('button', { name: /^Complete:/ }).click();
  const form = page.getByRole('form', { name: /^Complete review:/ });
  await form.getByRole('radio', { name: outcome }).check();
  await form.getByLabel('Note').fill(note);
  await form.getByRole('button', { name: 'Complete review' }).click();
}

test('a withdrawal order’s review falls due, turns overdue on the worklist, the counts and the audit, and is completed late', async ({ page, server }) => {
  test.setTimeout(240_000);
  await setUpStaffedClinic(page, server, T0, [PRESCRIBER, DIRECTOR], [PATIENT]);

  // The prescriber starts the order: its policy review (3 days) appears as due soon.
  await logIn(page, PRESCRIBER.login, PRESCRIBER.password);
  await startWithdrawalOrder(page, PATIENT_NAME, '2026-06-01T09:00');
  await goTo(page, 'Reviews');
  await expect(page.getByRole('tab', { name: 'Mine' })).toHaveAttribute('aria-selected', 'true');
  const soon = bandSection(page, 'Due soon').getByRole('row', { name: /Chlordiazepoxide/ });
  await expect(soon).toContainText(PATIENT_NAME);
  await expect(soon).toContainText(PATIENT.mrn);
  await expect(soon).toContainText('Withdrawal order started');
  await expect(soon).toContainText('Thu 4 Jun 2026');
  await expect(soon).toContainText('Due soon');
  await expect(nav(page)).not.toContainText('overdue');

  // Four days and an hour later (Friday 10:00): the due date has ended, so the review is overdue.
  await server.advanceClock(4 * DAY + HOUR);
  await unlockAfterIdle(page, PRESCRIBER.password);
  await goTo(page, 'Reviews');
  const overdue = bandSection(page, 'Overdue').getByRole('row', { name: /Chlordiazepoxide/ });
  await expect(overdue.getByRole('cell', { name: '1 day', exact: true })).toBeVisible();
  await expect(overdue).toContainText('Overdue');
  await expect(page.getByText('1 overdue, 0 due today')).toBeVisible();
  await expect(nav(page)).toContainText('Reviews: 1 review overdue');
  await page.getByRole('tab', { name: 'Everyone' }).click();
  await expect(bandSection(page, 'Overdue').getByRole('row', { name: /Chlordiazepoxide/ })).toContainText(PRESCRIBER.name);
  await expect(page.getByText('1 overdue, 0 due today')).toBeVisible();
  await logOut(page);

  // The director's overdue-review report: one overdue review for this prescriber, nothing on time yet.
  await logIn(page, DIRECTOR.login, DIRECTOR.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Overdue-review report' })).toBeVisible();
  await expect(nav(page)).toContainText('Overdue-review report: 1 review overdue');
  await expect(page.getByText(/As of Fri 5 Jun 2026 \(today\): 1 review overdue across the team/)).toBeVisible();
  await expect(page.getByText('Filters: none (every prescriber, patient and drug class).')).toBeVisible();
  const before = prescriberRow(page);
  await expect(before.getByRole('cell').nth(0)).toHaveText('1');
  await expect(before.getByRole('cell').nth(1)).toHaveText('0');
  await expect(before).toContainText('Thu 4 Jun 2026');
  await expect(before.getByRole('button', { name: `0 % on time, last 30 days, ${PRESCRIBER.name}: show the reviews` })).toBeVisible();
  await expect(before).toContainText('0 of 1 on time');
  await before.getByRole('button', { name: `1 overdue, ${PRESCRIBER.name}: show the reviews` }).click();
  const drill = page.getByRole('region', { name: `${PRESCRIBER.name}: 1 review overdue` });
  await expect(drill.getByRole('row', { name: new RegExp(PATIENT_NAME) })).toContainText('Chlordiazepoxide');
  await expect(drill.getByText('Showing 1–1 of 1, oldest due first.')).toBeVisible();

  // Filtered to one prescriber, the screen says exactly that, never "across the team".
  await page.getByLabel('Prescriber').selectOption({ label: PRESCRIBER.name });
  await expect(page.getByText(`As of Fri 5 Jun 2026 (today): 1 review overdue for prescriber ${PRESCRIBER.name}.`)).toBeVisible();
  await expect(page.getByText(`Filtered to prescriber ${PRESCRIBER.name}.`)).toBeVisible();
  await expect(page.getByRole('table', { name: new RegExp(`for prescriber ${PRESCRIBER.name}$`) })).toBeVisible();
  await expect(page.getByText(/across the team/)).toHaveCount(0);

  // A future "as of" date is refused in words on its field, and no figures stay up.
  const asOf = page.getByLabel('As of');
  await asOf.fill('6 Jun 2026');
  await asOf.blur();
  const refusal = 'The report cannot be as of 6 Jun 2026: that date has not come yet (today is 5 Jun 2026 in the clinic). Choose today or an earlier date.';
  await expect(asOf).toHaveAttribute('aria-invalid', 'true');
  await expect(asOf).toHaveAccessibleDescription(new RegExp(refusal.replace(/[()]/g, '\\$&')));
  await expect(page.getByRole('alert')).toContainText(refusal);
  await expect(page.getByRole('table', { name: /by prescriber/ })).toHaveCount(0);
  await asOf.fill('');
  await asOf.blur();
  await expect(page.getByRole('table', { name: /by prescriber/ })).toBeVisible();

  // From the report to the patient's chart and the team worklist, and back to the same filters.
  await prescriberRow(page).getByRole('button', { name: `1 overdue, ${PRESCRIBER.name}: show the reviews` }).click();
  await page.getByRole('region', { name: `${PRESCRIBER.name}: 1 review overdue` }).getByRole('link', { name: PATIENT_NAME }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(PATIENT.family) })).toBeVisible();
  await goTo(page, 'Overdue-review report');
  await expect(page.getByText(`Filtered to prescriber ${PRESCRIBER.name}.`)).toBeVisible();
  await page.getByRole('link', { name: 'Open the team worklist' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to the overdue-review report' }).click();
  await expect(page.getByText(`As of Fri 5 Jun 2026 (today): 1 review overdue for prescriber ${PRESCRIBER.name}.`)).toBeVisible();
  await page.getByLabel('Prescriber').selectOption({ label: 'All prescribers' });
  await expect(page.getByText(/1 review overdue across the team/)).toBeVisible();
  await logOut(page);

  // The prescriber completes it (late) and, for contrast, a review scheduled by hand for today (on time).
  await logIn(page, PRESCRIBER.login, PRESCRIBER.password);
  await goTo(page, 'Reviews');
  await completeReview(page, bandSection(page, 'Overdue').getByRole('row', { name: /Chlordiazepoxide/ }), 'Seen on Friday: tremor settled, continue the taper.');
  await expect(page.getByRole('status').filter({ hasText: 'Review completed late (1 day after due)' })).toBeVisible();
  await expect(nav(page)).not.toContainText('overdue');
  await expect(bandSection(page, 'Overdue')).toHaveCount(0);

  await page.getByRole('button', { name: 'Schedule a review' }).click();
  const schedule = page.getByRole('region', { name: 'Schedule a review' });
  await choosePatient(schedule, 'Patient', PATIENT.family.slice(0, 5), `${PATIENT_NAME} (${PATIENT.mrn})`);
  await schedule.getByLabel('Due date').fill('2026-06-05');
  await schedule.getByLabel('Reason').fill('Check sleep after the first week');
  await schedule.getByRole('button', { name: 'Schedule review' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Review scheduled for Fri 5 Jun 2026' })).toBeVisible();
  const manual = bandSection(page, 'Due today').getByRole('row', { name: new RegExp(PATIENT_NAME) });
  await expect(manual).toContainText('Manual');
  await expect(nav(page)).toContainText('Reviews: 1 due today');
  await completeReview(page, manual, 'Sleeping better; no change.');
  await expect(page.getByRole('status').filter({ hasText: 'Review completed on time' })).toBeVisible();
  await expect(nav(page).getByText(/due today|overdue/)).toHaveCount(0);
  await logOut(page);

  // The director sees the change: nothing overdue, one of two due reviews on time.
  await logIn(page, DIRECTOR.login, DIRECTOR.password);
  const after = prescriberRow(page);
  await expect(after.getByRole('cell').nth(0)).toHaveText('0');
  await expect(after.getByRole('button', { name: `50 % on time, last 30 days, ${PRESCRIBER.name}: show the reviews` })).toBeVisible();
  await expect(after).toContainText('1 of 2 on time');
  await after.getByRole('button', { name: /^50 % on time, last 30 days/ }).click();
  const behindRate = page.getByRole('region', { name: `${PRESCRIBER.name}: 2 reviews due in the last 30 days` });
  await expect(behindRate.getByRole('row', { name: /Withdrawal order started/ })).toContainText('Late');
  await expect(behindRate.getByRole('row', { name: /Manual/ })).toContainText('On time');

  // CSV export: a download that parses, the Part 2 notice first, then the table.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^medtrack-overdue-review-report-2026-06-05-.*\.csv$/);
  const csv = await readCsv(download);
  expect(csv.errors).toEqual([]);
  expect(csv.rows[0][0]).toMatch(/42 CFR part 2/);
  const headerAt = csv.rows.findIndex((r) => r[0] === 'Prescriber');
  expect(headerAt).toBeGreaterThan(0);
  const header = csv.rows[headerAt];
  const mine = csv.rows.find((r) => r[0] === PRESCRIBER.name);
  expect(mine?.[header.indexOf('Overdue')]).toBe('0');
  expect(mine?.[header.findIndex((h) => h.startsWith('On-time % (2026-05-07'))]).toBe('50.0');
  expect(mine?.[header.indexOf('Due (30 days)')]).toBe('2');
  // Then the overdue reviews themselves: none left, and said so.
  expect(csv.rows.some((r) => r[0] === 'Overdue reviews as of 5 Jun 2026, and any whose due date cannot be read: 0')).toBe(true);
  expect(csv.rows.at(-1)?.[0]).toBe('Patient');
  await expect(page.getByRole('region', { name: '42 CFR Part 2 notice' })).toContainText('prohibit you from making any further disclosure');

  // Print: recorded by main first, then the browser's print dialog.
  await page.evaluate(() => {
    const w = window as unknown as { print(): void; printedTimes: number };
    w.printedTimes = 0;
    w.print = () => {
      w.printedTimes += 1;
    };
  });
  await page.getByRole('button', { name: 'Print' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printedTimes: number }).printedTimes)).toBe(1);
  await goTo(page, 'Audit log');
  await expect(page.getByRole('table')).toContainText('Overdue-review report exported as a spreadsheet');
  await expect(page.getByRole('table')).toContainText('Overdue-review report printed');

  // The patient's chart keeps the history.
  await goTo(page, 'Patients');
  await page.getByRole('link', { name: PATIENT_NAME }).click();
  const chart = page.getByRole('region', { name: 'Reviews', exact: true });
  const past = chart.getByRole('table', { name: 'Past reviews' });
  await expect(past.getByRole('row', { name: /Withdrawal order started/ })).toContainText('Completed late (1 day after due)');
  await expect(past.getByRole('row', { name: /Withdrawal order started/ })).toContainText('tremor settled');
  await expect(past.getByRole('row', { name: /Manual/ })).toContainText('Completed on time');
  await expect(chart.getByRole('table', { name: 'Open reviews' }).getByRole('row', { name: /Routine/ })).toContainText('Mon 15 Jun 2026');
});

const SECOND: Person = { name: 'Dr. Sam Secondus', login: 'sam.test', password: 'prescriber2-password-e2e', role: 'prescriber' };

test('review policy: refusals are explained, changes saved; "adjust" and "stop" lead straight into the order’s forms; reschedule and reassign', async ({ page, server }) => {
  test.setTimeout(240_000);
  await setServerClock(server, T0);
  await setUpClinic(page, server.url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);

  // Review policy: main refuses a critical threshold of 0 and a policy without a catch-all rule.
  await goTo(page, 'Review policy');
  await expect(page.getByText('The defaults are a starting point, not clinical advice.')).toBeVisible();
  await page.getByLabel('Critically overdue after (days)').fill('0');
  await page.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(page.getByRole('alert')).toContainText('Critically overdue after (days): at least 1.');
  await expect(page.getByLabel('Critically overdue after (days)')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Critically overdue after (days)').fill('5');
  await page.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Overdue thresholds saved' })).toBeVisible();

  await expect(page.getByLabel('Rule 1 event')).toHaveValue('order_start');
  await page.getByRole('button', { name: 'Remove rule 1' }).click();
  await page.getByRole('button', { name: 'Save review policy' }).click();
  await expect(page.getByRole('alert')).toContainText("Missing catch-all rule for 'order_start'");
  await page.getByRole('button', { name: 'Put back the defaults' }).click();
  await expect(page.getByLabel('Rule 3 event')).toHaveValue('dose_change');
  await page.getByLabel('Rule 3 days until the review').fill('5');
  await page.getByRole('button', { name: 'Save review policy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Review policy saved' })).toBeVisible();

  await createUser(page, PRESCRIBER);
  await createUser(page, SECOND);
  await createPatient(page, PATIENT);
  await logOut(page);

  await logIn(page, PRESCRIBER.login, PRESCRIBER.password);
  await startWithdrawalOrder(page, PATIENT_NAME, '2026-06-01T09:00');
  await goTo(page, 'Reviews');

  // "Adjust": the review is recorded, then the dose-change form for that order opens at once.
  await completeReview(page, bandSection(page, 'Due soon').getByRole('row', { name: /Chlordiazepoxide/ }), 'Oversedated this morning', 'Adjust the dose');
  const adjust = page.getByRole('region', { name: `Change the dose: Chlordiazepoxide for ${PATIENT_NAME}` });
  // The order page's own dose-change form (one form, issue 12 item 6).
  await expect(adjust.getByLabel('New amount')).toHaveValue('25');
  await expect(adjust.getByLabel('Reason', { exact: true })).toHaveValue('Oversedated this morning');
  await adjust.getByLabel('New amount').fill('20');
  await adjust.getByLabel('Effective from').fill('2026-06-01T12:00');
  await adjust.getByRole('button', { name: 'Save dose change' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Review completed and the dose of Chlordiazepoxide changed.' })).toBeVisible();

  // The dose change scheduled its own review, 5 days later by the edited policy.
  await page.getByText(/^Upcoming \(\d+\)$/).click();
  const upcoming = page.getByRole('group', { name: /^Upcoming/ });
  const doseReview = upcoming.getByRole('row', { name: /Dose change/ });
  await expect(doseReview).toContainText('Sat 6 Jun 2026');

  await doseReview.getByRole('button', { name: /^Reschedule:/ }).click();
  const reschedule = page.getByRole('form', { name: /^Reschedule review:/ });
  await reschedule.getByRole('button', { name: 'Reschedule' }).click();
  await expect(reschedule.getByLabel('New due date')).toHaveAccessibleDescription(/Enter the new due date/);
  await reschedule.getByLabel('New due date').fill('2026-06-10');
  await reschedule.getByLabel('Reason').fill('Patient away until the 9th');
  await reschedule.getByRole('button', { name: 'Reschedule' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Review rescheduled to Wed 10 Jun 2026' })).toBeVisible();

  await upcoming.getByRole('row', { name: /Dose change/ }).getByRole('button', { name: /^Reassign:/ }).click();
  const reassign = page.getByRole('form', { name: /^Reassign review:/ });
  await reassign.getByLabel('Assign to').selectOption({ label: SECOND.name });
  await reassign.getByLabel('Reason').fill('Covering while I am on leave');
  await reassign.getByRole('button', { name: 'Reassign' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Review reassigned to ${SECOND.name}` })).toBeVisible();
  await expect(upcoming.getByRole('row', { name: /Dose change/ })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Everyone' }).click();
  await expect(page.getByRole('group', { name: /^Upcoming/ }).getByRole('row', { name: /Dose change/ })).toContainText(SECOND.name);
  await page.getByRole('tab', { name: 'Mine' }).click();

  // "Stop": the routine review decides to stop; the discontinue form follows and cancels the order's open reviews.
  await completeReview(page, page.getByRole('group', { name: /^Upcoming/ }).getByRole('row', { name: /Routine/ }), 'Withdrawal complete', 'Stop the order');
  const stop = page.getByRole('region', { name: `Stop Chlordiazepoxide for ${PATIENT_NAME}` });
  await expect(stop.getByLabel('Reason for stopping')).toHaveValue('Withdrawal complete');
  await stop.getByRole('button', { name: 'Stop the order' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Review completed and Chlordiazepoxide stopped.' })).toBeVisible();
  await page.getByRole('tab', { name: 'Everyone' }).click();
  await expect(page.getByText('No open reviews.')).toBeVisible();
});
