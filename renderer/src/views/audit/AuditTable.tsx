import type { OutputOf } from '../../../../main/ipc/contract';
import { ViewLink } from '../../components/ViewLink';
import { useClinicZone, useSession } from '../../context';
import { formatInstant } from '../../format';
import { mayOpen } from '../registry';

type Entry = OutputOf<'audit.search'>['entries'][number];

/** Audit entries in words: when, who, what and on which record (a link), the patient, why, and what changed. */
export function AuditTable({ entries, caption }: { entries: Entry[]; caption: string }) {
  const zone = useClinicZone();
  return (
    <table className="data-table audit-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          <th scope="col">Patient</th>
          <th scope="col">Reason</th>
          <th scope="col">Changes</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id}>
            <td className="nowrap">{formatInstant(e.at, zone)}</td>
            <td>{e.actorName}</td>
            <th scope="row">
              {e.actionWords}
              {e.subject ? (
                <>
                  <br />
                  <RecordLink entry={e} />
                </>
              ) : null}
            </th>
            <td>{e.patient ? `${e.patient.name} (MRN ${e.patient.mrn})` : '—'}</td>
            <td>{e.reason ?? '—'}</td>
            <td>
              <Changes changes={e.changes} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RecordLink({ entry }: { entry: Entry }) {
  const { user } = useSession();
  const link = entry.link;
  const text = entry.subject ?? entry.entityWords;
  if (!link || !mayOpen(user.role, link.view)) return <span className="sub">{text}</span>;
  if (link.view === 'order') return <ViewLink view="order" params={{ id: link.id }}>{text}</ViewLink>;
  if (link.view === 'patient') return <ViewLink view="patient" params={{ id: link.id }}>{text}</ViewLink>;
  return <ViewLink view={link.view} params={{}}>{text}</ViewLink>;
}

/** "Due date: 3 Jun 2026 → 10 Jun 2026"; a long list folds away. */
function Changes({ changes }: { changes: Entry['changes'] }) {
  if (changes.length === 0) return <>—</>;
  const list = (
    <ul className="audit-changes">
      {changes.map((c) => (
        <li key={c.field}>
          <span className="field-name">{c.field}:</span> {c.before === '—' ? c.after : `${c.before} → ${c.after}`}
        </li>
      ))}
    </ul>
  );
  return changes.length > 4 ? (
    <details>
      <summary>{changes.length} fields</summary>
      {list}
    </details>
  ) : (
    list
  );
}
