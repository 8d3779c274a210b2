import { z } from 'zod';
import { ALLERGY_SEVERITIES, ALLERGY_STATUSES, LEVELS_OF_CARE, RESIDENCES } from '../../domain/enums';
import { channel, BirthDate, CareDate, Id, RequiredText, Text, CLINICAL_STAFF } from './common';

export const AllergyInput = z.object({
  substance: RequiredText('Substance', 200),
  reaction: Text(500).default(''),
  severity: z.enum(ALLERGY_SEVERITIES, { message: 'Choose a severity.' }),
});

export const PatientInput = z
  .object({
    mrn: RequiredText('MRN', 40).regex(/^[A-Za-z0-9-]+$/, 'MRN may contain letters, digits and hyphens only.'),
    familyName: RequiredText('Family name', 100),
    givenName: RequiredText('Given name', 100),
    dateOfBirth: BirthDate,
    admissionDate: CareDate,
    dischargeDate: CareDate.nullable().default(null),
    levelOfCare: z.enum(LEVELS_OF_CARE, { message: 'Choose an ASAM level of care.' }).default('2.1'),
    residence: z.enum(RESIDENCES, { message: 'Choose where the patient lives: at the facility or at home.' }),
  })
  .refine((p) => p.dischargeDate === null || p.dischargeDate >= p.admissionDate, {
    message: 'Discharge cannot be before admission.',
    path: ['dischargeDate'],
  })
  .refine((p) => p.dateOfBirth <= p.admissionDate, { message: 'Date of birth must be before admission.', path: ['dateOfBirth'] });
export type PatientInput = z.infer<typeof PatientInput>;

export const Allergy = z.object({
  id: Id,
  substance: z.string(),
  reaction: z.string(),
  severity: z.enum(ALLERGY_SEVERITIES),
  status: z.enum(ALLERGY_STATUSES),
  recordedAt: z.string(),
});

export const PatientSummary = z.object({
  id: Id,
  mrn: z.string(),
  familyName: z.string(),
  givenName: z.string(),
  dateOfBirth: z.string(),
  admissionDate: z.string(),
  dischargeDate: z.string().nullable(),
  levelOfCare: z.string(),
  residence: z.enum(RESIDENCES),
  allergyCount: z.number().int(),
  /** When "no known allergies" was recorded; null when it was not (or an allergy was since). */
  noKnownAllergiesAt: z.string().nullable(),
});
export type PatientSummary = z.infer<typeof PatientSummary>;

export const PatientDetail = PatientSummary.extend({ allergies: z.array(Allergy) });
export type PatientDetail = z.infer<typeof PatientDetail>;

/** The most patients one page may hold: a screen asks for the next page, it is never cut short silently. */
export const PAGE_MAX = 200;
export const PATIENT_SORTS = ['name', 'mrn', 'dateOfBirth', 'admissionDate'] as const;
export const PatientPage = z.object({ total: z.number().int().min(0), offset: z.number().int().min(0), patients: z.array(PatientSummary) });
export type PatientPage = z.infer<typeof PatientPage>;

export const PossibleDuplicate = z.object({
  id: Id,
  mrn: z.string(),
  familyName: z.string(),
  givenName: z.string(),
  dateOfBirth: z.string(),
  dischargeDate: z.string().nullable(),
  match: z.enum(['same', 'close']),
  /** Active allergies' substances. */
  allergies: z.array(z.string()),
  noKnownAllergies: z.boolean(),
});
export type PossibleDuplicate = z.infer<typeof PossibleDuplicate>;

const READERS = [...CLINICAL_STAFF, 'admin'] as const;
const WRITERS = ['prescriber', 'nurse', 'admin'] as const;

export const patientsContract = {
  'patients.list': channel({
    summary: 'Every patient a search on MRN or name selects (no cap; screens use patients.page).',
    access: READERS,
    input: z.object({ query: Text(100).default(''), includeDischarged: z.boolean().default(false) }),
    output: z.array(PatientSummary),
  }),
  'patients.page': channel({
    summary: 'One page of the patients a search selects, sorted, with the true total (lists and the patient picker).',
    access: READERS,
    input: z.object({
      query: Text(100).default(''),
      includeDischarged: z.boolean().default(false),
      offset: z.number().int().min(0, 'The page cannot start before the first patient.').default(0),
      limit: z.number().int().min(1).max(PAGE_MAX, `At most ${PAGE_MAX} patients are shown at a time.`).default(50),
      sort: z.enum(PATIENT_SORTS).default('name'),
      direction: z.enum(['asc', 'desc']).default('asc'),
    }),
    output: PatientPage,
  }),
  'patients.findDuplicates': channel({
    summary: 'Patients already registered who may be this person (same birth date, same or close name), with MRN and allergies.',
    access: WRITERS,
    input: z.object({
      familyName: RequiredText('Family name', 100),
      givenName: RequiredText('Given name', 100),
      dateOfBirth: BirthDate,
      /** The chart being edited, which is never its own duplicate. */
      exceptPatientId: Id.optional(),
    }),
    output: z.array(PossibleDuplicate),
  }),
  'patients.get': channel({
    summary: "One patient's record with allergies.",
    access: READERS,
    input: z.object({ id: Id }),
    output: PatientDetail,
  }),
  'patients.create': channel({
    summary: 'Register a patient (MRN unique) with any known allergies.',
    access: WRITERS,
    input: z
      .object({
        patient: PatientInput,
        allergies: z.array(AllergyInput).max(50).default([]),
        noKnownAllergies: z.boolean().default(false),
        /** "This is a different person": needed when patients.findDuplicates finds anyone; audited. */
        confirmedDifferentPerson: z.boolean().default(false),
      })
      .refine((i) => !(i.noKnownAllergies && i.allergies.length > 0), {
        message: 'Either list the allergies or tick "No known allergies", not both.',
        path: ['noKnownAllergies'],
      }),
    output: PatientDetail,
  }),
  'patients.update': channel({
    summary: "Edit a patient's demographics or admission (a name or birth date matching another chart needs confirming); audited with before and after.",
    access: WRITERS,
    input: z.object({
      id: Id,
      patient: PatientInput,
      reason: RequiredText('Reason for the change', 500),
      /** "This is a different person": needed when the edited name or birth date matches another chart; audited. */
      confirmedDifferentPerson: z.boolean().default(false),
    }),
    output: PatientDetail,
  }),
  'patients.addAllergy': channel({
    summary: 'Record an allergy for a patient.',
    access: WRITERS,
    input: z.object({ patientId: Id, allergy: AllergyInput }),
    output: PatientDetail,
  }),
  'patients.recordNoKnownAllergies': channel({
    summary: 'Record that the patient has no known allergies (asked, none); audited.',
    access: WRITERS,
    input: z.object({ patientId: Id }),
    output: PatientDetail,
  }),
  'patients.markAllergyEnteredInError': channel({
    summary: 'Mark an allergy entered in error (it stays in the record, struck through).',
    access: WRITERS,
    input: z.object({ allergyId: Id, reason: RequiredText('Reason', 500) }),
    output: PatientDetail,
  }),
};
