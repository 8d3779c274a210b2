import { expect, test } from './support/server';
import { CLINIC, goTo, logIn } from './support/flows';
import { api, chicago, setUpMarClinic } from './support/mar';

/**
 * The administrator's formulary form (every input bound to the draft by one helper,
 * components/fields.tsx draftFields): what is typed is what main saves, main's field errors land
 * on their own input, and editing opens with the stored values.
 */
test('an administrator adds a clinic medication, sees each field error at its field, and edits it with its stored values', async ({
  page,
  server,
}) => {
  await setUpMarClinic(server, chicago('2026-06-01', '12:00'));
  await api(server, 'session.logout', {});
  await page.goto(server.url);
  await logIn(page, CLINIC.adminLogin, CLINIC.adminPassword);
  await goTo(page, 'Formulary');
  await page.getByRole('button', { name: 'Add medication' }).click();
  const form = page.getByRole('region', { name: 'Add a clinic medication' });

  await form.getByLabel('Name', { exact: true }).fill('Testazepam');
  await form.getByLabel('Ingredients', { exact: true }).fill('testazepam');
  await form.getByLabel('Form', { exact: true }).fill('oral tablet');
  await form.getByLabel('Strengths', { exact: true }).fill('1, 2');
  await form.getByLabel('Class', { exact: true }).fill('benzodiazepine');
  await form.getByLabel('Sedating class').selectOption({ label: 'Benzodiazepine' });
  await form.getByLabel('DEA schedule').selectOption({ label: 'Schedule IV' });
  await form.getByLabel('Maximum single dose').fill('lots');
  await form.getByRole('button', { name: 'Add medication' }).click();
  // The limit that is not a number is named at its own input, and nothing was saved.
  await expect(form.getByLabel('Maximum single dose')).toHaveAccessibleDescription(/"lots" is not a number/);
  await expect(form.getByLabel('Name', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('Maximum single dose').fill('4');
  await form.getByLabel('Maximum daily dose').fill('12');
  await form.getByLabel('Source of the dose range').fill('Synthetic test entry');
  await form.getByLabel('Withdrawal-management drug').check();
  await form.getByRole('button', { name: 'Add medication' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Testazepam added to the formulary.' })).toBeVisible();

  // What main stored is what was typed, field by field.
  await page.getByRole('button', { name: 'Edit Testazepam' }).click();
  const edit = page.getByRole('region', { name: 'Edit Testazepam' });
  await expect(edit.getByLabel('Ingredients', { exact: true })).toHaveValue('testazepam');
  await expect(edit.getByLabel('Strengths', { exact: true })).toHaveValue('1, 2');
  await expect(edit.getByLabel('Sedating class')).toHaveValue('benzodiazepine');
  await expect(edit.getByLabel('DEA schedule')).toHaveValue('IV');
  await expect(edit.getByLabel('Usual single dose, up to')).toHaveValue('');
  await expect(edit.getByLabel('Maximum single dose')).toHaveValue('4');
  await expect(edit.getByLabel('Maximum daily dose')).toHaveValue('12');
  await expect(edit.getByLabel('Source of the dose range')).toHaveValue('Synthetic test entry');
  await expect(edit.getByLabel('Withdrawal-management drug')).toBeChecked();

  // main's own field error (an empty name) is shown at the Name input of the edit form.
  await edit.getByLabel('Name', { exact: true }).fill('');
  await edit.getByLabel('Reason for the change').fill('Checking the form');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
});
