import { z } from 'zod';
import { doseRangeProblems } from '../../domain/doseRange';
import { DEA_SCHEDULES, DOSE_UNITS, MEDICATION_ORIGINS, SEDATING_CLASSES } from '../../domain/enums';
import { channel, Id, RequiredText, Text, ALL_ROLES } from './common';

export { DOSE_UNITS };

const Limit = (label: string) =>
  z
    .number({ message: `${label}: enter a number, or leave it empty.` })
    .finite()
    .positive(`${label} must be above zero.`)
    .max(100_000)
    .nullable()
    .default(null);

export const DoseRangeInput = z
  .object({ usualSingle: Limit('Usual single dose'), maxSingle: Limit('Maximum single dose'), maxDaily: Limit('Maximum daily dose') })
  .default({ usualSingle: null, maxSingle: null, maxDaily: null })
  .superRefine((r, ctx) => {
    for (const message of doseRangeProblems(r)) ctx.addIssue({ code: 'custom', message });
  });

export const MedicationInput = z.object({
  name: RequiredText('Name', 200),
  ingredients: z
    .array(RequiredText('Ingredient', 100).transform((s) => s.toLowerCase()))
    .min(1, 'At least one ingredient.')
    .max(10),
  rxnormCode: z
    .string()
    .trim()
    .regex(/^\d{1,10}$/, 'An RxNorm code is digits only.')
    .nullable()
    .default(null),
  form: RequiredText('Form', 100),
  strengths: z.array(z.number().positive('Strengths must be above zero.').finite()).min(1, 'At least one strength.').max(20),
  unit: z.enum(DOSE_UNITS, { message: 'Use a UCUM unit: mg, mL, ug, g, {tablet}, {capsule}, {patch} or {piece} (never mcg).' }),
  drugClass: RequiredText('Class', 100),
  sedatingClass: z.enum(SEDATING_CLASSES).nullable().default(null),
  deaSchedule: z.enum(DEA_SCHEDULES).nullable().default(null),
  withdrawalManagement: z.boolean().default(false),
  /** In `unit`; null = not listed (not checked). See domain/doseRange.ts. */
  doseRange: DoseRangeInput,
  doseRangeSource: Text(500).nullable().default(null),
});
export type MedicationInput = z.infer<typeof MedicationInput>;

export const Medication = z.object({
  id: Id,
  name: z.string(),
  ingredients: z.array(z.string()),
  rxnormCode: z.string().nullable(),
  form: z.string(),
  strengths: z.array(z.number()),
  unit: z.string(),
  drugClass: z.string(),
  sedatingClass: z.string().nullable(),
  deaSchedule: z.string().nullable(),
  withdrawalManagement: z.boolean(),
  origin: z.enum(MEDICATION_ORIGINS),
  active: z.boolean(),
  doseRange: z.object({ usualSingle: z.number().nullable(), maxSingle: z.number().nullable(), maxDaily: z.number().nullable() }),
  doseRangeSource: z.string().nullable(),
});
export type Medication = z.infer<typeof Medication>;

export const formularyContract = {
  'formulary.list': channel({
    summary: 'The formulary: shipped and clinic-added medications.',
    access: ALL_ROLES,
    input: z.object({ includeInactive: z.boolean().default(false), query: Text(100).default('') }),
    output: z.array(Medication),
  }),
  'formulary.create': channel({
    summary: 'Add a clinic medication to the formulary.',
    access: ['admin'],
    input: MedicationInput,
    output: Medication,
  }),
  'formulary.update': channel({
    summary: 'Edit a formulary entry (audited; existing orders keep their history).',
    access: ['admin'],
    input: z.object({ id: Id, medication: MedicationInput, reason: RequiredText('Reason') }),
    output: Medication,
  }),
  'formulary.setActive': channel({
    summary: 'Withdraw a medication from new orders, or bring it back.',
    access: ['admin'],
    input: z.object({ id: Id, active: z.boolean(), reason: RequiredText('Reason') }),
    output: Medication,
  }),
};
