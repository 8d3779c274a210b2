import { sql, type Kysely } from 'kysely';

/**
 * No two audit entries chain to the same predecessor (issue 12 item 4). appendAudit reads the
 * last hash and then inserts; on one SQLite connection nothing can come between, but two
 * writers on a shared server database (read committed) can both read the same last entry and
 * fork the chain. A unique index on `prev_hash` makes the second insert fail instead, so its
 * whole write is refused and nothing is saved (tests/integration/audit-two-writers.test.ts).
 * Portable: PostgreSQL takes the same index.
 *
 * A file whose chain already forked (only a tampered file: one connection cannot fork it) must
 * still open: the verifier reports the old fork, and the index then covers the entries after
 * it, so no new fork can be added.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ last: number | null }>`
    SELECT max(id) AS last FROM audit_log
    WHERE prev_hash IN (SELECT prev_hash FROM audit_log GROUP BY prev_hash HAVING count(*) > 1)`.execute(db);
  const lastFork = rows[0]?.last ?? null;
  const where = lastFork === null ? '' : ` WHERE id > ${Math.trunc(Number(lastFork))}`;
  await sql.raw(`CREATE UNIQUE INDEX audit_log_one_successor ON audit_log (prev_hash)${where}`).execute(db);
}
