/**
 * `npm run migrations:checksum`: records the SHA-256 of every migration file that has none yet
 * in migrations/checksums.json. A landed migration is frozen (DESIGN.md): this never rewrites a
 * recorded checksum, and tests/unit/migrations-frozen.test.ts fails when a listed file changes.
 *
 * Runs under Node 24's TypeScript type stripping: node: imports only, so no build step.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const migrationsDir = path.join(import.meta.dirname, '..', 'migrations');
export const checksumsFile = path.join(migrationsDir, 'checksums.json');
const migrationFile = /^\d{4}_[a-z0-9_]+\.ts$/;

export type Checksums = Record<string, string>;

/** Line endings are folded so that a Windows checkout (CRLF) hashes like a Unix one. */
export function checksumOf(text: string): string {
  return crypto.createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}

export function readChecksums(file = checksumsFile): Checksums {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Checksums) : {};
}

/** Migration names (file name without `.ts`) present in the folder, in order. */
export function migrationFiles(dir = migrationsDir): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => migrationFile.test(f))
    .map((f) => f.slice(0, -3))
    .sort();
}

export function readMigration(name: string, dir = migrationsDir): string | undefined {
  const file = path.join(dir, `${name}.ts`);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/**
 * What is wrong between the static index, the recorded checksums and the files, in words that
 * say what to run. Empty when all is well.
 */
export function frozenMigrationProblems(
  indexNames: readonly string[],
  recorded: Checksums,
  read: (name: string) => string | undefined,
): string[] {
  const problems: string[] = [];
  for (const name of indexNames) {
    const text = read(name);
    if (text === undefined) problems.push(`migrations/${name}.ts is in migrations/index.ts but the file is missing.`);
    else if (!(name in recorded))
      problems.push(
        `migrations/${name}.ts has no checksum yet: add its checksum with \`npm run migrations:checksum\` and commit migrations/checksums.json.`,
      );
    else if (checksumOf(text) !== recorded[name])
      problems.push(
        `migrations/${name}.ts changed after its checksum was recorded. A landed migration is frozen: restore it ` +
          `(git checkout main -- migrations/${name}.ts) and make the change in a new migration. ` +
          `Only if ${name} has not landed on main yet: delete its line from migrations/checksums.json and run \`npm run migrations:checksum\`.`,
      );
  }
  for (const name of Object.keys(recorded))
    if (!indexNames.includes(name))
      problems.push(
        `migrations/checksums.json lists ${name}, which migrations/index.ts does not: a landed migration is never removed or renamed.`,
      );
  return problems;
}

function main(): number {
  const recorded = readChecksums();
  const next: Checksums = { ...recorded };
  let failed = false;
  for (const name of migrationFiles()) {
    const sum = checksumOf(readMigration(name)!);
    if (!(name in recorded)) {
      next[name] = sum;
      console.log(`added ${name} ${sum}`);
    } else if (recorded[name] !== sum) {
      failed = true;
      console.error(`migrations/${name}.ts no longer matches its recorded checksum; left as it was.`);
      console.error(`  A landed migration is frozen: restore it and put the change in a new migration.`);
      console.error(`  Only if it has not landed on main yet: delete its line from migrations/checksums.json and run this again.`);
    }
  }
  const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => a.localeCompare(b)));
  fs.writeFileSync(checksumsFile, JSON.stringify(sorted, null, 2) + '\n');
  return failed ? 1 : 0;
}

if (import.meta.main) process.exit(main());
