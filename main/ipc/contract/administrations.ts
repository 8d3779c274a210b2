import { z } from 'zod';
import { channel, Id, Instant, IsoDate, Ok, RequiredText, Text } from './common';
import { NOT_GIVEN_REASONS, type NotGivenReasonCode } from '../../domain/enums';
import { ROUTES } from './orders';

/**
 * The nurses' channels (issue 7): Today's doses, logging a dose, corrections, the MAR grid and
 * the end-of-shift list. Writes are for nurses only; main refuses anyone else.
 */

export const OUTCOMES = ['given', 'refused', 'held', 'missed'] as const;
export type OutcomeName = (typeof OUTCOMES)[number];

export const DOSE_STATUSES = ['not_yet_due', 'due_now', 'late', 'given', 'refused', 'held', 'missed', 'not_documented'] as const;

export { NOT_GIVEN_REASONS, type NotGivenReasonCode };

export const NOT_GIVEN_REASON_WORDS: Readonly<Record<NotGivenReasonCode, string>> = Object.freeze({
  patient_refused: 'Patient refused',
  patient_absent: 'Patient not present',
  npo: 'Nothing by mouth (NPO)',
  asleep: 'Patient asleep, not woken',
  vomiting: 'Vomiting, could not take it',
  vital_signs: 'Vital signs outside the limits',
  sedated: 'Too sedated to take it',
  prescriber_instruction: "On the prescriber's instruction",
  not_available: 'Medication not available',
  other: 'Other (see the note)',
});

export const DoseStatus = z.enum(DOSE_STATUSES);

/** A person as the MAR shows them: name and initials. */
const Person = z.object({ id: Id, name: z.string(), initials: z.string() });

export const AdministrationView = z.object({
  id: Id,
  orderId: Id,
  patientId: Id,
  medicationName: z.string(),
  /** The dose time it documents (null for a PRN dose). */
  scheduledFor: z.string().nullable(),
  administeredAt: z.string(),
  recordedAt: z.string(),
  outcome: z.enum(OUTCOMES),
  amount: z.number().nullable(),
  unit: z.string().nullable(),
  route: z.string().nullable(),
  site: z.string().nullable(),
  prn: z.boolean(),
  late: z.boolean(),
  lateReason: z.string().nullable(),
  reasonCode: z.enum(NOT_GIVEN_REASONS).nullable(),
  /** The reason in words: the list entry, then the free text. */
  reasonWords: z.string().nullable(),
  reasonText: z.string().nullable(),
  note: z.string().nullable(),
  overrideReason: z.string().nullable(),
  nurse: Person,
  witness: Person.nullable(),
  scoreId: z.number().nullable(),
  /** This entry replaces the one with that id (which is entered in error). */
  correctsId: z.number().nullable(),
  /** The entry that replaced this one, if any. */
  correctedById: z.number().nullable(),
  enteredInError: z.object({ at: z.string(), by: Person, reason: z.string() }).nullable(),
});
export type AdministrationView = z.infer<typeof AdministrationView>;

const Medication = z.object({
  id: Id,
  name: z.string(),
  form: z.string(),
  unit: z.string(),
  deaSchedule: z.enum(['II', 'III', 'IV', 'V']).nullable(),
  /** A DEA II-V drug: a witness must confirm each given dose. */
  controlled: z.boolean(),
  withdrawalManagement: z.boolean(),
});

export const DueDoseView = z.object({
  /** Stable key of the dose: order and dose time. */
  key: z.string(),
  orderId: Id,
  patientId: Id,
  medication: Medication,
  route: z.string(),
  indication: z.string(),
  scheduledFor: z.string(),
  localDate: z.string(),
  /** Clinic-local "HH:mm". */
  localTime: z.string(),
  doseVersionId: Id,
  /** The dose in effect at that time (on a taper: that day's step). */
  amount: z.number(),
  unit: z.string(),
  frequencyWords: z.string(),
  status: DoseStatus,
  statusWords: z.string(),
  /** The entry that documents it (not entered in error), if any. */
  documented: AdministrationView.nullable(),
});
export type DueDoseView = z.infer<typeof DueDoseView>;

