import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Chooses a patient in a patient picker (components/PatientPicker.tsx): types part of the
 * name or MRN into the combobox and clicks the match whose name starts with `option`.
 */
export async function choosePatient(scope: Page | Locator, label: string, typed: string, option: string | RegExp): Promise<void> {
  const box = scope.getByRole('combobox', { name: label });
  await box.fill(typed);
  const match = scope.getByRole('listbox', { name: `${label}: matches` }).getByRole('option', { name: option });
  await match.click();
  await expect(box).toHaveValue(typeof option === 'string' ? new RegExp(`^${option.replace(/[()]/g, '\\$&')}`) : option);
}
