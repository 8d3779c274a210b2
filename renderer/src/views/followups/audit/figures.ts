import type { OverdueAudit } from '../../../../../main/ipc/contract/followups';
import { isOverdueBand } from '../../../../../main/domain/overdue';
import type { Review } from '../labels';

export type AuditRow = OverdueAudit['rows'][number];
export type Rate = AuditRow['last30'];
export type Figure = 'overdue' | 'critical' | 'last30' | 'last90' | 'chosen';
export type PeriodFigure = Extract<Figure, 'last30' | 'last90' | 'chosen'>;

export const isPeriod = (f: Figure): f is PeriodFigure => f === 'last30' || f === 'last90' || f === 'chosen';

/** "67 %"; a dash when nothing was due. */
export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)} %`);

/** "2 of 3 due on time", plus the reviews still open but not yet late. */
export function rateDetail(r: Rate): string {
  const base = r.due === 0 ? 'nothing due' : `${r.onTime} of ${r.due} on time`;
  return r.pending > 0 ? `${base}, ${r.pending} not yet due` : base;
}

export function periodOf(audit: OverdueAudit, f: PeriodFigure): [string, string] | null {
  return f === 'chosen' ? audit.periods.chosen : audit.periods[f];
}

/**
 * The reviews behind one figure of one prescriber: the open overdue (or critical) ones, or
 * every review due in the figure's period, as the audit counted them.
 */
export function reviewsBehind(audit: OverdueAudit, prescriberId: number, figure: Figure): Review[] {
  const own = audit.reviews.filter((r) => r.assignedPrescriberId === prescriberId);
  if (figure === 'overdue') return own.filter((r) => r.band !== null && isOverdueBand(r.band));
  if (figure === 'critical') return own.filter((r) => r.band === 'critically_overdue');
  const period = periodOf(audit, figure);
  if (!period) return [];
  return own.filter((r) => r.dueDate >= period[0] && r.dueDate <= period[1]);
}

/** How a review counted in a rate: on time, late (done late or still open past due), or not yet due. */
export function standing(r: Review): 'On time' | 'Late' | 'Not yet due' {
  if (r.status === 'completed') return r.onTime ? 'On time' : 'Late';
  return r.band !== null && isOverdueBand(r.band) ? 'Late' : 'Not yet due';
}
