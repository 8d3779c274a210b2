import Papa from 'papaparse';

/**
 * The one way Medtrack writes CSV (screen download, API, command line): RFC 4180 with CRLF line
 * ends and every field quoted, and formula injection defused. A cell starting with = + - @ tab
 * or CR (a staff name "=HYPERLINK(...)") would run as a formula in a spreadsheet, so it gets a
 * leading apostrophe (OWASP CSV injection). papaparse's own `escapeFormulae: true` pattern
 * (/^[=+\-@\t\r].*$/) misses a cell with a line break after the formula, so the test is the
 * first character only.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

export function toCsv(rows: readonly (readonly string[])[]): string {
  return Papa.unparse(rows as string[][], { newline: '\r\n', quotes: true, escapeFormulae: FORMULA_START }) + '\r\n';
}
