import fs from 'node:fs';
import path from 'node:path';
import { openClinicDatabase, type ClinicDatabase } from '../../db/open';
import type { Clock } from '../clock';
import {
  createKeyFile,
  generateDatabaseKey,
  keyFilePathFor,
  readKeyFile,
  unwrapWithOs,
  unwrapWithPassphrase,
  unwrapWithPassphraseAsync,
  validatePassphrase,
  wrapWithPassphraseAsync,
  withClinicId,
  withOsWrapping,
  writeKeyFile,
} from '../keys/keyFile';
import { pendingKeyFilePathFor, settlePendingRekey } from './keyChanges';
import { completeInterruptedRestore } from './restoreSwap';
import { noOsKeyStore, type OsKeyStore } from '../keys/keyStore';
import { inTransaction } from '../services/context';
import { conflict } from '../services/errors';
import { writeSetting } from '../services/settings';
import { checkPassword, insertUser } from '../services/users';
import { hashPasswordAsync } from '../services/passwords';
import { ensureShippedFormulary } from '../services/formulary';

export interface NewClinic {
  clinicName: string;
  timeZone: string;
  admin: { login: string; displayName: string; password: string };
  recoveryPassphrase: string;
  demo?: boolean;
}

/**
 * Creates a clinic: a random key, the key file (wrapped by passphrase and, where available, by
 * the OS store), the encrypted database with its schema, settings and first administrator.
 * Any failure removes what was created, so a failed setup can simply be retried.
 */
export async function createClinic(
  dbFile: string,
  spec: NewClinic,
  clock: Clock,
  os: OsKeyStore = noOsKeyStore,
): Promise<ClinicDatabase> {
  validatePassphrase(spec.recoveryPassphrase);
  const keyPath = keyFilePathFor(dbFile);
  if (fs.existsSync(dbFile) || fs.existsSync(keyPath)) throw conflict(`A clinic file already exists at ${dbFile}.`);
  // Only this account may read the clinic's folder and file (encrypted or not, least exposure).
  fs.mkdirSync(path.dirname(dbFile), { recursive: true, mode: 0o700 });
  checkPassword(spec.admin.password);
  const key = generateDatabaseKey();
  let handle: ClinicDatabase | null = null;
  try {
    // The two slow derivations (~0.3 s each idle, seconds under load) at once, off this thread.
    const [recovery, adminHash] = await Promise.all([wrapWithPassphraseAsync(key, spec.recoveryPassphrase), hashPasswordAsync(spec.admin.password)]);
    writeKeyFile(keyPath, createKeyFile(key, spec.recoveryPassphrase, os, clock.now(), recovery));
    handle = await openClinicDatabase({ file: dbFile, key, create: true });
    if (process.platform !== 'win32') fs.chmodSync(dbFile, 0o600);
    await inTransaction({ db: handle.db, clock }, async (trx) => {
      const at = clock.now().toISOString();
      const admin = await insertUser(trx, at, null, { ...spec.admin, role: 'admin' }, adminHash);
      await writeSetting(trx, at, admin.id, 'clinic.name', spec.clinicName);
      await writeSetting(trx, at, admin.id, 'clinic.timeZone', spec.timeZone);
      await writeSetting(trx, at, admin.id, 'clinic.demo', spec.demo === true);
      await ensureShippedFormulary(trx, at);
    });
    return handle;
  } catch (err) {
    await handle?.close().catch(() => undefined);
    for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, keyPath]) fs.rmSync(f, { force: true });
    throw err;
  } finally {
    key.fill(0);
  }
}

/** Unlocks with the recovery passphrase (command line, new workstation). */
export async function openWithPassphrase(
  dbFile: string,
  passphrase: string,
  os: OsKeyStore = noOsKeyStore,
  extra: { migrate?: boolean } = {},
): Promise<ClinicDatabase> {
  completeInterruptedRestore(dbFile);
  await settlePendingRekey(dbFile, passphrase);
  const keyPath = keyFilePathFor(dbFile);
  const keyFile = readKeyFile(keyPath);
  // Off this thread: the database worker goes on answering (clinic.jobs, say) meanwhile.
  const key = await unwrapWithPassphraseAsync(keyFile.recovery, passphrase);
  try {
    const handle = await openClinicDatabase({ file: dbFile, key, ...extra });
    const updated = withClinicId(os.isAvailable() ? withOsWrapping(keyFile, key, os) : keyFile);
    if (updated !== keyFile) writeKeyFile(keyPath, updated);
    return handle;
  } finally {
    key.fill(0);
  }
}

/** Everyday unlock through the OS key store; null when this workstation cannot unwrap the key. */
export async function openWithOsKeyStore(dbFile: string, os: OsKeyStore): Promise<ClinicDatabase | null> {
  completeInterruptedRestore(dbFile);
  // A rekey was interrupted: only the recovery passphrase can tell which key the file is under.
  if (fs.existsSync(pendingKeyFilePathFor(dbFile))) return null;
  const keyFile = readKeyFile(keyFilePathFor(dbFile));
  const key = unwrapWithOs(keyFile, os);
  if (!key) return null;
  try {
    const handle = await openClinicDatabase({ file: dbFile, key });
    if (!keyFile.clinicId) writeKeyFile(keyFilePathFor(dbFile), withClinicId(keyFile));
    return handle;
  } finally {
    key.fill(0);
  }
}

/** The raw key, for backup/restore checks that open a second file with the same key. */
export function unwrapKey(dbFile: string, passphrase: string): Buffer {
  return unwrapWithPassphrase(readKeyFile(keyFilePathFor(dbFile)).recovery, passphrase);
}
