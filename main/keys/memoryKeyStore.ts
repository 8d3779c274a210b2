import crypto from 'node:crypto';
import type { OsKeyStore } from './keyStore';

/**
 * FOR TESTS AND THE LOOPBACK TEST SERVER ONLY. Stands in for the OS key store with an AES key
 * that lives only in this process, so a restart behaves like moving to a new workstation
 * (the recovery passphrase is needed again).
 *
 * A test may pass a fixed 32-byte secret instead: a child process started with the same secret
 * then unlocks the clinic the way a workstation's own key store does at launch (no recovery
 * passphrase, no scrypt), which the crash tests need.
 */
export class MemoryKeyStore implements OsKeyStore {
  private readonly secret: Buffer;
  constructor(secret: Buffer = crypto.randomBytes(32)) {
    if (secret.length !== 32) throw new Error('MemoryKeyStore needs a 32-byte secret');
    this.secret = secret;
  }
  isAvailable(): boolean {
    return true;
  }
  wrap(data: Buffer): Buffer {
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', this.secret, iv);
    const body = Buffer.concat([c.update(data), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]);
  }
  unwrap(blob: Buffer): Buffer {
    const d = crypto.createDecipheriv('aes-256-gcm', this.secret, blob.subarray(0, 12));
    d.setAuthTag(blob.subarray(12, 28));
    return Buffer.concat([d.update(blob.subarray(28)), d.final()]);
  }
}
