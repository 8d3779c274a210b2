import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { writeFileAtomically } from '../app/durableFs';
import { AppError } from '../services/errors';
import type { OsKeyStore } from './keyStore';

/**
 * Key custody. The database key is 32 random bytes and never touches the disk in plaintext.
 * It is kept in `<database>.keys.json` wrapped twice:
 *  - by the OS key store, for everyday unlocking on this workstation;
 *  - by AES-256-GCM under a key derived from the administrator's recovery passphrase with
 *    scrypt, so the file can be opened on another machine (and by the command line).
 */

// scrypt cost: N=2^17, r=8 (OWASP's minimum recommendation), ~128 MiB and a few hundred ms,
// spent once per unlock rather than per database open.
const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
export const MIN_PASSPHRASE_LENGTH = 12;

const b64 = z.string().regex(/^[A-Za-z0-9+/]+=*$/);
const KeyFileSchema = z.object({
  format: z.literal('medtrack-keys'),
  version: z.literal(1),
  createdAt: z.string(),
  recovery: z.object({
    kdf: z.literal('scrypt'),
    N: z.number().int().positive(),
    r: z.number().int().positive(),
    p: z.number().int().positive(),
    salt: b64,
    iv: b64,
    tag: b64,
    data: b64,
  }),
  os: z.object({ data: b64 }).optional(),
  /**
   * The clinic's identity: a random id set when the clinic is created and carried by its backups'
   * key files, so a restore can tell a backup of this clinic from one of another. Absent in key
   * files written before it existed; added at their next unlock.
   */
  clinicId: z.string().uuid().optional(),
});
export type KeyFile = z.infer<typeof KeyFileSchema>;

export const keyFilePathFor = (dbFile: string): string => `${dbFile}.keys.json`;

export function generateDatabaseKey(): Buffer {
  return crypto.randomBytes(32);
}

export function validatePassphrase(passphrase: string): void {
  if (passphrase.trim().length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError('VALIDATION', `The recovery passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters.`, {
      fields: [{ path: 'recoveryPassphrase', message: `At least ${MIN_PASSPHRASE_LENGTH} characters.` }],
    });
  }
}

function deriveWrappingKey(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Buffer {
  return crypto.scryptSync(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: 256 * 1024 * 1024 });
}

/**
 * The same derivation on libuv's thread pool: the calling thread (the database worker) goes on
 * answering calls meanwhile, and two derivations (set-up's passphrase and password) run at once.
 */
