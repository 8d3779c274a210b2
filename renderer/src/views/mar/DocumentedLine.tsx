import type { AdministrationView } from '../../../../main/ipc/contract/administrations';
import { amountWithUnit } from '../orders/labels';
import { outcomeLabel } from './labels';
import { clockTime } from './time';

/** "Given 0.1 mg at 09:05 by Nico Testdose, witness Wren Testwitness" (and why, when not given). */
export function DocumentedLine({ a, zone }: { a: AdministrationView; zone: string }) {
  return (
    <>
      {outcomeLabel(a.outcome)}
      {a.outcome === 'given' && a.amount !== null && a.unit ? ` ${amountWithUnit(a.amount, a.unit)}` : ''} at {clockTime(a.administeredAt, zone)} by {a.nurse.name}
      {a.witness ? <span className="sub">
          Witness <bdi>{a.witness.name}</bdi>
        </span> : null}
      {a.reasonWords ? <span className="sub">{a.reasonWords}</span> : null}
      {a.late ? <span className="sub mar-late">Late{a.lateReason ? `: ${a.lateReason}` : ''}</span> : null}
    </>
  );
}
