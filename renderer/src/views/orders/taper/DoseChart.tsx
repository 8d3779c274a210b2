import { useId } from 'react';
import { DateTime } from 'luxon';
import { describeSeries, roundForDisplay, type DosePoint } from './chartData';
import '../orders.css';

const WIDTH = 720;
const HEIGHT = 250;
const MARGIN = { left: 56, right: 30, top: 14, bottom: 40 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
const MAX_X_LABELS = 10;

const Y_TICKS = 4;

/** A round tick step (1, 2, 2.5 or 5 times a power of ten) so the axis labels read cleanly. */
function niceStep(max: number): number {
  const rough = max > 0 ? max / Y_TICKS : 0.25;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const m of [1, 2, 2.5, 5]) if (m * power >= rough) return m * power;
  return 10 * power;
}

const dayLabel = (date: string) => DateTime.fromISO(date, { zone: 'utc' }).toFormat('d LLL');

/**
 * Planned dose per day as a step line, with the doses actually given (from the MAR) as dots.
 * Plain SVG: no charting dependency. Screen readers get the whole plan in words (aria-label),
 * and the same text is the SVG's <desc>.
 */
/** A withdrawal score placed on the chart's days: `day` is the clinic date, `hour` its local hour (0-24). */
export interface ChartScore {
  day: string;
  hour: number;
  total: number;
  scale: 'CIWA-Ar' | 'COWS';
}

const SCALE_MAX = { 'CIWA-Ar': 67, COWS: 48 } as const;

export function DoseChart({ title, planned, given = [], scores = [], unit, today }: { title: string; planned: readonly DosePoint[]; given?: readonly DosePoint[]; /** Second series on its own axis (right). */ scores?: readonly ChartScore[]; unit: string; /** Clinic date, marked so the plan reads as past and to come. */ today?: string }) {
  const titleId = useId();
  if (planned.length === 0) return null;
  const n = planned.length;
  const first = DateTime.fromISO(planned[0].date, { zone: 'utc' });
  const indexOf = (date: string) => Math.round(DateTime.fromISO(date, { zone: 'utc' }).diff(first, 'days').days);
  const givenInRange = given.filter((g) => indexOf(g.date) >= 0 && indexOf(g.date) < n);
  const highest = Math.max(...planned.map((p) => p.amount), ...givenInRange.map((g) => g.amount));
  const yStep = niceStep(highest);
  const yMax = Math.max(1, Math.ceil(highest / yStep)) * yStep;
  const x = (i: number) => MARGIN.left + (i / n) * PLOT_W;
  const y = (amount: number) => MARGIN.top + PLOT_H - (amount / yMax) * PLOT_H;

  let path = `M ${x(0)} ${y(planned[0].amount)}`;
  planned.forEach((p, i) => {
    path += ` V ${y(p.amount)} H ${x(i + 1)}`;
  });
  const yTicks = Array.from({ length: Math.round(yMax / yStep) + 1 }, (_, i) => roundForDisplay(i * yStep));
  const every = Math.ceil(n / MAX_X_LABELS);
  const scoresInRange = scores.filter((sc) => indexOf(sc.day) >= 0 && indexOf(sc.day) < n);
  const scoreMax = Math.max(0, ...scoresInRange.map((sc) => SCALE_MAX[sc.scale]));
  const yScore = (total: number) => MARGIN.top + PLOT_H - (total / (scoreMax || 1)) * PLOT_H;
  const scoreX = (sc: ChartScore) => x(indexOf(sc.day) + Math.min(1, Math.max(0, sc.hour / 24)));
  const scoreScales = [...new Set(scoresInRange.map((sc) => sc.scale))];
  const description =
    describeSeries(planned, unit) +
    (givenInRange.length ? ` Doses given are shown on ${givenInRange.length} day(s).` : '') +
    (scoresInRange.length ? ` ${scoresInRange.length} ${scoreScales.join(' and ')} score(s), highest ${Math.max(...scoresInRange.map((sc) => sc.total))}, on the right-hand axis.` : '');

  return (
    <figure className="dose-chart">
      <figcaption id={titleId} className="chart-title">
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}. ${description}`} preserveAspectRatio="xMinYMin meet">
        <title>{title}</title>
        <desc>{description}</desc>
        {yTicks.map((t) => (
          <g key={t}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} className="grid" />
            <text x={MARGIN.left - 6} y={y(t) + 4} textAnchor="end" className="tick">
              {t}
            </text>
          </g>
        ))}
        <text x={14} y={MARGIN.top + PLOT_H / 2} className="axis-label" transform={`rotate(-90 14 ${MARGIN.top + PLOT_H / 2})`} textAnchor="middle">
          {unit} per day
        </text>
        {planned.map((p, i) =>
          i % every === 0 ? (
            <text key={p.date} x={x(i + 0.5)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle" className="tick">
              {dayLabel(p.date)}
            </text>
          ) : null,
        )}
        <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} className="axis" />
        {today && indexOf(today) >= 0 && indexOf(today) < n ? (
          <g className="today">
            <line x1={x(indexOf(today) + 0.5)} x2={x(indexOf(today) + 0.5)} y1={MARGIN.top} y2={y(0)} />
            <text x={x(indexOf(today) + 0.5) + 4} y={MARGIN.top + 10} className="tick">
              Today
            </text>
          </g>
        ) : null}
        <path d={path} className="planned" />
        {givenInRange.map((g) => (
          <circle key={g.date} cx={x(indexOf(g.date) + 0.5)} cy={y(g.amount)} r={5} className="given" />
        ))}
        {scoresInRange.length ? (
          <g className="scores">
            <text x={WIDTH - MARGIN.right + 4} y={MARGIN.top + 8} className="tick">
              {scoreMax}
            </text>
            <text x={WIDTH - MARGIN.right + 4} y={y(0)} className="tick">
              0
            </text>
            <path d={scoresInRange.map((sc, i) => `${i === 0 ? 'M' : 'L'} ${scoreX(sc)} ${yScore(sc.total)}`).join(' ')} className="score-line" />
            {scoresInRange.map((sc) => (
              <rect key={`${sc.day}-${sc.hour}-${sc.total}`} x={scoreX(sc) - 3.5} y={yScore(sc.total) - 3.5} width={7} height={7} className="score-point" />
            ))}
          </g>
        ) : null}
      </svg>
      <ul className="chart-legend" aria-label="Legend">
        <li>
          <span className="swatch swatch-planned" aria-hidden="true" /> Planned dose per day (amount per dose × doses a day)
        </li>
        {givenInRange.length ? (
          <li>
            <span className="swatch swatch-given" aria-hidden="true" /> Given (from the MAR)
          </li>
        ) : null}
        {scoresInRange.length ? (
          <li>
            <span className="swatch swatch-score" aria-hidden="true" /> {scoreScales.join(' / ')} score (right-hand axis, 0 to {scoreMax})
          </li>
        ) : null}
      </ul>
    </figure>
  );
}
