import type { OrderDetail } from '../../../../main/ipc/contract/orders';
import { useClinicZone } from '../../context';
import { formatInstant } from '../../format';
import { doseInWords, isFuture, KIND_LABELS } from './labels';

type Version = OrderDetail['versions'][number];

/**
 * Every dose version in the order it takes effect. Nothing is edited in place, so voided
 * (replaced) versions stay, struck through, with why they were voided.
 */
export function DoseTimeline({ order }: { order: OrderDetail }) {
  const zone = useClinicZone();
  const versions = [...order.versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.id - b.id);
  // main reports the first version as doseNow even before the order starts, and after it stops:
  // mark only what a nurse could give now or next.
  const live = order.status === 'active' || order.status === 'held';
  const marker = (v: Version) => (!live ? null : v.id === order.doseNow?.id && !isFuture(v.effectiveFrom) ? 'In effect now' : v.id === order.nextStep?.id ? 'Next' : null);
  return (
    <section className="panel" aria-labelledby="dose-history-heading">
      <h2 id="dose-history-heading">Dose history</h2>
      <ol className="timeline">
        {versions.map((v) => {
          const body = (
            <>
              <span className="timeline-kind">{KIND_LABELS[v.kind] ?? v.kind}</span> <strong>{doseInWords(v)}</strong> from {formatInstant(v.effectiveFrom, zone)}
              <span className="sub">
                {v.reason} — {v.authorName}, entered {formatInstant(v.createdAt, zone)}
              </span>
            </>
          );
          const mark = marker(v);
          return (
            <li key={v.id} className={v.voidedAt ? 'voided' : v.id === order.doseNow?.id ? 'current' : undefined}>
              {v.voidedAt ? <del>{body}</del> : body}
              {mark ? <span className="timeline-mark">{mark}</span> : null}
              {v.voidedAt ? (
                <span className="sub void-reason">
                  Voided {formatInstant(v.voidedAt, zone)}: {v.voidReason}
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
