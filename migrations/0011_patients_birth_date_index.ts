import { sql, type Kysely } from 'kysely';

/**
 * The duplicate-patient check (services/patients.ts findPossibleDuplicates, issue 8 item 6) reads
 * the patients born on one date, on every registration and every edit of a name or birth date.
 * Without an index that is a scan of every chart; with it, one birth date's rows
 * (tests/integration/migration-0011.test.ts plans the query as the service sends it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX patients_date_of_birth_idx ON patients (date_of_birth)`.execute(db);
}
