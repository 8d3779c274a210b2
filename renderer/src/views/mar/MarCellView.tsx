import type { AdministrationView, MarView } from '../../../../main/ipc/contract/administrations';
import { amountWithUnit } from '../orders/labels';
import { DoseStatusBadge } from './DoseStatusBadge';
import { outcomeLabel } from './labels';
import { clockTime, dayAndTime } from './time';

type Cell = MarView['rows'][number]['cells'][number];

/** One entry as the MAR shows it: outcome, amount, time, initials, witness, late flag. */
function EntryText({ a, zone, prn }: { a: AdministrationView; zone: string; prn: boolean }) {
  return (
    <>
      {outcomeLabel(a.outcome)}
      {a.outcome === 'given' && a.amount !== null && a.unit ? ` ${amountWithUnit(a.amount, a.unit)}` : ''}
      {prn || a.late || a.scheduledFor === null ? ` at ${clockTime(a.administeredAt, zone)}` : ''} <abbr title={a.nurse.name}>{a.nurse.initials}</abbr>
      {a.witness ? (
        <>
          {' '}
          witness <abbr title={a.witness.name}>{a.witness.initials}</abbr>
        </>
      ) : null}
      {a.late ? <span className="mar-late"> Late</span> : null}
      {a.reasonWords ? <span className="why">{a.reasonWords}</span> : null}
      {a.late && a.lateReason ? <span className="why">Late: {a.lateReason}</span> : null}
      {a.overrideReason ? <span className="why">Allergy override: {a.overrideReason}</span> : null}
    </>
  );
}

/**
 * A MAR cell: each entry, an entry marked entered-in-error struck through with who marked it,
 * when and why; with nothing documented, the due dose's status (so a blank cell says so).
 */
export function MarCellView({ cell, zone, prn, onCorrect }: { cell: Cell; zone: string; prn: boolean; onCorrect?: (a: AdministrationView) => void }) {
  const live = cell.entries.filter((e) => !e.enteredInError);
  return (
    <td>
      {cell.entries.map((a) =>
        a.enteredInError ? (
          <span key={a.id} className="mar-entry voided">
            <del>
              <EntryText a={a} zone={zone} prn={prn} />
            </del>
            <span className="why">
              Entered in error, marked by <bdi>{a.enteredInError.by.name}</bdi> on {dayAndTime(a.enteredInError.at, zone)}: {a.enteredInError.reason}
            </span>
          </span>
        ) : (
          <span key={a.id} className="mar-entry">
            <EntryText a={a} zone={zone} prn={prn} />
            {onCorrect ? (
              <button type="button" className="secondary small no-print" aria-label={`Mark entered in error: ${a.medicationName} ${dayAndTime(a.scheduledFor ?? a.administeredAt, zone)}`} onClick={() => onCorrect(a)}>
                Correct
              </button>
            ) : null}
          </span>
        ),
      )}
      {live.length === 0 && cell.due ? (
        <span className={cell.due.status === 'not_documented' ? 'mar-blank' : undefined}>
          <DoseStatusBadge status={cell.due.status} />
          <span className="sub">{amountWithUnit(cell.due.amount, cell.due.unit)}</span>
        </span>
      ) : null}
    </td>
  );
}
