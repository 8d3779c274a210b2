import { actionWords, entityWords } from '../../../../main/domain/auditWords';
import type { OutputOf } from '../../../../main/ipc/contract';
import { useClinicZone } from '../../context';
import { formatInstant } from '../../format';

type Entry = OutputOf<'audit.list'>[number];

export function AuditTable({ entries }: { entries: Entry[] }) {
  const zone = useClinicZone();
  return (
    <table className="data-table audit-table">
      <caption>
        Audit entries, newest first (times in {zone ?? 'local time'})
      </caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Actor</th>
          <th scope="col">Action</th>
          <th scope="col">Entity</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id}>
            <td className="nowrap">{formatInstant(e.at, zone)}</td>
            <td>{e.actorName ?? (e.actorId === null ? 'System' : `User #${e.actorId}`)}</td>
            <td>{actionWords(e.action)}</td>
            <td>{entityWords(e.entityType)}</td>
            <td>{e.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
