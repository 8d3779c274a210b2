import { sql, type Kysely } from 'kysely';

/**
 * Two review indexes for screens that must stay flat as reviews accumulate (issue 11):
 * - by order: the medication list asks for each order's next open review (`order_id IN (...)
 *   AND status = 'scheduled'`, earliest due date); with only (status, due_date) and the
 *   partial unique index to choose from, SQLite read every open review of the clinic.
 * - (status, due_date, assigned_prescriber_id) replaces (status, due_date): the navigation's
 *   counts by due date, everyone's and mine, read the index alone, never the rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX followups_order ON followups (order_id, status, due_date)`.execute(db);
  await sql`CREATE INDEX followups_open_by_due ON followups (status, due_date, assigned_prescriber_id)`.execute(db);
  await sql`DROP INDEX followups_worklist`.execute(db);
}
