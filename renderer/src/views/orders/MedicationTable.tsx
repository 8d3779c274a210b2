import type { OrderView } from '../../../../main/ipc/contract/orders';
import { ViewLink } from '../../components/ViewLink';
import { useClinicZone } from '../../context';
import { formatInstant } from '../../format';
import { amountWithUnit, deaLabel, doseInWords, givenByLabel, isFuture, prnInWords, routeLabel } from './labels';
import { StatusBadge } from './StatusBadge';

/**
 * One row per order: staff-given and home medications together, as reconciliation needs.
 * main's nextStep is the next dose version of any kind (for an order that starts later, its
 * first dose), so only a taper step is shown as the next taper step.
 */
export function MedicationTable({
  orders,
  total,
  filtered,
  busy,
}: {
  orders: OrderView[];
  total: number;
  filtered: boolean;
  busy: boolean;
}) {
  const zone = useClinicZone();
  const caption = filtered
    ? `${orders.length} of ${total} medications (filtered)`
    : `${total} medication${total === 1 ? '' : 's'}, staff-given and home`;
  return (
    <>
      <table className="data-table medication-table" aria-busy={busy || undefined}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Medication</th>
            <th scope="col">Dose now</th>
            <th scope="col">Given by</th>
            <th scope="col">Next taper step</th>
            <th scope="col">Status</th>
            <th scope="col">Indication and PRN</th>
            <th scope="col">Prescriber and dates</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr
              key={o.id}
              className={o.status === 'discontinued' || o.status === 'completed' ? 'inactive' : o.status === 'held' ? 'held' : undefined}
            >
              <th scope="row">
                <ViewLink view="order" params={{ id: o.id }}>
                  {o.medication.name}
                </ViewLink>
                <span className="sub">
                  {o.medication.form}
                  {o.medication.deaSchedule ? ` · ${deaLabel(o.medication.deaSchedule)}` : ''}
                </span>
              </th>
              {o.status === 'held' ? (
                <td>
                  <strong className="held-line">HELD{o.statusChangedAt ? ` since ${formatInstant(o.statusChangedAt, zone)}` : ''}</strong>
                  {o.statusReason ? <span className="sub">{o.statusReason}</span> : null}
                  {o.doseNow ? <span className="sub secondary">Dose when resumed: {doseInWords(o.doseNow)}</span> : null}
                </td>
              ) : (
                <td>
                  {o.doseNow ? doseInWords(o.doseNow) : '—'}
                  {o.doseNow && isFuture(o.doseNow.effectiveFrom) ? (
                    <span className="sub nowrap">Starts {formatInstant(o.doseNow.effectiveFrom, zone)}</span>
                  ) : null}
                  <span className="sub">{routeLabel(o.route)}</span>
                </td>
              )}
              <td>{givenByLabel(o.administeredBy)}</td>
              <td>
                {o.status === 'held' && o.plannedSteps > 0 ? (
                  <>
                    Paused while held
                    <span className="sub secondary">
                      {o.plannedSteps} step{o.plannedSteps === 1 ? '' : 's'} planned; they move by the length of the hold on resuming
                    </span>
                  </>
                ) : o.nextStep?.kind === 'taper_step' ? (
                  <>
                    {amountWithUnit(o.nextStep.amount, o.nextStep.unit)}
                    <span className="sub nowrap">{formatInstant(o.nextStep.effectiveFrom, zone)}</span>
                    {o.plannedSteps > 1 ? <span className="sub">{o.plannedSteps} steps planned</span> : null}
                  </>
                ) : o.plannedSteps > 0 ? (
                  `${o.plannedSteps} steps planned`
                ) : (
                  '—'
                )}
              </td>
              <td>
                <StatusBadge status={o.status} />
                {o.statusReason && o.status !== 'active' ? <span className="sub">{o.statusReason}</span> : null}
              </td>
              <td>
                {o.indication}
                {o.prn ? <span className="sub">{prnInWords(o.prn)}</span> : null}
                {o.symptomTrigger ? <span className="sub">Give when {o.symptomTrigger}</span> : null}
              </td>
              <td>
                {o.prescriberName}
                <span className="sub nowrap">From {formatInstant(o.startAt, zone)}</span>
                {o.endAt ? <span className="sub nowrap">Until {formatInstant(o.endAt, zone)}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {orders.length === 0 ? (
        <p className="empty">{total === 0 ? 'No medications ordered yet.' : 'No medications match these filters.'}</p>
      ) : null}
    </>
  );
}
