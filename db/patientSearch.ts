import { sql, type Expression, type SqlBool } from 'kysely';
import { containsCaseless } from './dialect';

/**
 * Patient search by part of a name or MRN, without reading every patient. SQLite answers it
 * from an FTS5 index with the trigram tokenizer (migration 0008 keeps `patients_search` in step
 * with `patients` by triggers): a quoted phrase there is a case-insensitive substring match
 * on any of MRN, family name, given name or "given family". PostgreSQL would do the same with
 * pg_trgm; only this file and the migration know which.
 *
 * A trigram needs three characters, so one- and two-character searches fall back to LIKE
 * (a scan, but of names short enough that the result list is the whole clinic anyway), through
 * db/dialect.ts so it is caseless on PostgreSQL too.
 */
export const TRIGRAM = 3;

/** `p.id` is one whose MRN or names contain `text` (already trimmed, non-empty). */
export function patientMatches(text: string, idColumn = 'p.id'): Expression<SqlBool> {
  const id = sql.ref(idColumn);
  if ([...text].length >= TRIGRAM) {
    const phrase = `"${text.replace(/"/g, '""')}"`;
    return sql<SqlBool>`${id} IN (SELECT rowid FROM patients_search WHERE patients_search MATCH ${phrase})`;
  }
  const table = idColumn.includes('.') ? `${idColumn.split('.')[0]}.` : '';
  const col = (name: string) => `${table}${name}`;
  const fullName = sql<string>`${sql.ref(col('given_name'))} || ' ' || ${sql.ref(col('family_name'))}`;
  return sql<SqlBool>`(${containsCaseless(col('mrn'), text)} OR ${containsCaseless(col('family_name'), text)} OR ${containsCaseless(col('given_name'), text)} OR ${containsCaseless(fullName, text)})`;
}
