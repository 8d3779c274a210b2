import { actionWords } from '../../../../main/domain/auditWords';
import { call } from '../../api';
import { LoadError } from '../../components/FormError';
import { useClinicZone } from '../../context';
import { formatInstant } from '../../format';
import { useAsync } from '../../hooks';


/**
 * The order's audit entries, and those of its dose versions (each version is audited as its own
 * entity), newest first. Reloads whenever the order changes.
 */
export function OrderAuditTrail({ orderId, versionIds, revision }: { orderId: number; versionIds: readonly number[]; revision: string }) {
  const zone = useClinicZone();
  const idsKey = versionIds.join(',');
  // `revision` is in the deps: an order change adds entries even when its versions stay the same.
  const trail = useAsync(async () => {
    const ids = idsKey ? idsKey.split(',') : [];
    const lists = [call('audit.list', { entityType: 'order', entityId: String(orderId), limit: 500 })];
    if (ids.length) lists.push(call('audit.list', { entityType: 'dose_version', entityIds: ids, limit: 500 }));
    const results = await Promise.all(lists);
    return results.flat().sort((a, b) => b.id - a.id);
  }, [orderId, idsKey, revision]);
  const entries = trail.data;
  const error = trail.error;

  return (
    <section className="panel" aria-labelledby="audit-trail-heading">
      <h2 id="audit-trail-heading">Audit trail</h2>
      <LoadError error={error} onRetry={trail.reload} />
      {entries ? (
        <table className="data-table audit-trail" aria-busy={trail.loading || undefined}>
          <caption>{entries.length} audit entries for this order and its dose versions, newest first</caption>
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
    </section>
  );
}
