import { z } from 'zod';
import { ADMINISTERED_BY, DOSE_KINDS, ORDER_STATUSES, ROUTES } from '../../domain/enums';
import { FREQUENCIES } from '../../domain/frequency';
import { CareInstant, channel, Id, IsoDate, RequiredText, Text } from './common';
import { Medication } from './formulary';
import { PAGE_MAX } from './patients';

export { ROUTES, ORDER_STATUSES };

const Amount = z
  .number({ message: 'Enter the dose as a number.' })
  .finite()
  .positive('The dose must be above zero.')
  .max(100_000, 'That dose is implausibly large.');
export const Frequency = z.enum(FREQUENCIES, { message: 'Choose a frequency from the list.' });

export const TaperStepInput = z.object({
  effectiveFrom: CareInstant,
  amount: z.number().finite().min(0, 'A taper step cannot be negative.'),
  /** Issue 8 item 4: a step may change how often the dose is given; none keeps the order's. */
  frequency: Frequency.optional(),
});

export const PrnInput = z.object({
  indication: RequiredText('PRN indication', 200),
  maxDoses24h: z
    .number({ message: 'A PRN order needs its maximum doses per 24 hours.' })
    .int('Whole doses only.')
    .min(1, 'A PRN order needs its maximum doses per 24 hours.')
    .max(24, 'At most 24 doses in 24 hours.'),
  minIntervalMinutes: z
    .number({ message: 'A PRN order needs its minimum interval between doses.' })
    .int()
    .min(15, 'The minimum interval is at least 15 minutes.')
    .max(10_080, 'The minimum interval is at most 7 days.'),
  /** Most of the ingredient in any 24 hours, summed across every order of the patient with it (issue 7). */
  maxAmount24h: z
    .number({ message: 'Enter the maximum amount per 24 hours as a number.' })
    .finite()
    .positive('The maximum amount must be above zero.')
    .max(100_000)
    .nullable()
    .default(null),
});

export const StartOrderInput = z
  .object({
    patientId: Id,
    medicationId: Id,
    indication: RequiredText('Indication', 300),
    route: z.enum(ROUTES, { message: 'Choose a route.' }),
    administeredBy: z.enum(ADMINISTERED_BY),
    amount: Amount,
    unit: z.string().min(1),
    frequency: Frequency,
    startAt: CareInstant,
    endAt: CareInstant.nullable().default(null),
    prn: PrnInput.nullable().default(null),
    symptomTrigger: Text(200).nullable().default(null),
    taperSteps: z.array(TaperStepInput).max(120).default([]),
    /** Required when the safety checks warn; stored and audited with the warnings. */
    overrideReason: Text(500).nullable().default(null),
  })
  .refine((o) => o.endAt === null || o.endAt > o.startAt, { message: 'The end must be after the start.', path: ['endAt'] })
  // Issue 8 item 3: "as needed" always carries its limits, and only "as needed" does.
  .refine((o) => o.frequency !== 'prn' || o.prn !== null, {
    message: 'An as-needed order needs its limits: what it is for, the maximum doses in 24 hours and the minimum time between doses.',
    path: ['prn'],
  })
  .refine((o) => o.frequency === 'prn' || o.prn === null, {
    message: 'A scheduled frequency cannot have as-needed limits: choose "as needed", or remove the limits.',
    path: ['frequency'],
  });
export type StartOrderInput = z.infer<typeof StartOrderInput>;

export const DoseVersionView = z.object({
  id: Id,
  kind: z.enum(DOSE_KINDS),
  amount: z.number(),
  unit: z.string(),
  frequency: z.string(),
  frequencyWords: z.string(),
  effectiveFrom: z.string(),
  reason: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
  previousVersionId: z.number().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
});
export type DoseVersionView = z.infer<typeof DoseVersionView>;

export const OrderView = z.object({
  id: Id,
  patientId: Id,
  medication: Medication,
  prescriberId: Id,
  prescriberName: z.string(),
  indication: z.string(),
  route: z.string(),
  administeredBy: z.enum(ADMINISTERED_BY),
  prn: z
    .object({
      indication: z.string(),
      maxDoses24h: z.number(),
      minIntervalMinutes: z.number().nullable(),
      maxAmount24h: z.number().nullable().default(null),
    })
    .nullable(),
  symptomTrigger: z.string().nullable(),
  /** The trigger as main reads it: a score of at least minScore on the scale. */
  symptomTriggerRule: z
    .object({ scale: z.enum(['CIWA-Ar', 'COWS']), minScore: z.number().int() })
    .nullable()
    .default(null),
  startAt: z.string(),
  endAt: z.string().nullable(),
  /** As it reads now: an active or held order past its end reads as completed. */
  status: z.enum(ORDER_STATUSES),
  statusReason: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  safetyOverrideReason: z.string().nullable(),
  doseNow: DoseVersionView.nullable(),
  nextStep: DoseVersionView.nullable(),
  plannedSteps: z.number().int(),
  nextReviewDue: z.string().nullable(),
});
export type OrderView = z.infer<typeof OrderView>;

export const OrderDetail = OrderView.extend({
  versions: z.array(DoseVersionView),
  /** Amount given per local day, for the taper chart's overlay (from the MAR). */
  givenByDay: z.array(z.object({ date: z.string(), amount: z.number() })),
});
export type OrderDetail = z.infer<typeof OrderDetail>;

