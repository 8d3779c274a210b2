import { z } from 'zod';
import { REVIEW_KINDS, REVIEW_ORIGINS, REVIEW_OUTCOMES, REVIEW_STATUSES } from '../../domain/enums';
import { URGENCY_BANDS } from '../../domain/overdue';
import { CareDate, channel, Id, IsoDate, RequiredText, Text } from './common';

export const Band = z.enum(URGENCY_BANDS);

export const FollowupView = z.object({
  id: Id,
  patientId: Id,
  patientName: z.string(),
  mrn: z.string(),
  orderId: z.number().nullable(),
  medicationName: z.string().nullable(),
  drugClass: z.string().nullable(),
  kind: z.enum(REVIEW_KINDS),
  dueDate: z.string(),
  assignedPrescriberId: Id,
  assignedPrescriberName: z.string(),
  status: z.enum(REVIEW_STATUSES),
  origin: z.enum(REVIEW_ORIGINS),
  reason: z.string().nullable(),
  /** For open reviews: where it stands now. */
  band: Band.nullable(),
  daysLate: z.number().int(),
  completedAt: z.string().nullable(),
  completedByName: z.string().nullable(),
  outcome: z.enum(REVIEW_OUTCOMES).nullable(),
  note: z.string().nullable(),
  onTime: z.boolean().nullable(),
  cancelledReason: z.string().nullable(),
});
export type FollowupView = z.infer<typeof FollowupView>;

const BandCounts = z.object({ needs_attention: z.number().int(), critically_overdue: z.number().int(), overdue: z.number().int(), due_today: z.number().int(), due_soon: z.number().int() });

export const AuditFilters = z
  .object({
    /** The report's date in the clinic zone; today (and now) when omitted. */
    asOf: IsoDate.optional(),
    periodFrom: IsoDate.optional(),
    periodTo: IsoDate.optional(),
    prescriberId: Id.optional(),
    patientId: Id.optional(),
    drugClass: Text(100).optional(),
  })
  .refine((f) => !f.periodFrom || !f.periodTo || f.periodFrom <= f.periodTo, { message: 'The period ends before it starts.', path: ['periodTo'] });
export type AuditFilters = z.infer<typeof AuditFilters>;

const Rate = z.object({ due: z.number().int(), onTime: z.number().int(), late: z.number().int(), pending: z.number().int(), rate: z.number().nullable() });

export const OverdueAudit = z.object({
  asOf: z.string(),
  asOfDate: z.string(),
  timeZone: z.string(),
  periods: z.object({ last30: z.tuple([z.string(), z.string()]), last90: z.tuple([z.string(), z.string()]), chosen: z.tuple([z.string(), z.string()]).nullable() }),
  rows: z.array(
    z.object({
      prescriberId: Id,
      prescriberName: z.string(),
      overdue: z.number().int(),
      critical: z.number().int(),
      oldestDueDate: z.string().nullable(),
      medianDaysLate: z.number().nullable(),
      last30: Rate,
      last90: Rate,
      chosen: Rate.nullable(),
    }),
  ),
  totals: z.object({ overdue: z.number().int(), critical: z.number().int() }),
  /** The reviews behind the figures (open overdue ones and those due in the longest period). */
  reviews: z.array(FollowupView),
});
export type OverdueAudit = z.infer<typeof OverdueAudit>;

const PRESCRIBING = ['prescriber', 'medical_director'] as const;
const TEAM = ['prescriber', 'nurse', 'medical_director'] as const;

export const followupsContract = {
  'followups.worklist': channel({
    summary: 'Open reviews sorted by urgency: critically overdue, overdue, due today, due soon, upcoming.',
    access: PRESCRIBING,
    input: z.object({ scope: z.enum(['mine', 'everyone']).default('mine'), includeUpcoming: z.boolean().default(true) }),
    output: z.array(FollowupView),
  }),
  'followups.counts': channel({
    summary: 'Counts by urgency for the navigation badges, for me and for everyone.',
    access: TEAM,
    input: z.object({}).strict(),
    output: z.object({ mine: BandCounts, everyone: BandCounts }),
  }),
  'followups.forPatient': channel({
    summary: "A patient's open and past reviews.",
    access: TEAM,
    input: z.object({ patientId: Id }),
    output: z.array(FollowupView),
  }),
  'followups.schedule': channel({
    summary: 'Schedule a review by hand.',
    access: ['prescriber'],
    input: z.object({ patientId: Id, orderId: Id.nullable().default(null), dueDate: CareDate, assignedPrescriberId: Id.optional(), reason: RequiredText('Reason', 500) }),
    output: FollowupView,
  }),
  'followups.reassign': channel({
    summary: 'Hand an open review to a colleague.',
    access: ['prescriber', 'medical_director'],
    input: z.object({ id: Id, prescriberId: Id, reason: RequiredText('Reason', 500) }),
    output: FollowupView,
  }),
  'followups.reschedule': channel({
    summary: 'Move an open review to another date, with a reason.',
    access: ['prescriber'],
    input: z.object({ id: Id, dueDate: CareDate, reason: RequiredText('Reason', 500) }),
    output: FollowupView,
  }),
  'followups.complete': channel({
    summary: 'Complete a review: continue, adjust or stop, with a note. A routine review schedules the next.',
    access: ['prescriber'],
    input: z.object({ id: Id, outcome: z.enum(REVIEW_OUTCOMES), note: RequiredText('Note', 2000) }),
    output: z.object({ review: FollowupView, next: FollowupView.nullable() }),
  }),
  'followups.overdueAudit': channel({
    summary: "The medical director's audit: overdue reviews and on-time rates by prescriber.",
    access: ['medical_director'],
    input: AuditFilters,
    output: OverdueAudit,
  }),
  'followups.exportAudit': channel({
    summary: 'The audit as CSV (RFC 4180) or a record of printing it; every export is itself audited.',
    access: ['medical_director'],
    input: z.object({ format: z.enum(['csv', 'print']), filters: AuditFilters }),
    output: z.object({ filename: z.string(), content: z.string(), notice: z.string() }),
  }),
};
