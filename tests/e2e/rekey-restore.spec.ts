import path from 'node:path';
import { expect, test } from './support/server';
import { CLINIC, goTo, logIn, setUpClinic } from './support/flows';
import { api, apiResult } from './support/mar';

// A rekey's rewrite and a restore's checks each wait 2.5 s first (a test seam of the job thread),
// so the progress and a second start's refusal can be seen on this small clinic.
test.use({ serverEnv: { MEDTRACK_TEST_FILE_JOB_HOLD_MS: '2500' } });

test('an administrator changes the database key: a wrong passphrase refused in words, progress shown, a second start refused', async ({ page, server }) => {
  await setUpClinic(page, server.url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  await goTo(page, 'Backups');
  const form = page.getByRole('region', { name: 'Database key' });
  await form.getByLabel('Recovery passphrase').fill('not the passphrase at all');
  await form.getByRole('button', { name: 'Change the database key' }).click();
  await expect(form.getByRole('alert')).toHaveText('That recovery passphrase is not correct for this clinic file. Nothing was changed.', { timeout: 30_000 });

  await form.getByLabel('Recovery passphrase').fill(CLINIC.recoveryPassphrase);
  await form.getByRole('button', { name: 'Change the database key' }).click();
  await expect(form.getByRole('progressbar', { name: 'Database key change progress' })).toBeVisible({ timeout: 15_000 });
  await expect(form.getByRole('status').filter({ hasText: 'Re-encrypting the clinic file' })).toBeVisible();
  // While the file is being rewritten every clinic call, a second start included, is told to wait.
  const second = await apiResult(server, 'clinic.rekey', { recoveryPassphrase: CLINIC.recoveryPassphrase });
  expect(second).toMatchObject({ ok: false, error: { message: 'The clinic file is being re-encrypted under a new key; try again in a minute. Nothing was saved.' } });
  await expect(form.getByRole('status').filter({ hasText: 'The clinic file is now encrypted under a new key.' })).toBeVisible({ timeout: 30_000 });
  await expect(form.getByRole('progressbar')).toBeHidden();
  // Still logged in, and the clinic answers as before.
  await goTo(page, 'Users');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
});

test('an administrator restores from a backup: refusals in words, progress shown, then everyone logs in to the restored clinic', async ({ page, server }) => {
  await setUpClinic(page, server.url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  const made = await api(server, 'backups.run', { folder: server.dataDir });
  // A nurse added after the backup, whom the restore takes away.
  await api(server, 'users.create', { login: 'after.backup', role: 'nurse', displayName: 'Added After Backup', password: 'nurse-password-after' });
  await goTo(page, 'Backups');
  const form = page.getByRole('region', { name: 'Restore from a backup' });
  await form.getByLabel('Backup file').fill(made.file!);
  await form.getByLabel("The backup's recovery passphrase").fill('not the passphrase at all');
  await form.getByRole('button', { name: 'Restore' }).click();
  await expect(form.getByLabel('Replace the clinic file with this backup')).toHaveAccessibleDescription('Tick the box to confirm that the clinic file is to be replaced.');

  await form.getByLabel('Replace the clinic file with this backup').check();
  await form.getByRole('button', { name: 'Restore' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'That recovery passphrase does not open this backup. Enter the passphrase the clinic had when the backup was made. Nothing was changed.', { timeout: 30_000 });
  await form.getByLabel('Backup file').fill(path.join(server.dataDir, 'no-such-backup.db'));
  await form.getByLabel("The backup's recovery passphrase").fill(CLINIC.recoveryPassphrase);
  await form.getByRole('button', { name: 'Restore' }).click();
  await expect(form.getByRole('alert')).toHaveText(`The backup ${path.join(server.dataDir, 'no-such-backup.db')} does not exist.`, { timeout: 30_000 });

  await form.getByLabel('Backup file').fill(made.file!);
  await form.getByRole('button', { name: 'Restore' }).click();
  await expect(form.getByRole('progressbar', { name: 'Restore progress' })).toBeVisible({ timeout: 15_000 });
  await expect(form.getByRole('status').filter({ hasText: 'Copying the backup beside the clinic file' })).toBeVisible();
  const done = form.getByRole('status').filter({ hasText: 'The clinic file was restored from' });
  await expect(done).toBeVisible({ timeout: 30_000 });
  await expect(done).toContainText(`(the clinic "${CLINIC.name}")`);
  await expect(done).toContainText('The previous clinic file is kept as');
  await form.getByRole('button', { name: 'Log in to the restored clinic' }).click();
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  await goTo(page, 'Users');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(page.getByText('Added After Backup')).toHaveCount(0);
});
