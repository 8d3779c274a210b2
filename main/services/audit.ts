import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditEntry, DB } from '../../db/schema';
import type { z } from 'zod';
import type { AuditEntry as AuditEntrySchema } from '../ipc/contract/audit';
import { checkAnchors, type AuditAnchor } from './auditAnchors';
import { currentStateHash, describeStateProblem, verifyCurrentState } from './auditState';
import type { Trx } from './context';
import type { AuditAction } from '../domain/auditWords';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  at: string;
  actorId: number | null;
  /**
   * A code from the words map (domain/auditWords.ts). Left a string so tests may write their own
   * entries; tests/unit/audit-words.test.ts reads every call under main/ and fails on a code
   * without words.
   */
  action: AuditAction | (string & {});
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

type HashedFields = Pick<
  AuditEntry,
  'at' | 'actor_id' | 'action' | 'entity_type' | 'entity_id' | 'before_json' | 'after_json' | 'reason' | 'prev_hash'
> & { state_hash?: string | null };

/**
 * The hash covers every field of the entry and the previous entry's hash, in a fixed order.
 * The state hash (migration 0003) is covered when present; entries written before it hash as
 * they always did, so old chains still verify.
 */
export function entryHash(e: HashedFields): string {
  const fields: unknown[] = [e.prev_hash, e.at, e.actor_id, e.action, e.entity_type, e.entity_id, e.before_json, e.after_json, e.reason];
  if (e.state_hash != null) fields.push(e.state_hash);
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

const toJson = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/**
 * Appends one hash-chained entry. Must run inside the transaction of the write it records, after
 * the write, so the write and its audit entry commit together, the chain has no gaps or forks,
 * and the entry records the hash of the row the write left (see auditState.ts). Two writers that
 * read the same last hash (two connections to a shared server) cannot both insert: the unique
 * index on prev_hash (migration 0009) refuses the second, so its whole write is refused.
 */
export async function appendAudit(trx: Trx, input: AuditInput): Promise<AuditEntry> {
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const fields: HashedFields = {
    prev_hash: last?.hash ?? GENESIS_HASH,
    at: input.at,
    actor_id: input.actorId,
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId === null ? null : String(input.entityId),
    before_json: toJson(input.before),
    after_json: toJson(input.after),
    reason: input.reason ?? null,
    state_hash: await currentStateHash(trx, input.entityType, input.entityId),
  };
  const hash = entryHash(fields);
  return trx.insertInto('audit_log').values({ ...fields, hash }).returningAll().executeTakeFirstOrThrow();
}

export type AuditVerification =
  | { ok: true; entries: number; lastHash: string }
  | { ok: false; entries: number; brokenAtId: number; problem: string };

/** Walks the chain from the first entry and reports the first link that does not hold. */
export async function verifyAuditChain(
  db: Kysely<DB>,
  batchSize = 5000,
  /** Called after each batch with how many entries have been checked. */
  onChecked: (entries: number) => void = () => undefined,
): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let prevId = 0;
  let count = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', prevId)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.id !== prevId + 1) {
        return { ok: false, entries: count, brokenAtId: row.id, problem: `entries ${prevId + 1}..${row.id - 1} are missing` };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, entries: count, brokenAtId: row.id, problem: 'its link to the previous entry does not match' };
      }
      if (entryHash(row) !== row.hash) {
        return { ok: false, entries: count, brokenAtId: row.id, problem: 'its contents were changed after it was written' };
      }
      prevHash = row.hash;
      prevId = row.id;
      count++;
    }
    onChecked(count);
  }
  return { ok: true, entries: count, lastHash: prevHash };
}

/** The chain, the anchors kept outside the file and the current rows, as the admin screen's "verify" shows them. */
export async function verifyAudit(db: Kysely<DB>, anchors: readonly AuditAnchor[] = [], onPercent: (percent: number) => void = () => undefined) {
  // The chain walk is most of the work (a hash per entry): 0-80 %, by entries against the
  // newest id; the audited tables' current rows the last 20 %, table by table.
  const newest = await db.selectFrom('audit_log').select((eb) => eb.fn.max<number | null>('id').as('id')).executeTakeFirst();
  const total = Math.max(1, newest?.id ?? 0);
  const v = await verifyAuditChain(db, 5000, (n) => onPercent(Math.min(80, (80 * n) / total)));
  onPercent(80);
  const state = await verifyCurrentState(db, 50, (done, of) => onPercent(80 + (20 * done) / of));
  const anchorProblem = v.ok ? await checkAnchors(db, anchors) : null;
  const newestAnchor = anchors.length ? anchors.reduce((a, b) => (b.entries >= a.entries ? b : a)) : null;
  const rest = {
    rowProblems: state.problems.map(describeStateProblem),
    rowsProven: state.proven,
    rowsUnproven: state.unproven,
    anchorProblem,
    anchors: anchors.length,
    newestAnchor: newestAnchor && { entries: newestAnchor.entries, at: newestAnchor.at, why: newestAnchor.why },
  };
  return v.ok
    ? { ok: state.problems.length === 0 && anchorProblem === null, entries: v.entries, brokenAtId: null, problem: null, ...rest }
    : { ok: false, entries: v.entries, brokenAtId: v.brokenAtId, problem: v.problem, ...rest };
}

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  entityIds?: readonly string[];
  action?: string;
  limit?: number;
  beforeId?: number;
}

export async function listAudit(db: Kysely<DB>, q: AuditQuery): Promise<AuditEntry[]> {
  if (q.entityIds?.length === 0) return [];
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(Math.min(q.limit ?? 100, 500));
  if (q.entityType) query = query.where('entity_type', '=', q.entityType);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.entityIds) query = query.where('entity_id', 'in', [...q.entityIds]);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.beforeId) query = query.where('id', '<', q.beforeId);
  return query.execute();
}

type AuditEntryView = z.infer<typeof AuditEntrySchema>;
const parseJson = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

/** The audit log as people read it: entries newest first, each with its actor's name. */
export async function auditEntries(db: Kysely<DB>, q: AuditQuery): Promise<AuditEntryView[]> {
  const rows = await listAudit(db, q);
  const actorIds = [...new Set(rows.map((r) => r.actor_id).filter((id): id is number => id !== null))];
  const users = new Map(
    actorIds.length ? (await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', actorIds).execute()).map((u) => [u.id, u.display_name]) : [],
  );
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_id === null ? null : (users.get(r.actor_id) ?? null),
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: parseJson(r.before_json),
    after: parseJson(r.after_json),
    reason: r.reason,
  }));
}
