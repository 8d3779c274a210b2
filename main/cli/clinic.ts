import fs from 'node:fs';
import { openClinicDatabase, type ClinicDatabase } from '../../db/open';
import { CorruptDatabaseError, DatabaseMissingError, DatabaseTooNewError } from '../../db/errors';
import { latestSchemaVersion } from '../../migrations';
import { unwrapKey } from '../app/clinicFile';
import { settlePendingRekey } from '../app/keyChanges';
import { completeInterruptedRestore } from '../app/restoreSwap';
import { CliFailure } from './errors';

/**
 * Opening clinic files for administrative commands. Unlike the app, these never migrate: a
 * check or a backup must not change the file it looks at, and a restore must put back exactly
 * what was verified.
 */

export function requireExistingFile(file: string, what: string): void {
  if (!fs.existsSync(file)) throw new CliFailure(`${what} ${file} does not exist.`);
  if (!fs.statSync(file).isFile()) throw new CliFailure(`${what} ${file} is not a file.`);
}

/** The database key from the file's key file. A wrong passphrase fails here, before the database is touched. */
export async function unlockKey(dbFile: string, passphrase: string): Promise<Buffer> {
  completeInterruptedRestore(dbFile);
  if (fs.existsSync(dbFile)) await settlePendingRekey(dbFile, passphrase);
  if (!fs.existsSync(dbFile)) throw new DatabaseMissingError(dbFile);
  requireExistingFile(dbFile, 'The clinic database');
  return unwrapKey(dbFile, passphrase);
}

/**
 * Confirms the file is a Medtrack clinic database this code understands and returns its schema
 * version. Reads only (Kysely introspection rather than the migrator, which creates its table).
 */
export async function checkClinicSchema(handle: ClinicDatabase): Promise<number> {
  const tables = new Set((await handle.db.introspection.getTables()).map((t) => t.name));
  if (!tables.has('schema_migrations') || !tables.has('audit_log')) {
    throw new CliFailure(`${handle.file} opens with this key but is not a Medtrack clinic database.`);
  }
  const row = await handle.db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.max<number | null>('version').as('v'))
    .executeTakeFirst();
  const version = row?.v ?? 0;
  if (version > latestSchemaVersion) throw new DatabaseTooNewError(handle.file, version, latestSchemaVersion);
  return version;
}

/**
 * ClinicDatabase.close() destroys Kysely, whose SQLite driver closes the connection only if a
 * Kysely query ever ran; a handle used only through `sqlite` would stay open (keeping -wal and
 * -shm on disk). Close the connection ourselves too.
 */
export async function closeFully(handle: ClinicDatabase): Promise<void> {
  try {
    await handle.close();
  } finally {
    if (handle.sqlite.open) handle.sqlite.close();
  }
}

/** Opens with the raw key, without migrating, and checks it is a clinic database. */
export async function openForCheck(file: string, key: Buffer): Promise<{ handle: ClinicDatabase; schemaVersion: number }> {
  const handle = await openClinicDatabase({ file, key, migrate: false });
  try {
    return { handle, schemaVersion: await checkClinicSchema(handle) };
  } catch (err) {
    await closeFully(handle);
    throw err;
  }
}

/** Runs `fn` with an open file and always closes it (closing checkpoints and removes -wal/-shm). */
export async function withClinicFile<T>(file: string, key: Buffer, fn: (handle: ClinicDatabase, schemaVersion: number) => Promise<T>): Promise<T> {
  const { handle, schemaVersion } = await openForCheck(file, key);
  try {
    return await fn(handle, schemaVersion);
  } finally {
    await closeFully(handle);
  }
}

/**
 * SQLite reports a damaged page (or one whose SQLCipher HMAC fails) only when it is read, as
 * SQLITE_CORRUPT or SQLITE_NOTADB; name the file instead of showing the raw code.
 */
export function explainReadFailure(file: string, err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) {
    return new CorruptDatabaseError(file, err instanceof Error ? err.message : code);
  }
  return err;
}
