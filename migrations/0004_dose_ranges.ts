import { sql, type Kysely } from 'kysely';

/**
 * Dose ranges on the formulary (issue 8 item 1): the upper end of the usual single dose, the
 * maximum single dose and the maximum daily dose, in the medication's unit, and where they come
 * from. Null means "not listed" and is not checked. Existing rows keep null here; the shipped
 * entries get the seed's values from ensureShippedFormulary when the file next opens (it never
 * touches a row whose range was already set).
 */
const statements = [
  `ALTER TABLE medications ADD COLUMN usual_single_dose REAL CHECK (usual_single_dose IS NULL OR usual_single_dose > 0)`,
  `ALTER TABLE medications ADD COLUMN max_single_dose REAL CHECK (max_single_dose IS NULL OR max_single_dose > 0)`,
  `ALTER TABLE medications ADD COLUMN max_daily_dose REAL CHECK (max_daily_dose IS NULL OR max_daily_dose > 0)`,
  `ALTER TABLE medications ADD COLUMN dose_range_source TEXT`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
