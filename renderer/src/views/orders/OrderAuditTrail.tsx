import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { AuditEntry } from '../../../../main/ipc/contract/audit';
import { actionWords } from '../../../../main/domain/auditWords';
import { call } from '../../api';
import { LoadError } from '../../components/FormError';
import { useClinicZone } from '../../context';
import { formatInstant } from '../../format';
import { useAction, useAsync } from '../../hooks';
import { mergeTrailPages } from './auditTrailPages';

const PAGE = 500;

/** One page of the trail: entries older than `beforeId` (or the newest), complete down to the page's cut. */
async function trailPage(orderId: number, ids: readonly string[], beforeId?: number) {
  const lists = [call('audit.list', { entityType: 'order', entityId: String(orderId), limit: PAGE, beforeId })];
  if (ids.length) lists.push(call('audit.list', { entityType: 'dose_version', entityIds: [...ids], limit: PAGE, beforeId }));
  return mergeTrailPages(await Promise.all(lists), PAGE);
}

/**
 * The order's audit entries, and those of its dose versions (each version is audited as its own
 * entity), newest first. Reloads whenever the order changes. A long history comes a page at a
 * time with "Show older entries", never cut off without saying so (issue 8 item 8).
 */
export function OrderAuditTrail({ orderId, versionIds, revision }: { orderId: number; versionIds: readonly number[]; revision: string }) {
  const zone = useClinicZone();
  const idsKey = versionIds.join(',');
  // `revision` is in the deps: an order change adds entries even when its versions stay the same.
  const trail = useAsync(() => trailPage(orderId, idsKey ? idsKey.split(',') : []), [orderId, idsKey, revision]);
  const [older, setOlder] = useState<{ entries: z.infer<typeof AuditEntry>[]; olderFrom: number | null } | null>(null);
  const more = useAction();
  useEffect(() => setOlder(null), [trail.data]);
  const olderFrom = older ? older.olderFrom : (trail.data?.olderFrom ?? null);
  const entries = trail.data ? [...trail.data.entries, ...(older?.entries ?? [])] : undefined;
  const error = trail.error ?? more.error;
  const showOlder = async () => {
    if (olderFrom === null) return;
    const next = await more.run(() => trailPage(orderId, idsKey ? idsKey.split(',') : [], olderFrom));
    if (next) setOlder((o) => ({ entries: [...(o?.entries ?? []), ...next.entries], olderFrom: next.olderFrom }));
  };

  return (
    <section className="panel" aria-labelledby="audit-trail-heading">
      <h2 id="audit-trail-heading">Audit trail</h2>
      <LoadError error={error} onRetry={trail.reload} />
      {entries ? (
        <table className="data-table audit-trail" aria-busy={trail.loading || undefined}>
          <caption>
            {olderFrom === null
              ? `${entries.length} audit entries for this order and its dose versions, newest first`
              : `The newest ${entries.length} audit entries for this order and its dose versions; older entries follow with “Show older entries”`}
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">Who</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{formatInstant(e.at, zone)}</td>
                <th scope="row">
                  {actionWords(e.action)}
                </th>
                <td>{e.actorName ?? 'System'}</td>
                <td>{e.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : !error ? (
        <p role="status">Loading the audit trail…</p>
      ) : null}
      {entries && olderFrom !== null ? (
        <button type="button" className="secondary no-print" disabled={more.pending} onClick={() => void showOlder()}>
          {more.pending ? 'Loading older entries…' : 'Show older entries'}
        </button>
      ) : null}
    </section>
  );
}
