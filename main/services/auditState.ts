import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Trx } from './context';

/**
 * Proving the current rows, not only the chain. Each audit entry records the hash of its
 * entity's whole row as the audited write left it (every column, the password hash included, so
 * nothing of it is revealed by the hash). An edit made outside the app, with the key in hand and
 * the triggers dropped, leaves a row that no longer hashes to what its latest entry recorded,
 * and `verify-audit` names it. Entity types map to their tables here; one that is not listed
 * (a report export) has no row to prove.
 */
export const AUDITED_TABLES = {
  user: { table: 'users', key: 'id' },
  patient: { table: 'patients', key: 'id' },
  allergy: { table: 'allergies', key: 'id' },
  medication: { table: 'medications', key: 'id' },
  order: { table: 'orders', key: 'id' },
  dose_version: { table: 'dose_versions', key: 'id' },
  administration: { table: 'administrations', key: 'id' },
  followup: { table: 'followups', key: 'id' },
  setting: { table: 'settings', key: 'key' },
  withdrawal_score: { table: 'withdrawal_scores', key: 'id' },
  program_days: { table: 'program_days', key: 'patient_id' },
} as const satisfies Record<string, { table: keyof DB; key: string }>;

type AuditedType = keyof typeof AUDITED_TABLES;
const isAudited = (t: string): t is AuditedType => Object.prototype.hasOwnProperty.call(AUDITED_TABLES, t);

/**
 * Columns a later migration added to an audited table with a non-null default. A column at its
 * added default is left out of the hash like a null one, so adding a column does not make every
 * older row look edited; a value other than the default is hashed (and an edit back to the
 * default no longer matches an entry that recorded something else). Extend this whenever a
 * migration adds such a column; tests/integration/audit-state-migrations.test.ts fails until then.
 */
export const COLUMNS_ADDED_WITH_DEFAULT: Partial<Record<string, Record<string, unknown>>> = {
  // 0005_mar
  users: { charge_nurse: 0 },
  administrations: { prn: 0, late: 0 },
};

/**
 * Columns in name order, so the hash does not depend on the order a query returns them; null
 * values left out, so a nullable column added by a later migration leaves older rows' hashes as
 * they were.
 */
export function rowStateHash(row: Record<string, unknown>, table?: string): string {
  const added = table ? COLUMNS_ADDED_WITH_DEFAULT[table] : undefined;
  const kept = Object.keys(row)
    .sort()
    .filter((k) => row[k] !== null && row[k] !== undefined && !(added && Object.prototype.hasOwnProperty.call(added, k) && added[k] === row[k]));
  const canonical = JSON.stringify(kept.map((k) => [k, row[k]]));
  return createHash('sha256').update(canonical).digest('hex');
}

type AnyDb = Kysely<any>;

/** The hash of the entity's row now (inside the write's transaction), or null when it has no row. */
export async function currentStateHash(trx: Trx, entityType: string, entityId: string | number | null): Promise<string | null> {
  if (entityId === null || !isAudited(entityType)) return null;
  const { table, key } = AUDITED_TABLES[entityType];
  const row = await (trx as unknown as AnyDb).selectFrom(table).selectAll().where(key, '=', entityId).executeTakeFirst();
  return row ? rowStateHash(row as Record<string, unknown>, table) : null;
}

export interface StateProblem {
  table: string;
  id: string;
  /** The audit entry the row was compared with, when there is one. */
  entryId: number | null;
  problem: string;
}

export interface StateVerification {
  /** Rows whose current state matches their latest audit entry. */
  proven: number;
  /** Rows whose latest entry predates state hashes (written before migration 0003). */
  unproven: number;
  problems: StateProblem[];
}

/**
 * Compares every audited table's rows with their entities' latest audit entries. Reads only.
 * Reports at most `limit` problems (a wholesale edit would otherwise list every row).
 */
export async function verifyCurrentState(
  db: Kysely<DB>,
  limit = 50,
  /** Called after each audited table with how many of them are done. */
  onTable: (done: number, of: number) => void = () => undefined,
): Promise<StateVerification> {
  const adb = db as unknown as AnyDb;
  const result: StateVerification = { proven: 0, unproven: 0, problems: [] };
  const report = (p: StateProblem) => {
    if (result.problems.length < limit) result.problems.push(p);
  };
  const tables = Object.entries(AUDITED_TABLES);
  for (const [index, [entityType, { table, key }]] of tables.entries()) {
    const latest = await adb
      .selectFrom('audit_log')
      .select(['entity_id', 'id', 'state_hash'])
      .where('id', 'in', (eb: any) => eb.selectFrom('audit_log').select(eb.fn.max('id').as('id')).where('entity_type', '=', entityType).groupBy('entity_id'))
      .execute();
    const byEntity = new Map<string, { id: number; state_hash: string | null }>(latest.map((r: any) => [String(r.entity_id), r]));
    const seen = new Set<string>();
    const rows = (await adb.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    for (const row of rows) {
      const id = String(row[key]);
      seen.add(id);
      const entry = byEntity.get(id);
      if (!entry) {
        report({ table, id, entryId: null, problem: 'has no audit entry at all: it was added outside the app' });
      } else if (entry.state_hash === null) {
        result.unproven++;
      } else if (entry.state_hash !== rowStateHash(row, table)) {
        report({ table, id, entryId: entry.id, problem: `was changed outside the app after audit entry #${entry.id}` });
      } else {
        result.proven++;
      }
    }
    for (const [id, entry] of byEntity) {
      if (!seen.has(id) && entry.state_hash !== null) report({ table, id, entryId: entry.id, problem: `is missing: it was removed outside the app after audit entry #${entry.id}` });
    }
    onTable(index + 1, tables.length);
  }
  return result;
}

export function describeStateProblem(p: StateProblem): string {
  return `${p.table} row ${p.id} ${p.problem}`;
}
