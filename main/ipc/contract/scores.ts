import { z } from 'zod';
import { channel, Id, Instant, IsoDate, RequiredText, Text } from './common';
import { MarAlertView } from './administrations';

/** Withdrawal scales (CIWA-Ar, COWS) entered item by item, and their trend. */

export const SCALES = ['CIWA-Ar', 'COWS'] as const;
export const Scale = z.enum(SCALES, { message: 'Choose CIWA-Ar or COWS.' });

export const ScoreView = z.object({
  id: Id,
  patientId: Id,
  scale: Scale,
  items: z.record(z.string(), z.number().int()),
  total: z.number().int(),
  band: z.string(),
  bandLabel: z.string(),
  scoredAt: z.string(),
  recordedAt: z.string(),
  nurseName: z.string(),
  orderId: z.number().nullable(),
  note: z.string().nullable(),
  /** Doses given on the strength of this score. */
  administrationIds: z.array(Id),
  enteredInError: z.object({ at: z.string(), byName: z.string(), reason: z.string() }).nullable(),
});
export type ScoreView = z.infer<typeof ScoreView>;

/** Each scale's items with their anchor wording, and its bands, for the form and the chart. */
export const ScaleDefinition = z.object({
  scale: Scale,
  min: z.number().int(),
  max: z.number().int(),
  source: z.string(),
  items: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      prompt: z.string(),
      values: z.array(z.number().int()),
      anchors: z.array(z.object({ value: z.number().int(), text: z.string() })),
    }),
  ),
  bands: z.array(z.object({ band: z.string(), label: z.string(), min: z.number().int(), max: z.number().int() })),
});

const NURSES = ['nurse'] as const;
const READERS = ['prescriber', 'nurse', 'medical_director'] as const;

export const scoresContract = {
  'scores.scales': channel({
    summary: 'CIWA-Ar and COWS: every item with its allowed values and anchor wording, and the bands.',
    access: READERS,
    input: z.object({}).strict(),
    output: z.array(ScaleDefinition),
  }),
  'scores.record': channel({
    summary: 'Record a CIWA-Ar or COWS item by item; totalled and banded in main; a severe score puts a review due today.',
    access: NURSES,
    input: z.object({
      patientId: Id,
      scale: Scale,
      items: z.record(z.string(), z.number()),
      /** When the assessment was done; now when omitted. */
      scoredAt: Instant.nullable().default(null),
      /** The order the assessment is for (e.g. the withdrawal order a PRN belongs to). */
      orderId: Id.nullable().default(null),
      note: Text(1000).nullable().default(null),
    }),
    output: z.object({ score: ScoreView, alert: MarAlertView.nullable() }),
  }),
  'scores.markEnteredInError': channel({
    summary: 'Mark a score entered-in-error with a reason (it no longer qualifies a PRN).',
    access: NURSES,
    input: z.object({ id: Id, reason: RequiredText('Reason', 500) }),
    output: ScoreView,
  }),
  'scores.forPatient': channel({
    summary: "A patient's scores over a period (the trend chart), newest last.",
    access: READERS,
    input: z.object({
      patientId: Id,
      /** The last day shown (clinic zone); today when omitted. */
      endDate: IsoDate.optional(),
      days: z.number().int().min(1).max(120).default(14),
      orderId: Id.optional(),
    }),
    output: z.array(ScoreView),
  }),
};
