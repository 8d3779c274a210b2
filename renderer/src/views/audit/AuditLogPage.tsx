import { useState } from 'react';
import './audit.css';
import type { OutputOf } from '../../../../main/ipc/contract';
import { call } from '../../api';
import { FormError, LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { useClinicZone } from '../../context';
import { formatInstant } from '../../format';
import { useAction, useAsync, useRunningJob } from '../../hooks';
import { AuditFilters, type AuditFilterValues } from './AuditFilters';
import { AuditTable } from './AuditTable';

const PAGE = 25;
type Entry = OutputOf<'audit.search'>['entries'][number];

/**
 * Every write, newest first, in words (issue 8 item 11): filtered by person, patient, kind and
 * dates, a page at a time with the true total. The chain check proves none was altered or removed.
 */
export function AuditLogPage() {
  const [filters, setFilters] = useState<{ values: AuditFilterValues; words: string[] }>({ values: {}, words: [] });
  const first = useAsync(() => call('audit.search', { ...filters.values, limit: PAGE }), [JSON.stringify(filters.values)]);
  const [older, setOlder] = useState<{ key: string; entries: Entry[]; next: number | null }>({ key: '', entries: [], next: null });
  const more = useAction();
  const key = JSON.stringify(filters.values);
  const extra = older.key === key ? older : { key, entries: [], next: first.data?.nextBeforeId ?? null };
  const entries = [...(first.data?.entries ?? []), ...extra.entries];
  const next = extra.entries.length ? extra.next : (first.data?.nextBeforeId ?? null);

  const loadOlder = async () => {
    if (next === null) return;
    const page = await more.run(() => call('audit.search', { ...filters.values, limit: PAGE, beforeId: next }));
    if (page) setOlder({ key, entries: [...extra.entries, ...page.entries], next: page.nextBeforeId });
  };

  const what = filters.words.length ? `Filtered ${filters.words.join(', ')}.` : 'Every entry.';
  const total = first.data?.total ?? 0;
  return (
    <>
      <PageHeading>Audit log</PageHeading>
      <VerifyChain />
      <AuditFilters onApply={(values, words) => setFilters({ values, words })} />
      <LoadError error={first.error} onRetry={first.reload} />
      {first.data ? (
        <>
          <p role="status" className="audit-count">
            {what} {total === 0 ? 'No entries match.' : `Showing ${entries.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${total === 1 ? 'entry' : 'entries'}, newest first.`}
          </p>
          {entries.length ? <AuditTable entries={entries} caption={`Audit entries, newest first (times in ${first.data.timeZone})`} /> : null}
          <FormError error={more.error} />
          {next !== null ? (
            <button type="button" className="secondary" onClick={loadOlder} disabled={more.pending}>
              Show {Math.min(PAGE, total - entries.length)} older entries
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
  const job = useRunningJob('verify');
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
      {job ? <progress aria-label="Audit check progress" max={100} value={job.percent ?? undefined} /> : null}
      <p role="status" className={result && !result.ok ? 'verify-result broken' : 'verify-result'}>
        {verifyMessage(result, verify.pending, zone)}
        {!result && job?.percent != null ? ` ${job.percent} % done.` : ''}
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
