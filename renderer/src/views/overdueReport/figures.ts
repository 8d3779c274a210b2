import type { OverdueReport, ReportFigure } from '../../../../main/ipc/contract/overdueReport';
import { isOverdueBand } from '../../../../main/domain/overdue';
import type { Review } from '../followups/labels';

export type ReportRow = OverdueReport['rows'][number];
export type Rate = ReportRow['last30'];
export type Figure = ReportFigure;
export type PeriodFigure = Extract<Figure, 'last30' | 'last90' | 'chosen'>;

export const isPeriod = (f: Figure): f is PeriodFigure => f === 'last30' || f === 'last90' || f === 'chosen';

/** "67 %"; a dash when nothing was due. */
export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)} %`);

/** "2 of 3 due on time", plus the reviews still open but not yet late. */
export function rateDetail(r: Rate): string {
  const base = r.due === 0 ? 'nothing due' : `${r.onTime} of ${r.due} on time`;
  return r.pending > 0 ? `${base}, ${r.pending} not yet due` : base;
}

export function periodOf(report: OverdueReport, f: PeriodFigure): [string, string] | null {
  return f === 'chosen' ? report.periods.chosen : report.periods[f];
}

/** How a review counted in a rate: on time, late (done late or still open past due), or not yet due. */
export function standing(r: Review): 'On time' | 'Late' | 'Not yet due' {
  if (r.status === 'completed') return r.onTime ? 'On time' : 'Late';
  if (r.status === 'cancelled') return 'Late';
  return r.band !== null && isOverdueBand(r.band) ? 'Late' : 'Not yet due';
}
