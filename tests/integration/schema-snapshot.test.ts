import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations';
import { openTempDb, type TempDb } from '../support/tempdb';

/**
 * Schema snapshot (Actual's pattern): the schema of a freshly migrated file, as SQLite records
 * it, matches migrations/schema.snapshot.sql. A schema change then shows in review as a diff of
 * that file, and one made without a new migration (an edited migration, a runner change) fails.
 */
const snapshotFile = path.join(__dirname, '..', '..', 'migrations', 'schema.snapshot.sql');
const header = (names: readonly string[]) =>
  `-- schema after migrations: ${names.join(', ')}\n-- refresh with \`npm run schema:snapshot\`\n`;

/** One statement per object, sorted; lines trimmed and runs of spaces folded, so indentation does not count. */
function normalisedSchema(rows: { type: string; name: string; sql: string }[]): string {
  return rows
    .map(
      (r) =>
        `-- ${r.type} ${r.name}\n${r.sql
          .split('\n')
          .map((l) => l.trim().replace(/\s+/g, ' '))
          .filter(Boolean)
          .join('\n')};\n`,
    )
    .join('\n');
}

let h: TempDb;
beforeEach(async () => {
  h = await openTempDb();
});
afterEach(async () => h.cleanup());

describe('schema snapshot', () => {
  it('a freshly migrated database has exactly the committed schema', async () => {
    const { rows } = await sql<{ type: string; name: string; sql: string }>`
      SELECT type, name, sql FROM sqlite_master
      WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name`.execute(h.db);
    const actual = header(migrations.map((m) => m.name)) + '\n' + normalisedSchema(rows);
    const committed = fs.existsSync(snapshotFile) ? fs.readFileSync(snapshotFile, 'utf8') : '';
    const sameMigrations = committed.split('\n')[0] === actual.split('\n')[0];
    const advice = sameMigrations
      ? 'The schema changed but migrations/index.ts lists the same migrations as the snapshot: a schema change needs a new ' +
        'migration (landed migrations are frozen). If you meant to change the snapshot format, run `npm run schema:snapshot`.'
      : 'migrations/index.ts lists other migrations than migrations/schema.snapshot.sql was taken after: ' +
        'run `npm run schema:snapshot` and commit migrations/schema.snapshot.sql with your migration.';
    await expect(actual, advice).toMatchFileSnapshot(snapshotFile);
  });
});
