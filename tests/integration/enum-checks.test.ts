import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as enums from '../../main/domain/enums';
import { openTempDb, type TempDb } from '../support/tempdb';

/**
 * One source per enum (issue 12): every `CHECK (column IN (...))` list of text values in the
 * migrated schema equals its list in main/domain/enums.ts, which the contract's zod schemas and
 * the Kysely types derive from. A migration that adds a value (or a new enumerated column)
 * without the domain list, or the other way round, fails here, named.
 */
const declared: Record<string, readonly string[]> = {
  'users.role': enums.ROLES,
  'patients.level_of_care': enums.LEVELS_OF_CARE,
  'patients.residence': enums.RESIDENCES,
  'allergies.severity': enums.ALLERGY_SEVERITIES,
  'allergies.status': enums.ALLERGY_STATUSES,
  'medications.unit': enums.DOSE_UNITS,
  'medications.sedating_class': enums.SEDATING_CLASSES,
  'medications.dea_schedule': enums.DEA_SCHEDULES,
  'medications.origin': enums.MEDICATION_ORIGINS,
  'orders.route': enums.ROUTES,
  'orders.administered_by': enums.ADMINISTERED_BY,
  'orders.status': enums.ORDER_STATUSES,
  'dose_versions.kind': enums.DOSE_KINDS,
  'administrations.outcome': enums.ADMINISTRATION_OUTCOMES,
  'administrations.scale': enums.WITHDRAWAL_SCALES,
  'administrations.reason_code': enums.NOT_GIVEN_REASONS,
  'orders.symptom_trigger_scale': enums.WITHDRAWAL_SCALES,
  'withdrawal_scores.scale': enums.WITHDRAWAL_SCALES,
  'followups.kind': enums.REVIEW_KINDS,
  'followups.status': enums.REVIEW_STATUSES,
  'followups.origin': enums.REVIEW_ORIGINS,
  'followups.outcome': enums.REVIEW_OUTCOMES,
};

/** `column IN ('a','b')` lists of quoted text in one CREATE TABLE; 0/1 flags are not enums. */
function checkLists(createTable: string): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const m of createTable.matchAll(/CHECK\s*\(\s*(\w+)\s+IN\s*\(([^)]*)\)\s*\)/gi)) {
    const values = [...m[2].matchAll(/'((?:[^']|'')*)'/g)].map((v) => v[1].replace(/''/g, "'"));
    if (values.length) lists.set(m[1], values);
  }
  return lists;
}

let h: TempDb;
let inSchema: Map<string, string[]>;
beforeAll(async () => {
  h = await openTempDb();
  const { rows } = await sql<{
    name: string;
    sql: string;
  }>`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL`.execute(h.db);
  inSchema = new Map(rows.flatMap((t) => [...checkLists(t.sql)].map(([col, values]) => [`${t.name}.${col}`, values] as const)));
});
afterAll(async () => h.cleanup());

describe('enumerations: the schema and main/domain/enums.ts agree', () => {
  it('every enumerated column of the schema has its list in main/domain/enums.ts', () => {
    const missing = [...inSchema.keys()].filter((c) => !(c in declared));
    expect(missing, 'declare the list in main/domain/enums.ts and map the column in this test').toEqual([]);
  });

  it.each(Object.entries(declared))('%s allows exactly the domain values', (column, values) => {
    expect(inSchema.get(column), `the latest migration's CHECK on ${column}`).toEqual([...values]);
  });

  it('reads a CHECK list the way SQLite would', () => {
    const lists = checkLists("CREATE TABLE x (a TEXT CHECK (a IN ('one','it''s')), b INTEGER CHECK (b IN (0,1)))");
    expect([...lists]).toEqual([['a', ['one', "it's"]]]);
  });
});
