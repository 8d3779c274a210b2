import { expect, test } from './support/server';
import { CLINIC, logIn } from './support/flows';
import { api, as, NURSE, setUpMarClinic, chicago, DAY1, WITNESS } from './support/mar';

/**
 * The charge-nurse flag on the administrator's Users screen (issue 7 item 7): who may correct a
 * colleague's MAR entry where the clinic's rule allows it. Given and taken back with a reason,
 * each audited; offered for active nurses only.
 */
test('an administrator makes a nurse charge nurse with a reason, sees it on the accounts screen, and takes it back; both are audited', async ({ page, server }) => {
  await setUpMarClinic(server, chicago(DAY1, '09:00'));
  await api(server, 'session.logout', {});
  await page.goto(server.url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  const accounts = page.getByRole('table', { name: /Staff accounts/ });
  const nurseRow = accounts.getByRole('row').filter({ hasText: NURSE.name });
  // Prescribers and administrators have no such flag.
  await expect(accounts.getByRole('button', { name: /charge nurse/ })).toHaveCount(2);
  await expect(nurseRow).not.toContainText('Charge nurse');

  await nurseRow.getByRole('button', { name: `Make charge nurse: ${NURSE.name}` }).click();
  const panel = page.getByRole('region', { name: `Make charge nurse: ${NURSE.name}` });
  // A reason is required: main refuses without one and nothing changes.
  await panel.getByRole('button', { name: 'Make charge nurse' }).click();
  await expect(panel.getByRole('alert')).toBeVisible();
  await panel.getByLabel('Reason').fill('Charge nurse for the day rota');
  await panel.getByRole('button', { name: 'Make charge nurse' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${NURSE.name} is now a charge nurse` })).toBeVisible();
  await expect(nurseRow).toContainText('Charge nurse');
  await expect(accounts.getByRole('row').filter({ hasText: WITNESS.name })).not.toContainText('Charge nurse');

  await nurseRow.getByRole('button', { name: `Remove charge nurse: ${NURSE.name}` }).click();
  const remove = page.getByRole('region', { name: `Remove charge nurse: ${NURSE.name}` });
  await remove.getByLabel('Reason').fill('Rota ended');
  await remove.getByRole('button', { name: 'Remove charge nurse' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${NURSE.name} is no longer a charge nurse.` })).toBeVisible();
  await expect(nurseRow).not.toContainText('Charge nurse');

  // Both changes are in the audit log with their reasons, by the administrator.
  await as(server, { login: CLINIC.adminLogin, password: CLINIC.adminPassword });
  const entries = await api(server, 'audit.list', { entityType: 'user', limit: 50 });
  const charge = entries.filter((e) => e.action === 'users.grant_charge_nurse' || e.action === 'users.revoke_charge_nurse');
  expect(charge.map((e) => [e.action, e.reason])).toEqual([
    ['users.revoke_charge_nurse', 'Rota ended'],
    ['users.grant_charge_nurse', 'Charge nurse for the day rota'],
  ]);
});
