import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './support/server';
import { CLINIC, goTo, logIn, setUpClinic } from './support/flows';
import { apiResult } from './support/mar';

// Each backup waits 3 s in its copying phase (a test seam of the job thread), so the progress
// and a second backup's refusal can be seen on this small clinic.
test.use({ serverEnv: { MEDTRACK_TEST_BACKUP_HOLD_MS: '3000' } });

test('an administrator backs up to a folder, sees its progress and result, and a second backup while one runs is refused', async ({ page, server }) => {
  await setUpClinic(page, server.url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  const warning = page.getByRole('region', { name: 'Backup warning' });
  await expect(warning).toContainText('No backup of the clinic file has been made on this workstation yet.');

  await goTo(page, 'Backups');
  await expect(page.getByRole('region', { name: 'Last backup' })).toContainText('No backup has been made on this workstation yet.');
  const folderField = page.getByLabel('Backup folder');
  await folderField.fill('backups');
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('alert')).toContainText('Give the folder its full path');

  const folder = path.join(server.dataDir, 'usb-backups');
  fs.mkdirSync(folder);
  await folderField.fill(folder);
  // A backup started elsewhere (another window, or the schedule) is shown running here ...
  const elsewhere = apiResult(server, 'backups.run', { folder });
  await expect(page.getByRole('progressbar', { name: 'Backup progress' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Copying the clinic file' })).toBeVisible();
  // ... and this screen's own start is refused in words while it runs.
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('alert')).toHaveText('A backup is already running; wait for it to finish.');
  expect((await elsewhere).ok).toBe(true);
  await expect(page.getByRole('progressbar', { name: 'Backup progress' })).toBeHidden();

  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('progressbar', { name: 'Backup progress' })).toBeVisible();
  const done = page.getByRole('status').filter({ hasText: 'Backup written to' });
  await expect(done).toBeVisible({ timeout: 30_000 });
  // File, size and the time in the clinic's zone (Chicago), in words.
  await expect(done).toContainText(new RegExp(`${folder.replace(/[/\\.]/g, '\\$&')}/medtrack-backup-\\d{8}T\\d{6}Z\\.db \\(\\d+(\\.\\d)? (kB|MB)\\) at \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2} C[SD]T`));
  await expect(done).toContainText('It passed its checks');
  const made = fs.readdirSync(folder).filter((f) => f.endsWith('.db'));
  expect(made).toHaveLength(2);
  expect(fs.existsSync(path.join(folder, `${made[1]}.keys.json`))).toBe(true);
  await expect(page.getByRole('region', { name: 'Last backup' })).toContainText('backup made by hand');

  // With a good backup less than a day old, the warning is gone from the administrator's screens.
  await goTo(page, 'Users');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(warning).toHaveCount(0);
});

test('the daily backup is set up on the Backups screen, refused in words when incomplete', async ({ page, server }) => {
  await setUpClinic(page, server.url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  await goTo(page, 'Backups');
  const schedule = page.getByRole('region', { name: 'Daily backup' });
  await schedule.getByLabel('Back up every day').check();
  await schedule.getByRole('button', { name: 'Save schedule' }).click();
  await expect(schedule.getByRole('alert')).toContainText('Choose a folder before switching scheduled backups on.');

  await schedule.getByLabel('Folder for the daily backups').fill(path.join(server.dataDir, 'daily'));
  await schedule.getByLabel('Time of day').fill('25:00');
  await schedule.getByRole('button', { name: 'Save schedule' }).click();
  await expect(schedule.getByRole('alert')).toContainText('Use a 24-hour HH:mm time.');

  await schedule.getByLabel('Time of day').fill('12:30');
  await schedule.getByLabel('Daily backups to keep').fill('7');
  await schedule.getByRole('button', { name: 'Save schedule' }).click();
  await expect(schedule.getByRole('status')).toHaveText('Backup schedule saved.');
  await expect(schedule).toContainText(/Next daily backup: \d{1,2} \w{3} \d{4}, 12:30 C[SD]T\./);
});

test('an administrator changes the recovery passphrase, a wrong current one refused in words', async ({ page, server }) => {
  await setUpClinic(page, server.url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  await goTo(page, 'Backups');
  const form = page.getByRole('region', { name: 'Recovery passphrase' });
  const next = 'seven quiet herons cross the bay';
  await form.getByLabel('Current recovery passphrase').fill('not the passphrase at all');
  await form.getByLabel('New recovery passphrase', { exact: true }).fill(next);
  await form.getByLabel('Repeat the new recovery passphrase').fill(next);
  await form.getByRole('button', { name: 'Change the passphrase' }).click();
  await expect(form.getByRole('alert')).toHaveText('That recovery passphrase is not correct for this clinic file.');
  // Refused: nothing said to have changed, and the new passphrase is kept, not to be typed again.
  await expect(form.getByRole('status')).toHaveCount(0);
  await expect(form.getByLabel('New recovery passphrase', { exact: true })).toHaveValue(next);
  await form.getByLabel('Current recovery passphrase').fill(CLINIC.recoveryPassphrase);
  await form.getByRole('button', { name: 'Change the passphrase' }).click();
  await expect(form.getByRole('status')).toContainText('The recovery passphrase was changed.');
  await expect(form.getByLabel('Current recovery passphrase')).toHaveValue('');

  // The change took: the old passphrase is now the wrong one.
  await form.getByLabel('Current recovery passphrase').fill(CLINIC.recoveryPassphrase);
  await form.getByLabel('New recovery passphrase', { exact: true }).fill('a third passphrase nobody uses');
  await form.getByLabel('Repeat the new recovery passphrase').fill('a third passphrase nobody uses');
  await form.getByRole('button', { name: 'Change the passphrase' }).click();
  await expect(form.getByRole('alert')).toHaveText('That recovery passphrase is not correct for this clinic file.');
  await expect(form.getByRole('status')).toHaveCount(0);
});
