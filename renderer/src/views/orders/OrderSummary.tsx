import type { OrderDetail } from '../../../../main/ipc/contract/orders';
import { useClinicZone } from '../../context';
import { formatDate, formatInstant } from '../../format';
import { deaLabel, doseInWords, givenByLabel, isFuture, prnInWords, routeLabel } from './labels';
import { StatusBadge } from './StatusBadge';

/** What the order says now, in words a nurse or a pharmacist would read back. */
export function OrderSummary({ order }: { order: OrderDetail }) {
  const zone = useClinicZone();
  const m = order.medication;
  const stopped = order.status === 'discontinued' || order.status === 'completed';
  return (
    <section className="panel" aria-labelledby="order-summary-heading">
      <h2 id="order-summary-heading">Order</h2>
      <dl className="facts">
        <dt>Medication</dt>
        <dd>
          {m.name} ({m.form}; {deaLabel(m.deaSchedule)})
        </dd>
        <dt>{order.status === 'held' ? 'Dose' : 'Dose now'}</dt>
        {order.status === 'held' ? (
          <dd className="dose-now held-line">
            <strong>HELD{order.statusChangedAt ? ` since ${formatInstant(order.statusChangedAt, zone)}` : ''}</strong>
            {order.statusReason ? `: ${order.statusReason}` : ''}
            {order.doseNow ? <span className="sub secondary">Dose when resumed: {doseInWords(order.doseNow)}</span> : null}
          </dd>
        ) : stopped ? (
          <dd className="dose-now">
            None: the order is {order.status}
            {order.doseNow ? <span className="sub">Last ordered: {doseInWords(order.doseNow)}</span> : null}
          </dd>
        ) : (
          <dd className="dose-now">
            {order.doseNow ? `${doseInWords(order.doseNow)}, ${routeLabel(order.route).toLowerCase()}` : 'None in effect'}
            {order.doseNow && isFuture(order.doseNow.effectiveFrom) ? (
              <span className="sub">Not yet in effect: starts {formatInstant(order.doseNow.effectiveFrom, zone)}</span>
            ) : null}
          </dd>
        )}
        <dt>Status</dt>
        <dd>
          <StatusBadge status={order.status} />
          {order.statusReason ? ` ${order.statusReason}` : ''}
          {order.statusChangedAt ? <span className="sub">Since {formatInstant(order.statusChangedAt, zone)}</span> : null}
        </dd>
        <dt>Indication</dt>
        <dd>{order.indication}</dd>
        <dt>Given by</dt>
        <dd>{givenByLabel(order.administeredBy)}</dd>
        <dt>PRN</dt>
        <dd>{order.prn ? prnInWords(order.prn) : 'No: scheduled doses'}</dd>
        {order.symptomTrigger ? (
          <>
            <dt>Symptom trigger</dt>
            <dd>{order.symptomTrigger}</dd>
          </>
        ) : null}
        <dt>Prescriber</dt>
        <dd>{order.prescriberName}</dd>
        <dt>Start</dt>
        <dd>{formatInstant(order.startAt, zone)}</dd>
        <dt>End</dt>
        <dd>{order.endAt ? formatInstant(order.endAt, zone) : 'Open-ended'}</dd>
        <dt>Taper</dt>
        <dd>
          {order.plannedSteps ? `${order.plannedSteps} step${order.plannedSteps === 1 ? '' : 's'} planned` : 'No planned steps'}
          {order.plannedSteps && order.status === 'held' ? ': paused while held (they move by the length of the hold on resuming)' : ''}
        </dd>
        <dt>Next review due</dt>
        <dd>{formatDate(order.nextReviewDue)}</dd>
        {order.safetyOverrideReason ? (
          <>
            <dt>Safety override</dt>
            <dd className="override-reason">{order.safetyOverrideReason}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
