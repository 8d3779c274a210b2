import { sql, type Kysely } from 'kysely';

/**
 * Taper steps carry their own frequency (issue 8 item 4): a step may go from four times daily to
 * three times. The frequency column is free text since 0001, and the schedule quietly falls back
 * to the order's frequency for a code it does not know, so a mistyped code would change which
 * doses the nurses see. From here the database refuses a dose version with an unknown frequency,
 * and a taper step "as needed" or as a single dose (a taper needs a daily total). Rows already
 * written are left as they are (the list below is main/domain/frequency.ts FREQUENCIES at 0010).
 */
const KNOWN = `'once','daily','bid','tid','qid','q4h','q6h','q8h','q12h','at_bedtime','every_other_day','weekly','prn'`;

const statements = [
  `CREATE TRIGGER dose_versions_known_frequency BEFORE INSERT ON dose_versions
   WHEN NEW.frequency NOT IN (${KNOWN}) OR (NEW.kind = 'taper_step' AND NEW.frequency IN ('once','prn'))
   BEGIN SELECT RAISE(ABORT, 'dose_versions: unknown frequency, or a taper step as needed or as a single dose'); END`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
