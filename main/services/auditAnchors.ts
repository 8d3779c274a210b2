import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { formatInstant } from '../domain/display';
import { getSetting } from './settings';

/** The newest audit entry at a moment (its number and hash), recorded outside the database. */
export interface AuditAnchor {
  entries: number;
  hash: string;
  at: string;
  /** What wrote it: a backup, or an export of the overdue-review report. */
  why: 'backup' | 'export';
}

/** Where anchors are kept (a file beside the clinic file; see main/app/anchors.ts). */
export interface AnchorStore {
  record(anchor: AuditAnchor): void;
  list(): AuditAnchor[];
}

/** The newest entry now, as an anchor; null on an empty log. */
export async function currentAnchor(db: Kysely<DB>, at: string, why: AuditAnchor['why']): Promise<AuditAnchor | null> {
  const last = await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return last ? { entries: last.id, hash: last.hash, at, why } : null;
}

/**
 * Every anchor must still hold: its entry present with the same hash. The first that does not
 * is reported in words (entries cut off, or the chain rewritten from there on), its time on the
 * clinic's clock in the app's one format (issue 8 item 9: no ISO instants in front of people).
 */
export async function checkAnchors(db: Kysely<DB>, anchors: readonly AuditAnchor[]): Promise<string | null> {
  if (anchors.length === 0) return null;
  const ids = [...new Set(anchors.map((a) => a.entries))];
  const rows = await db.selectFrom('audit_log').select(['id', 'hash']).where('id', 'in', ids).execute();
  const hashes = new Map(rows.map((r) => [r.id, r.hash]));
  // An unreadable zone setting must not hide a broken chain: the time then reads in UTC.
  const zone = await getSetting(db, 'clinic.timeZone').catch(() => 'UTC');
  const when = (a: AuditAnchor) => formatInstant(a.at, zone);
  for (const a of [...anchors].sort((x, y) => x.entries - y.entries)) {
    const hash = hashes.get(a.entries);
    if (hash === undefined) return `entries up to #${a.entries}, recorded by the ${a.why} of ${when(a)}, are gone: the newest audit entries were cut off`;
    if (hash !== a.hash) return `audit entry #${a.entries} no longer matches the anchor the ${a.why} of ${when(a)} recorded: the chain was rewritten from there on`;
  }
  return null;
}
