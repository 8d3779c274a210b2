import { z } from 'zod';
import { REVIEW_KINDS, REVIEW_ORIGINS, REVIEW_OUTCOMES, REVIEW_STATUSES } from '../../domain/enums';
import { URGENCY_BANDS } from '../../domain/overdue';
import { CareDate, channel, Id, RequiredText } from './common';

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
};
