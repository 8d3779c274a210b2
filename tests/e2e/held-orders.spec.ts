import { expect, test } from './support/server';
import { logIn } from './support/flows';
import { fillOrder, openMedicationList, orderAction, PRESCRIBER, setUpPrescribingClinic } from './support/orders';

/** Issue 8 item 7: a held order never reads as in effect, on the list or on its own page. */
test('a held order says HELD with since when and why, its dose secondary, its taper paused, listed after active ones', async ({
  page,
  server,
}) => {
  await setUpPrescribingClinic(page, server.url);
  await logIn(page, PRESCRIBER.login, PRESCRIBER.password);
  await openMedicationList(page);
  for (const [medication, amount] of [
    ['Buprenorphine', '16'],
    ['Thiamine', '100'],
  ] as const) {
    await page.getByRole('button', { name: 'Start an order' }).click();
    await fillOrder(page, { medication, amount, frequency: 'once daily', indication: 'Withdrawal care' });
    if (medication === 'Buprenorphine') {
      await page.getByLabel('Plan a taper').check();
      await page.getByLabel('Reduction per step').fill('4');
      await page.getByLabel('Every (days)').fill('3');
      await page.getByRole('button', { name: 'Generate taper' }).click();
    }
    await page.getByRole('button', { name: 'Start order' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `${medication} order` })).toBeVisible();
    if (medication === 'Buprenorphine') await orderAction(page, 'Hold', 'Oversedated this morning', 'Hold order');
    if (medication === 'Buprenorphine')
      await expect(page.getByRole('region', { name: 'Order', exact: true })).toContainText(/HELD since .*: Oversedated this morning/);
    await page.getByRole('link', { name: '← Medication list' }).click();
  }
  const rows = page.getByRole('table').getByRole('row');
  // Header, then Thiamine (active), then the held buprenorphine.
  await expect(rows.nth(1)).toContainText('Thiamine');
  const held = rows.nth(2);
  await expect(held).toContainText('Buprenorphine');
  await expect(held).toHaveClass(/held/);
  await expect(held).toContainText(/HELD since/);
  await expect(held).toContainText('Oversedated this morning');
  await expect(held).toContainText('Dose when resumed: 16 mg once daily');
  await expect(held).toContainText('Paused while held');
  await expect(held.getByRole('cell').first()).not.toContainText(/^16 mg/);
});
