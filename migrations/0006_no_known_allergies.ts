import { sql, type Kysely } from 'kysely';

/**
 * "No known allergies" as a recorded fact (issue 8 item 2): who said so and when. An empty
 * allergy list alone cannot tell "asked, none" from "never asked", and the banner must show the
 * difference. Recording an allergy clears it (the service does, audited).
 */
const statements = [
  `ALTER TABLE patients ADD COLUMN no_known_allergies_at TEXT`,
  `ALTER TABLE patients ADD COLUMN no_known_allergies_by INTEGER REFERENCES users(id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
