import fs from 'node:fs';
import path from 'node:path';
import { openClinicDatabase, rekeyDatabase } from '../../db/open';
import { WrongKeyError } from '../../db/errors';
import { createKeyFile, keyFilePathFor, readKeyFile, unwrapWithPassphrase, validatePassphrase, wrapWithPassphrase, writeKeyFile, generateDatabaseKey } from '../keys/keyFile';
import { noOsKeyStore } from '../keys/keyStore';
import { fsyncDir } from './durableFs';

/**
 * Key custody changes an administrator makes (issue 10, item 11): a new database key (rekey) and
 * a new recovery passphrase. Both keep the file openable at every moment of a crash.
 *
 * Rekey: the new key is first written, wrapped by the passphrase, to a pending key file; then
 * SQLCipher re-encrypts the file in one transaction; then the pending key file replaces the key
 * file. A crash between the steps leaves a pending file that the next unlock settles: whichever
 * key opens the database is kept. Backups made before keep their own key files and still restore.
 */
export const pendingKeyFilePathFor = (dbFile: string): string => `${keyFilePathFor(dbFile)}.pending`;

/**
 * Test seams: tests/integration/keys.test.ts kills the process here; rekey-job.test.ts makes the
 * step fail (on the app's job thread a kill would take the whole app down).
 */
function crashPoint(step: string): void {
  if (process.env.MEDTRACK_REKEY_CRASH_AT === step) process.kill(process.pid, 'SIGKILL');
  if (process.env.MEDTRACK_REKEY_FAIL_AT === step) throw new Error(`test failure at ${step}`);
}

/** Finishes or drops a rekey interrupted by a crash. Call with the passphrase before unlocking. */
export async function settlePendingRekey(dbFile: string, passphrase: string): Promise<'none' | 'finished' | 'dropped'> {
  const pendingPath = pendingKeyFilePathFor(dbFile);
  if (!fs.existsSync(pendingPath)) return 'none';
  let pendingKey: Buffer;
  try {
    pendingKey = unwrapWithPassphrase(readKeyFile(pendingPath).recovery, passphrase);
  } catch {
    // Unreadable or not under this passphrase: it was never completed, so it never took effect.
    fs.rmSync(pendingPath, { force: true });
    return 'dropped';
  }
  try {
    const h = await openClinicDatabase({ file: dbFile, key: pendingKey, migrate: false });
    await h.close();
  } catch (err) {
    if (err instanceof WrongKeyError) {
      fs.rmSync(pendingPath, { force: true });
      return 'dropped';
    }
    throw err;
  } finally {
    pendingKey.fill(0);
  }
  fs.renameSync(pendingPath, keyFilePathFor(dbFile));
  fsyncDir(path.dirname(dbFile));
  return 'finished';
}

/** A new random database key; the same passphrase wraps it. The workstation's key-store wrapping is dropped (the app asks for the passphrase once). */
export async function rekeyClinicFile(dbFile: string, passphrase: string, now: Date): Promise<void> {
  await settlePendingRekey(dbFile, passphrase);
  const keyFile = readKeyFile(keyFilePathFor(dbFile));
  const oldKey = unwrapWithPassphrase(keyFile.recovery, passphrase);
  const newKey = generateDatabaseKey();
  try {
    const h = await openClinicDatabase({ file: dbFile, key: oldKey, migrate: false });
    try {
      const next = { ...createKeyFile(newKey, passphrase, noOsKeyStore, now), ...(keyFile.clinicId ? { clinicId: keyFile.clinicId } : {}) };
      writeKeyFile(pendingKeyFilePathFor(dbFile), next);
      crashPoint('after-pending');
      rekeyDatabase(h.sqlite, newKey);
      crashPoint('after-rekey');
    } finally {
      await h.close();
    }
    fs.renameSync(pendingKeyFilePathFor(dbFile), keyFilePathFor(dbFile));
    fsyncDir(path.dirname(dbFile));
  } finally {
    oldKey.fill(0);
    newKey.fill(0);
  }
}

/** The same database key wrapped by a new recovery passphrase (the old one stops working). */
export function changeRecoveryPassphrase(dbFile: string, oldPassphrase: string, newPassphrase: string): void {
  validatePassphrase(newPassphrase);
  const keyPath = keyFilePathFor(dbFile);
  const keyFile = readKeyFile(keyPath);
  const key = unwrapWithPassphrase(keyFile.recovery, oldPassphrase);
  try {
    writeKeyFile(keyPath, { ...keyFile, recovery: wrapWithPassphrase(key, newPassphrase) });
  } finally {
    key.fill(0);
  }
}
