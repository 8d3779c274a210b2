import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations';
import { checksumOf, frozenMigrationProblems, migrationFiles, readChecksums, readMigration } from '../../scripts/migrations-checksum.mjs';

/**
 * A landed migration never changes (DESIGN.md): 0001 was once edited after it landed. Every
 * migration in the static index has its SHA-256 in migrations/checksums.json, and the file
 * still hashes to it. The failure message says what to run.
 */
const names = migrations.map((m) => m.name);

describe('frozen migrations', () => {
  it('every migration in migrations/index.ts has a recorded checksum and still matches it', () => {
    const problems = frozenMigrationProblems(names, readChecksums(), (n) => readMigration(n));
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('every migration file in the folder is in the static index (the bundled app finds no other)', () => {
    expect(migrationFiles()).toEqual(names);
  });

  // The checks above pass on a healthy tree; these show they name the file and the command
  // when the tree is not healthy.
  const original = 'export async function up() { /* CREATE TABLE a */ }\n';
  const recorded = { '0001_a': checksumOf(original) };
  const files: Record<string, string> = { '0001_a': original, '0002_b': 'export async function up() {}\n' };

  it('names a new migration with no checksum and the command that adds it', () => {
    const problems = frozenMigrationProblems(['0001_a', '0002_b'], recorded, (n) => files[n]);
    expect(problems).toEqual([
      expect.stringMatching(/^migrations\/0002_b\.ts has no checksum yet: add its checksum with `npm run migrations:checksum`/),
    ]);
  });

  it('names a landed migration whose text changed by one character', () => {
    const edited = original.replace('TABLE a', 'TABLE b');
    const problems = frozenMigrationProblems(['0001_a'], recorded, () => edited);
    expect(problems).toEqual([expect.stringMatching(/^migrations\/0001_a\.ts changed after its checksum was recorded.*new migration/)]);
  });

  it('hashes a Windows checkout (CRLF) like a Unix one, so only real edits fail', () => {
    const problems = frozenMigrationProblems(['0001_a'], recorded, () => original.replace(/\n/g, '\r\n'));
    expect(problems).toEqual([]);
  });

  it('refuses a recorded migration that left the index', () => {
    const problems = frozenMigrationProblems([], recorded, (n) => files[n]);
    expect(problems).toEqual([expect.stringContaining('lists 0001_a, which migrations/index.ts does not')]);
  });
});
