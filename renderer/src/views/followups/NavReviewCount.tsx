import { useEffect, useState } from 'react';
import type { OutputOf } from '../../../../main/ipc/contract';
import { call } from '../../api';
import { placeKey, useNavigation } from '../../navigation';
import type { ViewName } from '../registry';
import { onReviewsChanged } from './reviewEvents';
import { plural } from './labels';
import './followups.css';

/** Which menu entries carry a count, and whose reviews they count. */
const COUNTED: Partial<Record<ViewName, { scope: 'mine' | 'everyone'; title: string }>> = {
  reviews: { scope: 'mine', title: 'Reviews' },
  overdueReport: { scope: 'everyone', title: 'Overdue-review report' },
};

/** Every scope's counts, as followups.counts answers them. */
export type ReviewCounts = OutputOf<'followups.counts'>;
type Counts = ReviewCounts['mine'];

/**
 * The overdue count beside a menu entry. It sits next to the link rather than inside it, so
 * the link's name stays the screen's title; the badge carries its own words for screen readers.
 */
export function NavReviewCount({ view, counts }: { view: ViewName; counts: ReviewCounts | null }) {
  const counted = COUNTED[view];
  return counted && counts ? <ReviewCountBadge counts={counts[counted.scope]} scope={counted.scope} title={counted.title} /> : null;
}

function ReviewCountBadge({ counts, scope, title }: { counts: Counts; scope: 'mine' | 'everyone'; title: string }) {
  // A review whose date cannot be read counts with the overdue ones: someone must look at it.
  const overdue = counts.overdue + counts.critically_overdue + counts.needs_attention;
  if (overdue === 0 && counts.due_today === 0) return null;
  const spoken = [
    counts.needs_attention > 0 ? `${plural(counts.needs_attention, 'review')} with a due date that needs attention` : null,
    overdue > 0 ? `${plural(overdue, 'review')} overdue` : null,
    counts.critically_overdue > 0 ? `${counts.critically_overdue} of them critically` : null,
    counts.due_today > 0 ? `${counts.due_today} due today` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <span className={overdue > 0 ? `nav-count nav-count-overdue${counts.critically_overdue > 0 ? ' nav-count-critical' : ''}` : 'nav-count'} data-testid={`nav-count-${scope}`}>
      <span className="visually-hidden">{`${title}: ${spoken}`}</span>
      <span aria-hidden="true">{overdue > 0 ? `${overdue} overdue` : `${counts.due_today} today`}</span>
    </span>
  );
}

/**
 * followups.counts for the whole menu, re-read on every screen change and whenever a form
 * changes a review. One call serves every badge (one answer holds both scopes; each badge used
 * to ask for it separately), and none is made when the menu has no counted entry.
 */
export function useReviewCounts(menu: readonly ViewName[]): ReviewCounts | null {
  const wanted = menu.some((view) => COUNTED[view] !== undefined);
  const { place } = useNavigation();
  const [counts, setCounts] = useState<ReviewCounts | null>(null);
  const [changes, setChanges] = useState(0);
  useEffect(() => onReviewsChanged(() => setChanges((n) => n + 1)), []);
  const where = placeKey(place);
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    call('followups.counts', {}).then(
      (all) => current && setCounts(all),
      // A badge is a hint, not a screen: on failure it disappears rather than block the menu.
      () => current && setCounts(null),
    );
    return () => {
      current = false;
    };
  }, [wanted, where, changes]);
  return counts;
}
