import { z } from 'zod';
import { channel, Id, IsoDate, Text } from './common';
import { FollowupView } from './followups';

/**
 * The medical director's overdue-review report: who is behind on reviews, by how much, and how
 * often on time. Not the audit log (audit.*), which records every write: users call this one
 * "the overdue-review report", and so does every name from here to the screen.
 */

export const ReportFilters = z
  .object({
    /** The report's date in the clinic zone; today (and now) when omitted. A future date is refused. */
    asOf: IsoDate.optional(),
    periodFrom: IsoDate.optional(),
    periodTo: IsoDate.optional(),
    prescriberId: Id.optional(),
    patientId: Id.optional(),
    drugClass: Text(100).optional(),
  })
  .refine((f) => !f.periodFrom || !f.periodTo || f.periodFrom <= f.periodTo, { message: 'The period ends before it starts.', path: ['periodTo'] });
export type ReportFilters = z.infer<typeof ReportFilters>;

const Rate = z.object({ due: z.number().int(), onTime: z.number().int(), late: z.number().int(), pending: z.number().int(), rate: z.number().nullable() });

/** The report's figures: one row per prescriber, and the totals. The reviews behind them come a page at a time. */
export const OverdueReport = z.object({
  asOf: z.string(),
  asOfDate: z.string(),
  timeZone: z.string(),
  /** Each filter in words ("prescriber Dr A"); empty for the whole team. The screen, print and CSV say these. */
  scope: z.array(z.string()),
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
});
export type OverdueReport = z.infer<typeof OverdueReport>;

/** Which figure of a prescriber's row the director opened. */
export const REPORT_FIGURES = ['overdue', 'critical', 'last30', 'last90', 'chosen'] as const;
export type ReportFigure = (typeof REPORT_FIGURES)[number];

export const REVIEWS_PAGE_MAX = 200;

export const overdueReportContract = {
  'overdueReport.figures': channel({
    summary: "The overdue-review report's figures: overdue reviews and on-time rates by prescriber, as of a date.",
    access: ['medical_director'],
    input: ReportFilters,
    output: OverdueReport,
  }),
  'overdueReport.reviews': channel({
    summary: 'One page of the reviews behind one figure of the overdue-review report, in due-date order, with the true total.',
    access: ['medical_director'],
    input: z.object({
      filters: ReportFilters,
      prescriberId: Id,
      figure: z.enum(REPORT_FIGURES),
      offset: z.int().min(0).default(0),
      limit: z.int().min(1).max(REVIEWS_PAGE_MAX).default(50),
    }),
    output: z.object({ total: z.number().int(), offset: z.number().int(), reviews: z.array(FollowupView) }),
  }),
  'overdueReport.export': channel({
    summary:
      'The overdue-review report as CSV (the figures, then the overdue reviews themselves) or a record of printing it. Runs as a job (one at a time, its progress in clinic.jobs); every export is in the audit log.',
    access: ['medical_director'],
    input: z.object({ format: z.enum(['csv', 'print']), filters: ReportFilters }),
    output: z.object({ filename: z.string(), content: z.string(), notice: z.string() }),
  }),
};
