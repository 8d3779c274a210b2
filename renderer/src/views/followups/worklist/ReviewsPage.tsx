import { useState } from 'react';
import { LoadError } from '../../../components/FormError';
import { PageHeading } from '../../../components/PageHeading';
import { ViewLink } from '../../../components/ViewLink';
import { useCan, useSession } from '../../../context';
import { useApiQuery } from '../../../hooks';
import { mayOpen } from '../../registry';
import { dueLabel, plural, reviewName, type Review } from '../labels';
import { OrderFollowUp, type FollowUp } from '../orderActions/OrderFollowUp';
import { announceReviewsChanged } from '../reviewEvents';
import { CompleteReviewForm, type Completion } from './CompleteReviewForm';
import { ReassignForm } from './ReassignForm';
import { RescheduleForm } from './RescheduleForm';
import { ScheduleReviewForm } from './ScheduleReviewForm';
import { PANEL_ID, ScopeTabs, tabId, type Scope } from './ScopeTabs';
import { WorklistGroups, worklistSummary } from './WorklistGroups';

type RowAction = { id: number; kind: 'complete' | 'reschedule' | 'reassign' };

/**
 * The medical team's worklist: open reviews, most urgent first. Prescribers see their own
 * ("Mine") or the team's ("Everyone"); the medical director sees everyone's.
 */
export function ReviewsPage() {
  const { user } = useSession();
  const can = useCan();
  const isPrescriber = user.role === 'prescriber';
  const [scope, setScope] = useState<Scope>(isPrescriber ? 'mine' : 'everyone');
  const list = useApiQuery('followups.worklist', { scope, includeUpcoming: true });
  const [action, setAction] = useState<RowAction | null>(null);
  const [scheduling, setScheduling] = useState(false);
  const [followUp, setFollowUp] = useState<FollowUp | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const changed = (message: string) => {
    setNotice(message);
    setAction(null);
    setScheduling(false);
    list.reload();
    announceReviewsChanged();
  };

  const onCompleted = (review: Review, result: Completion) => {
    const when = result.review.onTime ? 'on time' : `late${result.review.daysLate > 0 ? ` (${plural(result.review.daysLate, 'day')} after due)` : ''}`;
    const next = result.next ? ` Next routine review due ${dueLabel(result.next.dueDate)}.` : '';
    changed(`Review completed ${when}: ${reviewName(review)}.${next}`);
    const outcome = result.review.outcome;
    if (review.orderId !== null && (outcome === 'adjust' || outcome === 'stop')) setFollowUp({ review, outcome, note: result.review.note ?? '' });
  };

  const openFormFor = (r: Review) => {
    if (action?.id !== r.id) return null;
    const cancel = () => setAction(null);
    switch (action.kind) {
      case 'complete':
        return <CompleteReviewForm review={r} onCompleted={(result) => onCompleted(r, result)} onCancel={cancel} />;
      case 'reschedule':
        return <RescheduleForm review={r} onDone={(u) => changed(`Review rescheduled to ${dueLabel(u.dueDate)}: ${reviewName(u)}.`)} onCancel={cancel} />;
      case 'reassign':
        return <ReassignForm review={r} onDone={(u) => changed(`Review reassigned to ${u.assignedPrescriberName}: ${reviewName(u)}.`)} onCancel={cancel} />;
    }
  };

  const actionsFor = (r: Review) => {
    const button = (kind: RowAction['kind'], label: string, channel: 'followups.complete' | 'followups.reschedule' | 'followups.reassign') =>
      can(channel) ? (
        <button
          type="button"
          className={kind === 'complete' ? 'small' : 'small secondary'}
          aria-label={`${label}: ${reviewName(r)}`}
          aria-expanded={action?.id === r.id && action.kind === kind}
          onClick={() => {
            setNotice(null);
            setAction(action?.id === r.id && action.kind === kind ? null : { id: r.id, kind });
          }}
        >
          {label}
        </button>
      ) : null;
    return (
      <>
        {button('complete', 'Complete', 'followups.complete')}
        {button('reschedule', 'Reschedule', 'followups.reschedule')}
        {button('reassign', 'Reassign', 'followups.reassign')}
      </>
    );
  };

  return (
    <>
      <div className="page-title-row">
        <PageHeading>Reviews</PageHeading>
        {/* The director comes here from the overdue-review report: the way back, to the same filters. */}
        {mayOpen(user.role, 'overdueReport') ? (
          <ViewLink view="overdueReport" params={{}}>
            Back to the overdue-review report
          </ViewLink>
        ) : null}
        {can('followups.schedule') && !scheduling ? (
          <button
            type="button"
            onClick={() => {
              setScheduling(true);
              setNotice(null);
            }}
          >
            Schedule a review
          </button>
        ) : null}
      </div>
      <p role="status" className="saved">
        {notice}
      </p>
      {followUp ? (
        <OrderFollowUp
          followUp={followUp}
          onFinished={(message) => {
            setFollowUp(null);
            changed(message);
          }}
        />
      ) : null}
      {scheduling ? (
        <ScheduleReviewForm onScheduled={(r) => changed(`Review scheduled for ${dueLabel(r.dueDate)}: ${reviewName(r)}, assigned to ${r.assignedPrescriberName}.`)} onCancel={() => setScheduling(false)} />
      ) : null}
      {isPrescriber ? (
        <ScopeTabs
          scope={scope}
          onChange={(s) => {
            setScope(s);
            setAction(null);
          }}
        />
      ) : (
        <p className="lead">Everyone’s open reviews, across the team.</p>
      )}
      <div role={isPrescriber ? 'tabpanel' : undefined} id={PANEL_ID} aria-labelledby={isPrescriber ? tabId(scope) : undefined} className="worklist">
        <LoadError error={list.error} onRetry={list.reload} />
        {list.data ? (
          <>
            <p className="worklist-summary">{worklistSummary(list.data)}</p>
            <WorklistGroups reviews={list.data} showAssignee={scope === 'everyone'} actionsFor={actionsFor} openFormFor={openFormFor} />
          </>
        ) : list.loading ? (
          <p role="status">Loading reviews…</p>
        ) : null}
      </div>
    </>
  );
}
