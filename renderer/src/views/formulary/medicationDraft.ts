import { DOSE_UNITS, type Medication, type MedicationInput } from '../../../../main/ipc/contract/formulary';
import type { ApiError } from '../../api';
import type { Option } from '../../components/fields';

export type DoseUnit = (typeof DOSE_UNITS)[number];
export type SedatingChoice = '' | NonNullable<MedicationInput['sedatingClass']>;
export type ScheduleChoice = '' | NonNullable<MedicationInput['deaSchedule']>;

/** The add / edit form as its inputs hold it: lists are typed comma-separated. */
export interface MedicationDraft {
  name: string;
  ingredients: string;
  rxnormCode: string;
  form: string;
  strengths: string;
  unit: DoseUnit;
  drugClass: string;
  sedatingClass: SedatingChoice;
  deaSchedule: ScheduleChoice;
  withdrawalManagement: boolean;
  usualSingle: string;
  maxSingle: string;
  maxDaily: string;
  doseRangeSource: string;
}

export const EMPTY_MEDICATION: MedicationDraft = {
  name: '',
  ingredients: '',
  rxnormCode: '',
  form: '',
  strengths: '',
  unit: 'mg',
  drugClass: '',
  sedatingClass: '',
  deaSchedule: '',
  withdrawalManagement: false,
  usualSingle: '',
  maxSingle: '',
  maxDaily: '',
  doseRangeSource: '',
};

/** UCUM codes with what they mean, so nobody picks "ug" wondering whether it is "mcg". */
export const UNIT_OPTIONS: readonly Option<DoseUnit>[] = DOSE_UNITS.map((u) => ({
  value: u,
  label:
    { mg: 'mg (milligram)', mL: 'mL (millilitre)', ug: 'ug (microgram)', g: 'g (gram)' }[u as string] ?? `${u} (${u.replace(/[{}]/g, '')})`,
}));

export const SEDATING_OPTIONS: readonly Option<SedatingChoice>[] = [
  { value: '', label: 'Not sedating' },
  { value: 'benzodiazepine', label: 'Benzodiazepine' },
  { value: 'opioid', label: 'Opioid' },
  { value: 'barbiturate', label: 'Barbiturate' },
  { value: 'gabapentinoid', label: 'Gabapentinoid' },
];

export const SCHEDULE_OPTIONS: readonly Option<ScheduleChoice>[] = [
  { value: '', label: 'Not controlled' },
  { value: 'II', label: 'Schedule II' },
  { value: 'III', label: 'Schedule III' },
  { value: 'IV', label: 'Schedule IV' },
  { value: 'V', label: 'Schedule V' },
];

export function draftFromMedication(m: Medication): MedicationDraft {
  const unit = (DOSE_UNITS as readonly string[]).includes(m.unit) ? (m.unit as DoseUnit) : 'mg';
  return {
    name: m.name,
    ingredients: m.ingredients.join(', '),
    rxnormCode: m.rxnormCode ?? '',
    form: m.form,
    strengths: m.strengths.join(', '),
    unit,
    drugClass: m.drugClass,
    sedatingClass: (m.sedatingClass ?? '') as SedatingChoice,
    deaSchedule: (m.deaSchedule ?? '') as ScheduleChoice,
    withdrawalManagement: m.withdrawalManagement,
    usualSingle: m.doseRange.usualSingle?.toString() ?? '',
    maxSingle: m.doseRange.maxSingle?.toString() ?? '',
    maxDaily: m.doseRange.maxDaily?.toString() ?? '',
    doseRangeSource: m.doseRangeSource ?? '',
  };
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');

/** Strengths that are not numbers at all; main's own rules handle the rest (positive, how many). */
export function badStrengths(d: MedicationDraft): string | null {
  const bad = list(d.strengths).filter((x) => !Number.isFinite(Number(x)));
  return bad.length ? `Strengths must be numbers separated by commas (e.g. 2, 5, 10); "${bad[0]}" is not a number.` : null;
}

export const DOSE_RANGE_FIELDS = [
  ['usualSingle', 'Usual single dose, up to'],
  ['maxSingle', 'Maximum single dose'],
  ['maxDaily', 'Maximum daily dose'],
] as const;

/** A dose limit that is typed but not a number; empty is fine (not listed). */
export function badDoseLimit(d: MedicationDraft): { key: string; message: string } | null {
  for (const [key, label] of DOSE_RANGE_FIELDS) {
    const v = d[key].trim();
    if (v !== '' && !Number.isFinite(Number(v)))
      return { key, message: `${label}: "${v}" is not a number; enter a number or leave it empty.` };
  }
  return null;
}

const limit = (s: string) => (s.trim() === '' ? null : Number(s));

export function toMedicationInput(d: MedicationDraft): MedicationInput {
  return {
    name: d.name,
    ingredients: list(d.ingredients),
    rxnormCode: d.rxnormCode.trim() || null,
    form: d.form,
    strengths: list(d.strengths).map(Number),
    unit: d.unit,
    drugClass: d.drugClass,
    sedatingClass: d.sedatingClass || null,
    deaSchedule: d.deaSchedule || null,
    withdrawalManagement: d.withdrawalManagement,
    doseRange: { usualSingle: limit(d.usualSingle), maxSingle: limit(d.maxSingle), maxDaily: limit(d.maxDaily) },
    doseRangeSource: d.doseRangeSource.trim() || null,
  };
}

/** Main names list items by index ("strengths.1"); the form has one field per list. */
export function fieldError(error: ApiError | null, prefix: string, key: string): string | undefined {
  if (!error) return undefined;
  const path = `${prefix}${key}`;
  return error.field(path) ?? Object.entries(error.fields).find(([p]) => p.startsWith(`${path}.`))?.[1];
}
