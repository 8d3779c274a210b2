import { LoadError } from '../../components/FormError';
import { ViewLink } from '../../components/ViewLink';
import { useClinicZone } from '../../context';
import { useApiQuery } from '../../hooks';
import { amountWithUnit } from '../orders/labels';
import { ScoreTrend } from './ScoreTrend';
import { dayAndTime } from './time';
import './mar.css';

/**
 * The patient page's withdrawal picture: each scale's trend over two weeks against its bands,
 * beside the doses given in the same days (from the MAR).
 */
export function PatientScoresPanel({ patientId }: { patientId: number }) {
  const zone = useClinicZone() ?? 'UTC';
  const scores = useApiQuery('scores.forPatient', { patientId, days: 14 });
  const mar = useApiQuery('mar.forPatient', { patientId, days: 14 });
  const live = (scores.data ?? []).filter((s) => !s.enteredInError);
  const given = (mar.data?.rows ?? [])
    .flatMap((r) => r.cells.flatMap((c) => c.entries))
    .filter((a) => a.outcome === 'given' && !a.enteredInError)
    .sort((a, b) => b.administeredAt.localeCompare(a.administeredAt))
    .slice(0, 12);
  return (
    <section aria-labelledby="scores-heading" className="panel">
      <div className="page-title-row">
        <h2 id="scores-heading">Withdrawal scores and doses given</h2>
        <ViewLink view="mar" params={{ patientId }}>
          Open the MAR
        </ViewLink>
      </div>
      <LoadError error={scores.error ?? mar.error} onRetry={scores.error ? scores.reload : mar.reload} />
      <div className="field-row">
        <div>
          {live.length === 0 && scores.data ? <p className="empty">No CIWA-Ar or COWS scores in the last 14 days.</p> : null}
          {(['CIWA-Ar', 'COWS'] as const).map((scale) => (
            <ScoreTrend key={scale} scale={scale} zone={zone} points={live.filter((s) => s.scale === scale).map((s) => ({ at: s.scoredAt, total: s.total }))} />
          ))}
        </div>
        <div>
          <h3>Doses given, latest first</h3>
          {given.length === 0 && mar.data ? <p className="empty">None in the last 14 days.</p> : null}
          <ul>
            {given.map((a) => (
              <li key={a.id}>
                {dayAndTime(a.administeredAt, zone)}: {a.medicationName} {a.amount !== null && a.unit ? amountWithUnit(a.amount, a.unit) : ''}
                {a.prn ? ' (PRN)' : ''}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
