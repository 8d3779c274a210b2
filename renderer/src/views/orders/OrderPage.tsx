import { useState } from 'react';
import { DateTime } from 'luxon';
import type { ScoreView } from '../../../../main/ipc/contract/scores';
import type { OrderDetail } from '../../../../main/ipc/contract/orders';
import { LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { ViewLink } from '../../components/ViewLink';
import { useCan, useClinicZone } from '../../context';
import { useApiQuery } from '../../hooks';
import { OrderActions } from './actions/OrderActions';
import { DoseTimeline } from './DoseTimeline';
import { unitLabel } from './labels';
import { OrderAuditTrail } from './OrderAuditTrail';
import { OrderSummary } from './OrderSummary';
import { PatientBannerFor } from '../../components/PatientBanner';
import { plannedPerDay } from './taper/chartData';
import { DoseChart, type ChartScore } from './taper/DoseChart';
import { localDateOf } from './time';
import './orders.css';

/** The patient's withdrawal scores (entered-in-error ones left out) as the chart places them. */
function toChartScores(scores: readonly ScoreView[], zone: string): ChartScore[] {
  return scores
    .filter((s) => !s.enteredInError)
    .map((s) => {
      const at = DateTime.fromISO(s.scoredAt, { zone: 'utc' }).setZone(zone);
      return { day: at.toISODate() ?? '', hour: at.hour + at.minute / 60, total: s.total, scale: s.scale };
    })
    .sort((a, b) => a.day.localeCompare(b.day) || a.hour - b.hour);
}

/** One order: what it says now, every dose version, the plan against what was given, and who did what. */
export function OrderPage({ params }: { params: { id: number } }) {
  const zone = useClinicZone() ?? 'UTC';
  const order = useApiQuery('orders.get', { id: params.id });
  const can = useCan();
  const [message, setMessage] = useState<string | null>(null);
  const o = order.data;

  const onChanged = (updated: OrderDetail, text: string) => {
    order.setData(updated);
    setMessage(text);
  };

  return (
    <>
      {o ? (
        <p className="breadcrumb">
          <ViewLink view="patientMedications" params={{ patientId: o.patientId }}>
            ← Medication list
          </ViewLink>
        </p>
      ) : null}
      <PageHeading>{o ? `${o.medication.name} order` : 'Order'}</PageHeading>
      {o ? <PatientBannerFor patientId={o.patientId} /> : null}
      <LoadError error={order.error} onRetry={order.reload} />
      {!o && order.loading ? <p role="status">Loading the order…</p> : null}
      <p role="status" className="saved">
        {message}
      </p>
      {o ? (
        <>
          <OrderSummary order={o} />
          {can('orders.changeDose') ? <OrderActions order={o} zone={zone} onChanged={onChanged} /> : null}
          <DoseTimeline order={o} />
          <section className="panel" aria-labelledby="plan-chart-heading">
            <h2 id="plan-chart-heading">Plan and doses given</h2>
            <PlanChart order={o} zone={zone} />
          </section>
          {can('audit.list') ? (
            <OrderAuditTrail
              orderId={o.id}
              versionIds={o.versions.map((v) => v.id)}
              revision={JSON.stringify([o.status, o.versions.length, o.statusChangedAt])}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** The plan against the doses given per day, with the patient's withdrawal scores as a second series. */
function PlanChart({ order: o, zone }: { order: OrderDetail; zone: string }) {
  const scores = useApiQuery('scores.forPatient', { patientId: o.patientId, days: 120 });
  return (
    <DoseChart
      title={o.givenByDay.length ? 'Planned and given dose per day' : 'Planned dose per day'}
      planned={plannedPerDay(
        o.versions.filter((v) => !v.voidedAt),
        zone,
        o.status === 'discontinued' ? (o.statusChangedAt ?? o.endAt) : o.endAt,
      )}
      given={o.givenByDay}
      scores={toChartScores(scores.data ?? [], zone)}
      unit={unitLabel(o.medication.unit)}
      today={localDateOf(new Date().toISOString(), zone)}
    />
  );
}
