import { useState, type ReactNode } from 'react';
import { URGENCY_BANDS, type UrgencyBand } from '../../../../../main/domain/overdue';
import { BAND_LABELS, plural, type Review } from '../labels';
import { ReviewTable } from './ReviewTable';

interface Props {
  reviews: Review[];
  showAssignee: boolean;
  actionsFor(review: Review): ReactNode;
  openFormFor(review: Review): ReactNode;
}

/**
 * The worklist in urgency order: one titled section per band, most urgent first. Upcoming
 * reviews (weeks away, often most of the list) fold away so the urgent ones lead.
 */
export function WorklistGroups({ reviews, showAssignee, actionsFor, openFormFor }: Props) {
  // Kept here, not left to the element: the list re-renders after every action and must not fold up under the person.
  const [upcomingOpen, setUpcomingOpen] = useState(false);
  const byBand = new Map<UrgencyBand, Review[]>(URGENCY_BANDS.map((b) => [b, []]));
  for (const r of reviews) if (r.band) byBand.get(r.band)?.push(r);
  if (reviews.length === 0) return <p className="empty">No open reviews.</p>;
  return (
    <>
      {URGENCY_BANDS.map((band) => {
        const list = byBand.get(band) ?? [];
        if (list.length === 0) return null;
        const title = `${BAND_LABELS[band]} (${list.length})`;
        const table = <ReviewTable caption={`${BAND_LABELS[band]}: ${plural(list.length, 'review')}`} reviews={list} showAssignee={showAssignee} actionsFor={actionsFor} openFormFor={openFormFor} />;
        const headingId = `band-${band}`;
        return band === 'upcoming' ? (
          <details
            key={band}
            className={`band-group band-group-${band}`}
            aria-labelledby={headingId}
            open={upcomingOpen || list.some((r) => openFormFor(r) !== null)}
            onToggle={(e) => setUpcomingOpen(e.currentTarget.open)}
          >
            <summary>
              <h2 id={headingId}>{title}</h2>
            </summary>
            {table}
          </details>
        ) : (
          <section key={band} className={`band-group band-group-${band.replace(/_/g, '-')}`} aria-labelledby={headingId}>
            <h2 id={headingId}>{title}</h2>
            {table}
          </section>
        );
      })}
    </>
  );
}

/** "2 overdue (1 critically), 1 due today, 3 due soon": the whole list in one sentence. */
export function worklistSummary(reviews: Review[]): string {
  const n = (band: UrgencyBand) => reviews.filter((r) => r.band === band).length;
  const critical = n('critically_overdue');
  const overdue = critical + n('overdue');
  const parts = [
    ...(n('needs_attention') > 0 ? [`${n('needs_attention')} with a due date that needs attention`] : []),
    overdue > 0 ? `${overdue} overdue${critical > 0 ? ` (${critical} critically)` : ''}` : 'none overdue',
    `${n('due_today')} due today`,
    `${n('due_soon')} due soon`,
    `${n('upcoming')} upcoming`,
  ];
  return parts.join(', ') + '.';
}
