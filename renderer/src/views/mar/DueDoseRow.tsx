import type { ReactNode } from 'react';
import type { DueDoseView } from '../../../../main/ipc/contract/administrations';
import { ViewLink } from '../../components/ViewLink';
import { amountWithUnit, routeLabel } from '../orders/labels';
import { DocumentedLine } from './DocumentedLine';
import { DoseStatusBadge } from './DoseStatusBadge';

/**
 * One due dose as a table row, the same on Today's doses and the end-of-shift list: its time
 * (the row's header, so screen readers name each row by it), the patient where the list spans
 * the program, the medication (schedule mark, indication), the dose in effect with route and
 * frequency, the status in words and colour, what documents it, and the page's own actions.
 */
export interface DueDoseColumns {
  /** A column naming the patient (with a link to their MAR): lists across the program. */
  patient?: boolean;
  /** A column with the entry that documents the dose: lists that show documented doses. */
  documented?: boolean;
}

export function DueDoseHead({ timeLabel, columns }: { timeLabel: string; columns: DueDoseColumns }) {
  return (
    <thead>
      <tr>
        <th scope="col">{timeLabel}</th>
        {columns.patient ? <th scope="col">Patient</th> : null}
        <th scope="col">Medication</th>
        <th scope="col">Dose</th>
        <th scope="col">Status</th>
        {columns.documented ? <th scope="col">Documented</th> : null}
        <th scope="col">
          <span className="visually-hidden">Actions</span>
        </th>
      </tr>
    </thead>
  );
}

export function DueDoseRow({
  dose,
  zone,
  columns,
  patient,
  className,
  actions,
}: {
  dose: DueDoseView;
  zone: string;
  columns: DueDoseColumns;
  /** For the patient column. */
  patient?: { name: string; mrn: string };
  className?: string;
  actions: ReactNode;
}) {
  const d = dose;
  return (
    <tr className={className}>
      <th scope="row">{d.localTime}</th>
      {columns.patient && patient ? (
        <td>
          <ViewLink view="mar" params={{ patientId: d.patientId }}>
            <bdi>{patient.name}</bdi>
          </ViewLink>
          <span className="sub">MRN {patient.mrn}</span>
        </td>
      ) : null}
      <td>
        {d.medication.name}
        {d.medication.controlled ? <span className="controlled-mark">Schedule {d.medication.deaSchedule}</span> : null}
        <span className="sub">{d.indication}</span>
      </td>
      <td>
        {amountWithUnit(d.amount, d.unit)}
        <span className="sub">
          {routeLabel(d.route)}, {d.frequencyWords}
        </span>
      </td>
      <td>
        <DoseStatusBadge status={d.status} />
      </td>
      {columns.documented ? <td>{d.documented ? <DocumentedLine a={d.documented} zone={zone} /> : '—'}</td> : null}
      <td className="row-actions">{actions}</td>
    </tr>
  );
}
