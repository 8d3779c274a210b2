import { DateTime } from 'luxon';
import { scoreBand, SCORE_BANDS, type WithdrawalScale } from '../../../../main/domain/scores';
import './mar.css';

export interface ScorePoint {
  /** UTC instant the score was taken. */
  at: string;
  total: number;
}

const WIDTH = 640;
const HEIGHT = 200;
const M = { left: 40, right: 90, top: 10, bottom: 30 };
const PW = WIDTH - M.left - M.right;
const PH = HEIGHT - M.top - M.bottom;

/**
 * A small trend of one scale's totals over time, drawn over the scale's bands, so "moving into
 * severe" is visible at a glance. Screen readers get every score in words.
 */
export function ScoreTrend({ scale, points, zone }: { scale: WithdrawalScale; points: readonly ScorePoint[]; zone: string }) {
  if (points.length === 0) return null;
  const def = SCORE_BANDS[scale];
  const sorted = [...points].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const t0 = Date.parse(sorted[0].at);
  const t1 = Date.parse(sorted[sorted.length - 1].at);
  const span = Math.max(1, t1 - t0);
  const x = (at: string) => M.left + (sorted.length === 1 ? PW / 2 : ((Date.parse(at) - t0) / span) * PW);
  const y = (v: number) => M.top + PH - (v / def.max) * PH;
  const when = (at: string) => DateTime.fromISO(at, { zone: 'utc' }).setZone(zone).toFormat('d LLL HH:mm');
  const words = sorted
    .slice(-20)
    .map((p) => {
      const b = scoreBand(scale, p.total);
      return `${when(p.at)}: ${p.total}${b.ok ? ` (${b.label})` : ''}`;
    })
    .join('; ');
  const title = `${scale} trend`;
  const path = sorted.map((p, i) => `${i === 0 ? 'M' : 'L'} ${x(p.at)} ${y(p.total)}`).join(' ');

  return (
    <figure className="score-trend">
      <figcaption className="chart-title">{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}. ${sorted.length} score${sorted.length === 1 ? '' : 's'}: ${words}.`}>
        {def.bands.map((b) => {
          // A band covers its whole scores: from its min up to where the next band starts.
          const top = y(Math.min(def.max, b.max + 1));
          const bottom = y(b.min);
          return (
            <g key={b.band}>
              <rect x={M.left} width={PW} y={top} height={Math.max(0, bottom - top)} className={`band-${b.band}`} />
              <text x={M.left + PW + 6} y={(top + bottom) / 2 + 3} className="band-label">
                {b.label.replace(' withdrawal', '')}
              </text>
            </g>
          );
        })}
        {[0, Math.round(def.max / 2), def.max].map((t) => (
          <text key={t} x={M.left - 6} y={y(t) + 4} textAnchor="end" className="tick">
            {t}
          </text>
        ))}
        <text x={M.left} y={HEIGHT - 8} className="tick">
          {when(sorted[0].at)}
        </text>
        {sorted.length > 1 ? (
          <text x={M.left + PW} y={HEIGHT - 8} textAnchor="end" className="tick">
            {when(sorted[sorted.length - 1].at)}
          </text>
        ) : null}
        <path d={path} className="line" />
        {sorted.map((p) => (
          <circle key={p.at + p.total} cx={x(p.at)} cy={y(p.total)} r={3.5} className="point" />
        ))}
      </svg>
    </figure>
  );
}
