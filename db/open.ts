import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from './schema';
import { CorruptDatabaseError, DatabaseExistsError, DatabaseMissingError, NotEncryptedError, WrongKeyError } from './errors';
import { migrateToLatest } from './migrate';

export type SqliteHandle = Database.Database;

export interface ClinicDatabase {
  file: string;
  sqlite: SqliteHandle;
  db: Kysely<DB>;
  close(): Promise<void>;
}

export interface OpenOptions {
  file: string;
  /** The raw 256-bit database key. */
  key: Buffer;
  /** Create a new file; refuses if one exists. */
  create?: boolean;
  /** Run pending migrations after opening (default true). */
  migrate?: boolean;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * The key of each open handle, kept beside it (SQLCipher holds it in memory anyway) so a long
 * job such as a backup can open its own connection to the same file on another thread without
 * asking for the passphrase again. Zeroed when the handle closes.
 */
const handleKeys = new WeakMap<ClinicDatabase, Buffer>();

/** A copy of an open handle's key; the caller zeroes it when done. */
export function copyKeyOf(handle: ClinicDatabase): Buffer {
  const key = handleKeys.get(handle);
  if (!key) throw new Error('This database handle is closed.');
  return Buffer.from(key);
}

/**
 * Applies the cipher settings and the raw key. better-sqlite3-multiple-ciphers defaults to a
 * different cipher, so SQLCipher v4 must be selected on every open, before the key.
 */
export function applyKey(sqlite: SqliteHandle, key: Buffer): void {
  if (key.length !== 32) throw new Error('The database key must be 32 bytes (256 bits).');
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma('legacy=4');
  // A raw key skips SQLCipher's passphrase derivation (~125 ms per open); the key is random.
  sqlite.pragma(`key="x'${key.toString('hex')}'"`);
}

/**
 * Re-encrypts every page under a new raw key (SQLCipher's rekey). It runs as one SQLite
 * transaction: a crash leaves the file wholly under the old key or wholly under the new one.
 */
export function rekeyDatabase(sqlite: SqliteHandle, newKey: Buffer): void {
  if (newKey.length !== 32) throw new Error('The database key must be 32 bytes (256 bits).');
  sqlite.pragma(`rekey="x'${newKey.toString('hex')}'"`);
}

function classifyOpenFailure(file: string, err: unknown): Error {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') {
    const fd = fs.openSync(file, 'r');
    try {
      const header = Buffer.alloc(16);
      const read = fs.readSync(fd, header, 0, 16, 0);
      if (read === 16 && header.equals(SQLITE_HEADER)) return new NotEncryptedError(file);
    } finally {
      fs.closeSync(fd);
    }
    const size = fs.statSync(file).size;
    if (size === 0 || size % 1024 !== 0) return new CorruptDatabaseError(file, `unexpected size ${size} bytes`);
    return new WrongKeyError(file);
  }
  if (code.startsWith('SQLITE_CORRUPT')) return new CorruptDatabaseError(file, String((err as Error).message));
  return err instanceof Error ? err : new Error(String(err));
}

const MIB = 1024 * 1024;
/** Page-cache bounds: SQLite's 2 MB default is far too small, and a workstation can spare 256 MB. */
export const CACHE_BOUNDS_BYTES = { min: 16 * MIB, max: 256 * MIB } as const;

/**
 * The page cache, in KiB, sized from the file: the whole file (plus room to grow) up to the
 * bound. An encrypted page is decrypted each time it is read from disk, so a file that does
 * not fit its cache pays the cipher on every screen, up to 3x a plaintext file (issue 11).
 */
export function cacheKibFor(file: string): number {
  const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
  const wanted = Math.min(CACHE_BOUNDS_BYTES.max, Math.max(CACHE_BOUNDS_BYTES.min, Math.ceil(size * 1.25)));
  return Math.ceil(wanted / 1024);
}

/**
 * Opens (or creates) the clinic's encrypted file. The key is checked with one read before any
 * pragma that could write, so a wrong key leaves the file byte-for-byte unchanged.
 */
export async function openClinicDatabase(opts: OpenOptions): Promise<ClinicDatabase> {
  const exists = fs.existsSync(opts.file);
  if (opts.create && exists) throw new DatabaseExistsError(opts.file);
  if (!opts.create && !exists) throw new DatabaseMissingError(opts.file);

  const sqlite = new Database(opts.file, { fileMustExist: !opts.create });
  try {
    applyKey(sqlite, opts.key);
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    sqlite.close();
    throw classifyOpenFailure(opts.file, err);
  }

  // WAL keeps readers off the writer's back; synchronous=FULL makes every acknowledged
  // clinical write durable across power loss (NORMAL may lose the last commits).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`cache_size = -${cacheKibFor(opts.file)}`);
  // Sorts, indexes being built and temp tables stay in memory: SQLCipher does not encrypt
  // SQLite's etilqs_* temp files, so a large sort would otherwise write records in plaintext.
  sqlite.pragma('temp_store = MEMORY');

  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  const handle: ClinicDatabase = {
    file: opts.file,
    sqlite,
    db,
    close: async () => {
      handleKeys.get(handle)?.fill(0);
      handleKeys.delete(handle);
      await db.destroy();
      // Kysely only owns the connection once it has run a query; close it ourselves otherwise.
      if (sqlite.open) sqlite.close();
    },
  };
  handleKeys.set(handle, Buffer.from(opts.key));
  if (opts.migrate !== false) {
    try {
      await migrateToLatest(handle);
    } catch (err) {
      await handle.close();
      throw err;
    }
  }
  return handle;
}

/**
 * Writes an encrypted copy with the same key. `db.backup()` fails on encrypted files and
 * `serialize()` returns plaintext, so VACUUM INTO is the only safe copy.
 */
export function vacuumInto(sqlite: SqliteHandle, target: string): void {
  if (fs.existsSync(target)) throw new DatabaseExistsError(target);
  sqlite.prepare('VACUUM INTO ?').run(target);
  if (process.platform !== 'win32') fs.chmodSync(target, 0o600);
}

/** Full integrity check; slow on large files, so only backup/restore/verify call it. */
export function integrityCheck(sqlite: SqliteHandle): string[] {
  const rows = sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>;
  const problems = rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
  const fk = sqlite.pragma('foreign_key_check') as unknown[];
  if (fk.length > 0) problems.push(`${fk.length} foreign key violation(s)`);
  return problems;
}

/** The newest migration applied to an open file (0 for a file with none). */
export function schemaVersionOf(handle: ClinicDatabase): number {
  const row = handle.sqlite.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null } | undefined;
  return row?.v ?? 0;
}

/** The SQLite and cipher library the driver was built with, for the About screen. */
export function driverVersions(): { sqlite: string; cipher: string } {
  const probe = new Database(':memory:');
  try {
    const { sqlite, cipher } = probe.prepare('SELECT sqlite_version() AS sqlite, sqlite3mc_version() AS cipher').get() as {
      sqlite: string;
      cipher: string;
    };
    return { sqlite, cipher };
  } finally {
    probe.close();
  }
}
