import path from 'node:path';
import { expect, test } from './support/server';
import { CLINIC, logIn, setUpClinic } from './support/flows';

test('About Medtrack shows the version, the data folder, the schema, the cipher library and the log file', async ({ page, server }) => {
  await setUpClinic(page, server.url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  await page.getByRole('button', { name: 'About' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'About Medtrack' })).toBeVisible();
  const facts = page.locator('dl.about');
  await expect(facts).toContainText('0.1.0');
  await expect(facts).toContainText(server.dataDir);
  await expect(facts).toContainText(path.join(server.dataDir, 'logs', 'medtrack.log'));
  await expect(facts).toContainText(/version \d+ of \d+/);
  await expect(facts).toContainText(/SQLite3 Multiple Ciphers [\d.]+ \(SQLCipher 4 format\)/);
});