export const PrescriberPatientRow = z.object({
  patientId: Id,
  mrn: z.string(),
  name: z.string(),
  residence: z.string(),
  activeOrders: z.number().int(),
  heldOrders: z.number().int(),
  nextTaperStep: z.object({ at: z.string(), medication: z.string(), amount: z.number(), unit: z.string() }).nullable(),
  nextReviewDue: z.string().nullable(),
  overdueReviews: z.number().int(),
  flags: z.array(z.string()),
});

/** One step of an order's taper calendar on the printed medication list (domain/taperCalendar.ts). */
export const TaperCalendarStepView = z.object({
  from: z.string(),
  /** When the next step takes over; null for the last step. */
  until: z.string().nullable(),
  amount: z.number(),
  unit: z.string(),
  frequencyWords: z.string(),
  dailyTotal: z.number().nullable(),
  state: z.enum(['past', 'current', 'planned']),
});

/** What the printed medication list carries beyond the screen (issue 8 item 12). */
export const MedicationListPrint = z.object({
  clinicName: z.string(),
  /** main's clock at the moment the print was recorded. */
  printedAt: z.string(),
  printedBy: z.string(),
  /** The 42 CFR Part 2 notice, printed at the foot of the list. */
  notice: z.string(),
  /** Only the printed orders that have taper steps. */
  tapers: z.array(z.object({ orderId: Id, steps: z.array(TaperCalendarStepView) })),
});
export type MedicationListPrint = z.infer<typeof MedicationListPrint>;

const READERS = ['prescriber', 'nurse', 'medical_director'] as const;
const PRESCRIBERS = ['prescriber'] as const;
const Reason = RequiredText('Reason', 500);
/** Needed when a dose is above its usual range (or, where allowed, its maximum); audited. */
const OverrideReason = Text(500).nullable().default(null);

export const ordersContract = {
  'orders.listForPatient': channel({
    summary: "A patient's medication list: staff-given and home medications with the dose in effect now.",
    access: READERS,
    input: z.object({ patientId: Id, includeInactive: z.boolean().default(true) }),
    output: z.array(OrderView),
  }),
  'orders.get': channel({
    summary: 'One order with its full dose history (timeline) and the doses given.',
    access: READERS,
    input: z.object({ id: Id }),
    output: OrderDetail,
  }),
  'orders.checkSafety': channel({
    summary: 'Allergy, duplicate-ingredient and sedating-combination warnings for a prospective order.',
    access: PRESCRIBERS,
    input: z.object({ patientId: Id, medicationId: Id }),
    output: z.array(z.object({ code: z.string(), message: z.string() })),
  }),
  'orders.start': channel({
    summary: 'Start an order, optionally with a taper plan; warnings need an override reason.',
    access: PRESCRIBERS,
    input: StartOrderInput,
    output: OrderDetail,
  }),
  'orders.changeDose': channel({
    summary: 'A new dose version (never an edit), effective from an instant, with a reason.',
    access: PRESCRIBERS,
    input: z.object({
      orderId: Id,
      amount: Amount,
      frequency: Frequency,
      effectiveFrom: CareInstant,
      reason: Reason,
      overrideReason: OverrideReason,
    }),
    output: OrderDetail,
  }),
  'orders.setTaper': channel({
    summary: 'Replace the planned (future) taper steps of an order.',
    access: PRESCRIBERS,
    input: z.object({ orderId: Id, steps: z.array(TaperStepInput).min(1).max(120), reason: Reason, overrideReason: OverrideReason }),
    output: OrderDetail,
  }),
  'orders.stopTaper': channel({
    summary: 'Cancel the remaining taper steps; the current dose continues.',
    access: PRESCRIBERS,
    input: z.object({ orderId: Id, reason: Reason }),
    output: OrderDetail,
  }),
  'orders.hold': channel({
    summary: 'Hold an order with a reason; nurses may not give it while held.',
    access: PRESCRIBERS,
    input: z.object({ orderId: Id, reason: Reason }),
    output: OrderDetail,
  }),
  'orders.resume': channel({
    summary: 'Resume a held order; remaining taper steps shift by the length of the hold.',
    access: PRESCRIBERS,
    input: z.object({ orderId: Id, reason: Reason }),
    output: OrderDetail,
  }),
  'orders.discontinue': channel({
    summary: 'Stop an order with a reason; its open reviews are cancelled.',
    access: PRESCRIBERS,
    input: z.object({ orderId: Id, reason: Reason }),
    output: OrderDetail,
  }),
  'orders.printList': channel({
    summary:
      "Records that a patient's medication list was printed (audited) and returns what the paper carries: clinic, who, when, taper calendars.",
    access: READERS,
    input: z.object({ patientId: Id, orderIds: z.array(Id).max(1000) }),
    output: MedicationListPrint,
  }),
  'orders.prescriberPatients': channel({
    summary: "The prescriber's patient list: active orders, next taper step, next review, flags; a page at a time with the true total.",
    access: ['prescriber', 'medical_director'],
    input: z.object({
      query: Text(100).default(''),
      onlyMine: z.boolean().default(false),
      offset: z.number().int().min(0, 'The page cannot start before the first patient.').default(0),
      limit: z.number().int().min(1).max(PAGE_MAX, `At most ${PAGE_MAX} patients are shown at a time.`).default(100),
    }),
    output: z.object({ total: z.number().int().min(0), offset: z.number().int().min(0), rows: z.array(PrescriberPatientRow) }),
  }),
};

export { IsoDate };
