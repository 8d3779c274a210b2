import { sql, type Kysely } from 'kysely';

/**
 * The director's audit reads the reviews that can count: due in the longest period, still
 * open, or closed after the report's instant. Each of those is now a range on an index (SQLite
 * plans the OR as one index lookup per term), so the audit reads what it reports on and never
 * the whole review history (issue 11; tests/integration/query-plans.test.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX followups_due ON followups (due_date)`.execute(db);
  await sql`CREATE INDEX followups_completed ON followups (completed_at)`.execute(db);
  await sql`CREATE INDEX followups_cancelled ON followups (cancelled_at)`.execute(db);
}
