/**
 * Every clinical enumeration, declared once. The zod schemas of the contract (`z.enum(X)`), the
 * Kysely column types in db/schema.ts (`Of<typeof X>`) and the domain rules derive from these
 * lists; tests/integration/enum-checks.test.ts holds the migrations' CHECK lists to them, so a
 * value added here without a migration (or the other way round) fails.
 */

/** The values of one of the lists below, as a type. */
export type Of<T extends readonly string[]> = T[number];

export const ROLES = ['prescriber', 'nurse', 'medical_director', 'admin'] as const;
export type Role = Of<typeof ROLES>;

/** ASAM levels of care. */
export const LEVELS_OF_CARE = ['1.0', '2.1', '2.5', '3.1', '3.5', '3.7'] as const;
export type LevelOfCare = Of<typeof LEVELS_OF_CARE>;
export const RESIDENCES = ['facility', 'home'] as const;
export type Residence = Of<typeof RESIDENCES>;

export const ALLERGY_SEVERITIES = ['mild', 'moderate', 'severe', 'unknown'] as const;
export type AllergySeverity = Of<typeof ALLERGY_SEVERITIES>;
export const ALLERGY_STATUSES = ['active', 'entered_in_error'] as const;
export type AllergyStatus = Of<typeof ALLERGY_STATUSES>;

/** UCUM units; never "mcg" (a Joint Commission do-not-use abbreviation). */
export const DOSE_UNITS = ['mg', 'mL', 'ug', 'g', '{tablet}', '{capsule}', '{patch}', '{piece}'] as const;
export type DoseUnit = Of<typeof DOSE_UNITS>;
export const SEDATING_CLASSES = ['benzodiazepine', 'opioid', 'barbiturate', 'gabapentinoid'] as const;
export type SedatingClass = Of<typeof SEDATING_CLASSES>;
/** US DEA controlled-substance schedules an outpatient program can prescribe (I cannot be). */
export const DEA_SCHEDULES = ['II', 'III', 'IV', 'V'] as const;
export type DeaSchedule = Of<typeof DEA_SCHEDULES>;
/** Shipped with the app, or added by the clinic. */
export const MEDICATION_ORIGINS = ['shipped', 'clinic'] as const;
export type MedicationOrigin = Of<typeof MEDICATION_ORIGINS>;

export const ROUTES = [
  'oral',
  'sublingual',
  'buccal',
  'transdermal',
  'intramuscular',
  'subcutaneous',
  'intravenous',
  'intranasal',
  'inhaled',
  'topical',
  'rectal',
] as const;
export type Route = Of<typeof ROUTES>;
/** Who gives the dose: staff at the facility, or the patient at home. */
export const ADMINISTERED_BY = ['staff', 'patient'] as const;
export type AdministeredBy = Of<typeof ADMINISTERED_BY>;
export const ORDER_STATUSES = ['active', 'held', 'discontinued', 'completed'] as const;
export type OrderStatus = Of<typeof ORDER_STATUSES>;
export const DOSE_KINDS = ['initial', 'change', 'taper_step'] as const;
export type DoseKind = Of<typeof DOSE_KINDS>;

export const ADMINISTRATION_OUTCOMES = ['given', 'refused', 'held', 'missed'] as const;
export type AdministrationOutcome = Of<typeof ADMINISTRATION_OUTCOMES>;
/** Why a scheduled dose was not given (issue 7): a short list, always with free text beside it. */
export const NOT_GIVEN_REASONS = [
  'patient_refused',
  'patient_absent',
  'npo',
  'asleep',
  'vomiting',
  'vital_signs',
  'sedated',
  'prescriber_instruction',
  'not_available',
  'other',
] as const;
export type NotGivenReasonCode = Of<typeof NOT_GIVEN_REASONS>;
export const WITHDRAWAL_SCALES = ['CIWA-Ar', 'COWS'] as const;
export type WithdrawalScale = Of<typeof WITHDRAWAL_SCALES>;

export const REVIEW_KINDS = ['order_start', 'dose_change', 'taper_step', 'resume', 'routine', 'discharge', 'manual', 'mar_alert'] as const;
export type ReviewKind = Of<typeof REVIEW_KINDS>;
export const REVIEW_STATUSES = ['scheduled', 'completed', 'cancelled'] as const;
export type ReviewStatus = Of<typeof REVIEW_STATUSES>;
/** Scheduled by the review policy, or by a prescriber's own choice. */
export const REVIEW_ORIGINS = ['policy', 'manual'] as const;
export type ReviewOrigin = Of<typeof REVIEW_ORIGINS>;
export const REVIEW_OUTCOMES = ['continue', 'adjust', 'stop'] as const;
export type ReviewOutcome = Of<typeof REVIEW_OUTCOMES>;
