import type { OverdueReport } from '../../../../main/ipc/contract/overdueReport';
import { dueLabel } from '../followups/labels';
import { percent, rateDetail, type ReportRow, type Figure, type PeriodFigure, type Rate } from './figures';

export interface Selected {
  prescriberId: number;
  figure: Figure;
}

const shortDate = (d: string) => dueLabel(d).replace(/^\w+ /, '');

/**
 * The overdue-review report's figures, one row per prescriber (not the audit log's table: that
 * is views/audit/AuditTable.tsx). Each figure is a button that lists the reviews behind it; its
 * name says the figure, what it counts and whose it is.
 */
export function OverdueReportTable({ report: audit, scopeText, selected, onSelect }: { report: OverdueReport; scopeText: string; selected: Selected | null; onSelect(s: Selected): void }) {
  const periods: { figure: PeriodFigure; title: string; range: [string, string] }[] = [
    { figure: 'last30', title: 'On time, last 30 days', range: audit.periods.last30 },
    { figure: 'last90', title: 'On time, last 90 days', range: audit.periods.last90 },
    ...(audit.periods.chosen ? [{ figure: 'chosen' as const, title: 'On time, chosen period', range: audit.periods.chosen }] : []),
  ];

  const figureButton = (row: ReportRow, figure: Figure, text: string, label: string, enabled: boolean) => {
    if (!enabled) return <span>{text}</span>;
    const pressed = selected?.prescriberId === row.prescriberId && selected.figure === figure;
    return (
      <button type="button" className="figure" aria-label={`${text} ${label}, ${row.prescriberName}: show the reviews`} aria-pressed={pressed} onClick={() => onSelect({ prescriberId: row.prescriberId, figure })}>
        {text}
      </button>
    );
  };

  const rateCell = (row: ReportRow, figure: PeriodFigure, title: string, rate: Rate) => (
    <td key={figure} className="num rate-cell">
      {figureButton(row, figure, percent(rate.rate), title.toLowerCase(), rate.due + rate.pending > 0)}
      <span className="rate-detail">{rateDetail(rate)}</span>
    </td>
  );

  return (
    <table className="data-table overdue-report-table">
      <caption>
        Overdue reviews and on-time completion by prescriber, as of {dueLabel(audit.asOfDate)} ({audit.timeZone}), {scopeText}
      </caption>
      <thead>
        <tr>
          <th scope="col">Prescriber</th>
          <th scope="col" className="num">
            Overdue
          </th>
          <th scope="col" className="num">
            Critically overdue
          </th>
          <th scope="col">Oldest due date</th>
          <th scope="col" className="num">
            Median days late
          </th>
          {periods.map((p) => (
            <th key={p.figure} scope="col" className="num">
              {p.title}
              <span className="rate-detail">
                {shortDate(p.range[0])} – {shortDate(p.range[1])}
              </span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {audit.rows.map((row) => (
          <tr key={row.prescriberId} className={row.critical > 0 ? 'report-critical' : row.overdue > 0 ? 'report-overdue' : undefined}>
            <th scope="row">{row.prescriberName}</th>
            <td className="num">{figureButton(row, 'overdue', String(row.overdue), 'overdue', row.overdue > 0)}</td>
            <td className="num">{figureButton(row, 'critical', String(row.critical), 'critically overdue', row.critical > 0)}</td>
            <td className="nowrap">{row.oldestDueDate ? dueLabel(row.oldestDueDate) : '—'}</td>
            <td className="num">{row.medianDaysLate ?? '—'}</td>
            {periods.map((p) => rateCell(row, p.figure, p.title, row[p.figure] ?? { due: 0, onTime: 0, late: 0, pending: 0, rate: null }))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