export const PrnOrderView = z.object({
  orderId: Id,
  patientId: Id,
  medication: Medication,
  route: z.string(),
  indication: z.string(),
  /** The dose in effect now. */
  amount: z.number().nullable(),
  unit: z.string(),
  maxDoses24h: z.number().nullable(),
  maxAmount24h: z.number().nullable(),
  minIntervalMinutes: z.number().nullable(),
  symptomTrigger: z.object({ scale: z.enum(['CIWA-Ar', 'COWS']), minScore: z.number().int() }).nullable(),
  dosesLast24h: z.number().int(),
  /** Of the ingredient, across every order of the patient, in the last 24 hours. */
  amountLast24h: z.number(),
  lastGivenAt: z.string().nullable(),
  /** Whether a dose of the amount in effect may be given now, and if not why and from when. */
  allowedNow: z.boolean(),
  notAllowedReason: z.string().nullable(),
  nextAllowedAt: z.string().nullable(),
});
export type PrnOrderView = z.infer<typeof PrnOrderView>;

export const PatientBanner = z.object({
  id: Id,
  mrn: z.string(),
  name: z.string(),
  dateOfBirth: z.string(),
  residence: z.enum(['facility', 'home']),
  allergies: z.array(z.object({ substance: z.string(), reaction: z.string(), severity: z.string() })),
});

export const Shift = z.object({ start: z.string(), end: z.string(), label: z.string() });

export const TodayDoses = z.object({
  now: z.string(),
  timeZone: z.string(),
  onTimeWindowMinutes: z.number().int(),
  shift: Shift,
  patients: z.array(
    z.object({
      patient: PatientBanner,
      /** Scheduled doses grouped by dose time, in time order. */
      times: z.array(z.object({ localTime: z.string(), scheduledFor: z.string(), doses: z.array(DueDoseView) })),
      prn: z.array(PrnOrderView),
    }),
  ),
  counts: z.object({ due: z.number().int(), documented: z.number().int(), late: z.number().int() }),
});
export type TodayDoses = z.infer<typeof TodayDoses>;

export const EndOfShift = z.object({
  now: z.string(),
  timeZone: z.string(),
  shift: Shift,
  /** Every dose due in the shift with nothing documented, across the program. */
  doses: z.array(DueDoseView.extend({ patientName: z.string(), mrn: z.string() })),
});
export type EndOfShift = z.infer<typeof EndOfShift>;

const Witness = z.object({
  login: RequiredText('Witness login', 64),
  password: z.string().min(1, 'The witness must type their password.').max(1000),
});

export const RecordAdministrationInput = z.object({
  orderId: Id,
  /** The dose time being documented; null for a PRN dose. */
  scheduledFor: Instant.nullable().default(null),
  outcome: z.enum(OUTCOMES, { message: 'Choose given, refused, held or missed.' }),
  /** Defaults to the dose in effect at the time given. */
  amount: z.number().finite().positive('The amount must be above zero.').max(100_000).nullable().default(null),
  route: z.enum(ROUTES).nullable().default(null),
  site: Text(100).nullable().default(null),
  /** When it was given (or refused...); defaults to now. */
  administeredAt: Instant.nullable().default(null),
  reasonCode: z.enum(NOT_GIVEN_REASONS, { message: 'Choose a reason from the list.' }).nullable().default(null),
  reasonText: Text(500).nullable().default(null),
  /** Required when the dose is documented outside the on-time window. */
  lateReason: Text(500).nullable().default(null),
  /** Where the clinic allows it: why a dose is given despite a recorded allergy. */
  overrideReason: Text(500).nullable().default(null),
  note: Text(1000).nullable().default(null),
  /** For a controlled (DEA II-V) drug given: a second nurse or prescriber confirms with their password. */
  witness: Witness.nullable().default(null),
  /** The withdrawal score this dose was given on (a symptom-triggered PRN); the latest qualifying one when omitted. */
  scoreId: Id.nullable().default(null),
});
export type RecordAdministrationInput = z.infer<typeof RecordAdministrationInput>;

export const MarAlertView = z.object({ followupId: Id, orderId: Id, dueDate: z.string(), reason: z.string() });

export const MarCell = z.object({
  date: z.string(),
  /** The dose due in this cell, if one was. */
  due: z.object({ scheduledFor: z.string(), amount: z.number(), unit: z.string(), status: DoseStatus, statusWords: z.string() }).nullable(),
  /** Entries of this cell, entered-in-error ones included (shown struck through). */
  entries: z.array(AdministrationView),
});

