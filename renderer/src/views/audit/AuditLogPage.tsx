import { useState } from 'react';
import type { OutputOf } from '../../../../main/ipc/contract';
import { call } from '../../api';
import { FormError, LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { useClinicZone } from '../../context';
import { formatInstant } from '../../format';
import { useAction, useApiQuery } from '../../hooks';
import { AuditTable } from './AuditTable';
import './audit.css';

const PAGE = 100;
type Entry = OutputOf<'audit.list'>[number];

/** Every write, newest first; the chain check proves none was altered or removed. */
export function AuditLogPage() {
  const first = useApiQuery('audit.list', { limit: PAGE });
  const [older, setOlder] = useState<Entry[]>([]);
  const [exhausted, setExhausted] = useState(false);
  const more = useAction();
  const entries = [...(first.data ?? []), ...older];

  const loadOlder = async () => {
    const last = entries[entries.length - 1];
    if (!last) return;
    const page = await more.run(() => call('audit.list', { limit: PAGE, beforeId: last.id }));
    if (page) {
      setOlder((o) => [...o, ...page]);
      if (page.length < PAGE) setExhausted(true);
    }
  };

  return (
    <>
      <PageHeading>Audit log</PageHeading>
      <VerifyChain />
      <LoadError error={first.error} onRetry={first.reload} />
      {first.data ? (
        <>
          <AuditTable entries={entries} />
          <FormError error={more.error} />
          {!exhausted && first.data.length === PAGE ? (
            <button type="button" className="secondary" onClick={loadOlder} disabled={more.pending}>
              Show older entries
            </button>
          ) : null}
        </>
      ) : first.loading ? (
        <p role="status">Loading…</p>
      ) : null}
    </>
  );
}

function VerifyChain() {
  const verify = useAction();
  const zone = useClinicZone();
  const [result, setResult] = useState<OutputOf<'audit.verify'> | null>(null);
  const run = async () => {
    setResult(null);
    const r = await verify.run(() => call('audit.verify', {}));
    if (r) setResult(r);
  };
  return (
    <div className="verify">
      <button type="button" onClick={run} disabled={verify.pending}>
        Verify audit chain
      </button>
      <p role="status" className={result && !result.ok ? 'verify-result broken' : 'verify-result'}>
        {verifyMessage(result, verify.pending, zone)}
      </p>
      {result && result.rowProblems.length > 0 && (
        <ul className="verify-problems" aria-label="Records changed outside Medtrack">
          {result.rowProblems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <FormError error={verify.error} />
    </div>
  );
}

/** What the status line says: nothing before the first check, progress during one, then its verdict. */
function verifyMessage(result: OutputOf<'audit.verify'> | null, pending: boolean, zone: string | null): string {
  if (!result) return pending ? 'Checking every entry and every record…' : '';
  if (result.brokenAtId !== null) return `Audit chain broken at entry ${result.brokenAtId}: ${result.problem ?? 'unknown problem'}`;
  if (result.anchorProblem) return `Audit chain broken: ${result.anchorProblem}.`;
  const rows = `${result.rowsProven} records match their latest entries${result.rowsUnproven > 0 ? ` (${result.rowsUnproven} older ones predate this check)` : ''}`;
  const anchors = result.newestAnchor
    ? ` ${result.anchors} anchor(s) kept by backups and exports hold; the newest, entry ${result.newestAnchor.entries}, from the ${result.newestAnchor.why} of ${formatInstant(result.newestAnchor.at, zone)}.`
    : ' No backup or export has left an anchor yet.';
  if (result.ok) return `Audit chain verified: all ${result.entries} entries are intact, and ${rows}.${anchors}`;
  return `Audit chain intact (${result.entries} entries), but ${result.rowProblems.length} record(s) were changed outside Medtrack:`;
}
