import { z } from 'zod';
import { channel, Id, IsoDate, Text } from './common';

/**
 * A home patient's program days: the weekly attendance pattern and one-off absences or extra
 * days. Staff-given doses of home patients fall due on program days only.
 */
export const ProgramDaysView = z.object({
  patientId: Id,
  residence: z.enum(['facility', 'home']),
  /** 1 = Monday .. 7 = Sunday. */
  weekdays: z.array(z.number().int()),
  absences: z.array(z.string()),
  extraDays: z.array(z.string()),
  /** Null when never set (a home patient then has no program days, so no staff-given doses). */
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
});
export type ProgramDaysView = z.infer<typeof ProgramDaysView>;

const Weekday = z.number().int().min(1, 'Weekdays run 1 (Monday) to 7 (Sunday).').max(7, 'Weekdays run 1 (Monday) to 7 (Sunday).');

export const programDaysContract = {
  'programDays.get': channel({
    summary: "A patient's program days (weekly pattern, absences, extra days).",
    access: ['prescriber', 'nurse', 'medical_director'],
    input: z.object({ patientId: Id }),
    output: ProgramDaysView,
  }),
  'programDays.update': channel({
    summary: "Change a patient's program days; audited with before and after.",
    access: ['prescriber', 'nurse'],
    input: z.object({
      patientId: Id,
      weekdays: z.array(Weekday).max(7),
      absences: z.array(IsoDate).max(400).default([]),
      extraDays: z.array(IsoDate).max(400).default([]),
      reason: Text(500).nullable().default(null),
    }),
    output: ProgramDaysView,
  }),
};
