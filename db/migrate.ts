import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { migrations, latestSchemaVersion, type Migration } from '../migrations';
import { DatabaseTooNewError } from './errors';
import type { ClinicDatabase } from './open';

/**
 * Reads the schema version recorded in the file. The `schema_migrations` table (portable to
 * PostgreSQL) is the record; it is created by the runner, not by a migration.
 */
export async function currentSchemaVersion(db: Kysely<any>): Promise<number> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`.execute(db);
  const row = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.max<number | null>('version').as('v'))
    .executeTakeFirst();
  return row?.v ?? 0;
}

/**
 * Applies each pending migration in its own transaction together with its version record,
 * so a failure leaves the file at the previous version. Kysely's SQLite migrator would not
 * wrap them, hence this runner.
 */
export async function migrateToLatest(
  handle: Pick<ClinicDatabase, 'db' | 'file'>,
  list: readonly Migration[] = migrations,
  now: () => Date = () => new Date(),
): Promise<{ from: number; to: number }> {
  const db = handle.db as unknown as Kysely<any>;
  const from = await currentSchemaVersion(db);
  const latest = list.length ? list[list.length - 1].version : 0;
  if (from > latest) throw new DatabaseTooNewError(handle.file, from, latest);
  for (const m of list) {
    if (m.version <= from) continue;
    await db.transaction().execute(async (trx) => {
      await m.up(trx);
      await trx
        .insertInto('schema_migrations')
        .values({ version: m.version, name: m.name, applied_at: now().toISOString() })
        .execute();
    });
  }
  return { from, to: Math.max(from, latest) };
}

export { latestSchemaVersion };