export const MarScore = z.object({
  id: Id,
  scale: z.enum(['CIWA-Ar', 'COWS']),
  total: z.number().int(),
  band: z.string(),
  bandLabel: z.string(),
  scoredAt: z.string(),
  nurseInitials: z.string(),
  enteredInError: z.boolean(),
});

export const MarView = z.object({
  clinicName: z.string(),
  timeZone: z.string(),
  /** The 42 CFR Part 2 notice printed on every page. */
  notice: z.string(),
  generatedAt: z.string(),
  patient: PatientBanner,
  dates: z.array(z.string()),
  rows: z.array(
    z.object({
      orderId: Id,
      medicationName: z.string(),
      doseText: z.string(),
      route: z.string(),
      controlled: z.boolean(),
      /** A withdrawal-management drug (its doses may answer a score) and a symptom-triggered PRN's trigger: a correction offers the same score choice as the dose dialog. */
      withdrawalManagement: z.boolean(),
      symptomTrigger: z.object({ scale: z.enum(['CIWA-Ar', 'COWS']), minScore: z.number().int() }).nullable(),
      /** "HH:mm" for scheduled rows, null for the PRN row of an order. */
      localTime: z.string().nullable(),
      prn: z.boolean(),
      cells: z.array(MarCell),
    }),
  ),
  scoreRows: z.array(z.object({ scale: z.enum(['CIWA-Ar', 'COWS']), cells: z.array(z.object({ date: z.string(), scores: z.array(MarScore) })) })),
  /** Everyone whose initials appear, for the signature legend. */
  legend: z.array(z.object({ initials: z.string(), name: z.string() })),
});
export type MarView = z.infer<typeof MarView>;

const NURSES = ['nurse'] as const;
const READERS = ['prescriber', 'nurse', 'medical_director'] as const;
const Reason = RequiredText('Reason', 500);

const DosesFilter = z.object({
  patientId: Id.optional(),
  residence: z.enum(['facility', 'home']).optional(),
  controlledOnly: z.boolean().default(false),
  /** The shift containing this instant; now when omitted. */
  at: Instant.optional(),
});

const MarRange = z.object({
  patientId: Id,
  days: z.number().int().min(1, 'At least one day.').max(31, 'At most 31 days.').default(7),
  /** The last day shown (clinic zone); today when omitted. */
  endDate: IsoDate.optional(),
});

export const administrationsContract = {
  'doses.today': channel({
    summary: "Today's doses: every staff-given dose of the shift by patient and dose time, with PRN orders and when the next PRN is allowed.",
    access: NURSES,
    input: DosesFilter,
    output: TodayDoses,
  }),
  'doses.endOfShift': channel({
    summary: 'Every dose due in the shift and not documented, across the program.',
    access: NURSES,
    input: z.object({ at: Instant.optional() }),
    output: EndOfShift,
  }),
  'administrations.record': channel({
    summary: 'Log a dose: given, refused, held or missed; refused by main when the order, amount, PRN limits, allergy or witness do not allow it.',
    access: NURSES,
    input: RecordAdministrationInput,
    output: z.object({ administration: AdministrationView, alert: MarAlertView.nullable() }),
  }),
  'administrations.markEnteredInError': channel({
    summary: 'Mark an entry entered-in-error with a reason, optionally recording the correct entry in its place.',
    access: NURSES,
    input: z.object({ id: Id, reason: Reason, replacement: RecordAdministrationInput.omit({ orderId: true }).nullable().default(null) }),
    output: z.object({ corrected: AdministrationView, replacement: AdministrationView.nullable(), alert: MarAlertView.nullable() }),
  }),
  'mar.forPatient': channel({
    summary: "A patient's MAR: days by dose times with outcome, amount, initials, witness and late flag; PRN and score rows.",
    access: READERS,
    input: MarRange,
    output: MarView,
  }),
  'mar.print': channel({
    summary: 'Records that the MAR was printed (the print is audited).',
    access: READERS,
    input: MarRange.extend({ paper: z.enum(['A4', 'Letter']) }),
    output: Ok,
  }),
};
