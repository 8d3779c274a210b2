import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Each audit entry records the hash of its entity's whole row as the write left it, so
 * `verify-audit` can prove the current rows too: a row edited outside the app (with the key,
 * triggers dropped) no longer hashes to what its latest entry recorded. Entries written before
 * this migration carry none and prove only the chain. (The verifier's "newest entry per entity"
 * walks the existing audit_entity index, whose entries SQLite keeps in rowid order.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE audit_log ADD COLUMN state_hash TEXT CHECK (state_hash IS NULL OR length(state_hash) = 64)`.execute(db);
}
