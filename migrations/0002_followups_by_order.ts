import { sql, type Kysely } from 'kysely';

/**
 * The medication list asks for each order's next open review (`order_id IN (...) AND status =
 * 'scheduled'`, earliest due date). With only (status, due_date) and the partial unique index
 * to choose from, SQLite read every open review of the clinic; this index answers it per
 * order, so the screen stays flat as reviews accumulate (issue 11).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX followups_order ON followups (order_id, status, due_date)`.execute(db);
}
