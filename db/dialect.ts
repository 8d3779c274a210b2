import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/**
 * The few places where SQL differs between SQLite (the workstation file) and PostgreSQL (the
 * shared server a multi-station clinic would move to, DESIGN.md "Growing past one
 * workstation"). Services build every query with Kysely and call these for the rest, so a move
 * to Kysely's PostgreSQL dialect changes this file, not the services.
 */

/**
 * A text column for ORDER BY, ignoring case ("de Vries" beside "Devlin"). SQLite's NOCASE
 * collation matches the `patients_name` index (0001), so the sort reads the index in order;
 * on PostgreSQL this would be `lower(col)` (with an index on it) or a case-insensitive ICU
 * collation.
 */
export function caseless(column: string): RawBuilder<string> {
  return sql<string>`${sql.ref(column)} COLLATE NOCASE`;
}

/** `text` as a LIKE pattern that matches itself literally: `%`, `_` and `\` are escaped. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column` contains `text` (already trimmed, non-empty), ignoring case, with `%` and `_` in the
 * text taken literally ("10_mg" finds "10_mg", not "10 mg"). Both sides are lower-cased, so the
 * match does not depend on SQLite's LIKE being case-insensitive: PostgreSQL's LIKE is not,
 * and the same SQL runs there unchanged. (`lower` folds ASCII in SQLite, all of Unicode in
 * PostgreSQL; our names and codes are compared the way SQLite does today.)
 */
export function containsCaseless(column: string | Expression<string>, text: string): Expression<SqlBool> {
  const pattern = `%${likeLiteral(text.toLowerCase())}%`;
  const value = typeof column === 'string' ? sql.ref(column) : column;
  return sql<SqlBool>`lower(${value}) LIKE ${pattern} ESCAPE '\\'`;
}

/**
 * `column` starts with `prefix`, exactly (case and `%`/`_` included). `substr` compares the same
 * way in SQLite and PostgreSQL, where LIKE differs in case and has no default escape character.
 */
export function startsWith(column: string, prefix: string): Expression<SqlBool> {
  return sql<SqlBool>`substr(${sql.ref(column)}, 1, ${prefix.length}) = ${prefix}`;
}

/**
 * Whether a database error is a constraint (UNIQUE, CHECK, NOT NULL, FOREIGN KEY, or a
 * trigger's RAISE(ABORT)) refusing a write: nothing was written. SQLite's driver sets
 * `code` to SQLITE_CONSTRAINT[_*]; PostgreSQL's class 23 SQLSTATEs ("23505" unique) are the
 * same thing there.
 */
export function isConstraintViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return code.startsWith('SQLITE_CONSTRAINT') || /^23\d{3}$/.test(code);
}
