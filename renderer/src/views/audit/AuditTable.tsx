import type { OutputOf } from '../../../../main/ipc/contract';
import { DataTable } from '../../components/DataTable';
import { ViewLink } from '../../components/ViewLink';
import { useClinicZone, useSession } from '../../context';
import { formatInstant } from '../../format';
import { mayOpen } from '../registry';

type Entry = OutputOf<'audit.search'>['entries'][number];

/**
 * Audit entries in words: when, who, what and on which record (a link), the patient, why, and
 * what changed. The log grows page by page as older entries are asked for; past a few hundred
 * only the rows in view are rendered (every row still prints).
 */
export function AuditTable({ entries, caption }: { entries: Entry[]; caption: string }) {
  const zone = useClinicZone();
  return (
    <DataTable<Entry>
      className="audit-table"
      caption={caption}
      rows={entries}
      rowKey={(e) => e.id}
      columns={[
        { id: 'when', header: 'When', className: 'nowrap', cell: (e) => formatInstant(e.at, zone) },
        { id: 'who', header: 'Who', cell: (e) => e.actorName },
        {
          id: 'what',
          header: 'What',
          rowHeader: true,
          cell: (e) => (
            <>
              {e.actionWords}
              {e.subject ? (
                <>
                  <br />
                  <RecordLink entry={e} />
                </>
              ) : null}
            </>
          ),
        },
        { id: 'patient', header: 'Patient', cell: (e) => (e.patient ? `${e.patient.name} (MRN ${e.patient.mrn})` : '—') },
        { id: 'reason', header: 'Reason', cell: (e) => e.reason ?? '—' },
        { id: 'changes', header: 'Changes', cell: (e) => <Changes changes={e.changes} /> },
      ]}
    />
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