function deriveWrappingKeyAsync(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    crypto.scrypt(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: 256 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export function wrapWithPassphrase(key: Buffer, passphrase: string): KeyFile['recovery'] {
  validatePassphrase(passphrase);
  const salt = crypto.randomBytes(16);
  return sealWrapping(key, salt, deriveWrappingKey(passphrase, salt, SCRYPT));
}

export async function wrapWithPassphraseAsync(key: Buffer, passphrase: string): Promise<KeyFile['recovery']> {
  validatePassphrase(passphrase);
  const salt = crypto.randomBytes(16);
  return sealWrapping(key, salt, await deriveWrappingKeyAsync(passphrase, salt, SCRYPT));
}

function sealWrapping(key: Buffer, salt: Buffer, wrapping: Buffer): KeyFile['recovery'] {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', wrapping, iv);
  const data = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    kdf: 'scrypt',
    ...SCRYPT,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/**
 * A key file's scrypt cost must be one Medtrack could have written: a power-of-two N up to
 * 2^20, r up to 32, p up to 16, within the memory deriveWrappingKey allows. A damaged or
 * hostile file asking for N=2^40 would otherwise fail deep inside scrypt (or spend minutes).
 */
export function scryptCostIsSane(N: number, r: number, p: number): boolean {
  return N >= 2 ** 10 && N <= 2 ** 20 && (N & (N - 1)) === 0 && r <= 32 && p <= 16 && 128 * N * r * p <= 256 * 1024 * 1024;
}

export function unwrapWithPassphrase(recovery: KeyFile['recovery'], passphrase: string): Buffer {
  return openWrapping(recovery, deriveWrappingKey(passphrase, Buffer.from(recovery.salt, 'base64'), recovery));
}

/** unwrapWithPassphrase off the calling thread (see deriveWrappingKeyAsync). */
export async function unwrapWithPassphraseAsync(recovery: KeyFile['recovery'], passphrase: string): Promise<Buffer> {
  return openWrapping(recovery, await deriveWrappingKeyAsync(passphrase, Buffer.from(recovery.salt, 'base64'), recovery));
}

function openWrapping(recovery: KeyFile['recovery'], wrapping: Buffer): Buffer {
  const decipher = crypto.createDecipheriv('aes-256-gcm', wrapping, Buffer.from(recovery.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(recovery.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(recovery.data, 'base64')), decipher.final()]);
  } catch {
    // GCM authentication fails for any wrong passphrase: nothing is learnt about the key.
    throw new AppError('WRONG_PASSPHRASE', 'That recovery passphrase is not correct for this clinic file.');
  }
}

export function readKeyFile(path: string): KeyFile {
  if (!fs.existsSync(path)) {
    throw new AppError('NOT_FOUND', `The key file ${path} is missing; without it the clinic file cannot be unlocked.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch {
    throw new AppError('VALIDATION', `The key file ${path} is not valid JSON.`);
  }
  const result = KeyFileSchema.safeParse(parsed);
  if (!result.success) throw new AppError('VALIDATION', `The key file ${path} is not a Medtrack key file.`);
  const { N, r, p } = result.data.recovery;
  if (!scryptCostIsSane(N, r, p)) {
    throw new AppError(
      'VALIDATION',
      `The key file ${path} asks for a passphrase cost Medtrack never writes (N=${N}, r=${r}, p=${p}): it is damaged or was not made by Medtrack. Use the key file kept with a backup.`,
    );
  }
  return result.data;
}

/** Written to a temporary name, flushed and renamed, so a crash never leaves half a key file. */
export function writeKeyFile(path: string, keyFile: KeyFile): void {
  writeFileAtomically(path, JSON.stringify(keyFile, null, 2));
}

/** A key file from before clinic identities gets one (at its next unlock). */
export function withClinicId(keyFile: KeyFile): KeyFile {
  return keyFile.clinicId ? keyFile : { ...keyFile, clinicId: crypto.randomUUID() };
}

export function createKeyFile(key: Buffer, passphrase: string, os: OsKeyStore, now: Date, recovery = wrapWithPassphrase(key, passphrase)): KeyFile {
  return {
    format: 'medtrack-keys',
    version: 1,
    createdAt: now.toISOString(),
    recovery,
    clinicId: crypto.randomUUID(),
    ...(os.isAvailable() ? { os: { data: os.wrap(key).toString('base64') } } : {}),
  };
}

/** Everyday unlock: null when this workstation's key store cannot (or can no longer) unwrap it. */
export function unwrapWithOs(keyFile: KeyFile, os: OsKeyStore): Buffer | null {
  if (!keyFile.os || !os.isAvailable()) return null;
  try {
    const key = os.unwrap(Buffer.from(keyFile.os.data, 'base64'));
    return key.length === 32 ? key : null;
  } catch {
    return null;
  }
}

/** After a recovery unlock on a new workstation, wrap the key for this machine's store too. */
export function withOsWrapping(keyFile: KeyFile, key: Buffer, os: OsKeyStore): KeyFile {
  if (!os.isAvailable()) return keyFile;
  return { ...keyFile, os: { data: os.wrap(key).toString('base64') } };
}

/** A copy for backups: only the passphrase wrapping travels; the OS wrapping is machine-bound. */
export function portableKeyFile(keyFile: KeyFile): KeyFile {
  const { os: _os, ...rest } = keyFile;
  return rest;
}
