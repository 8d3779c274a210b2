import crypto from 'node:crypto';
import type { OsKeyStore } from '../../main/keys/keyStore';

/**
 * FOR TESTS ONLY: an OS key store whose AES key is given, so a child process started with the
 * same secret unlocks the clinic the way a workstation's own key store does at launch (no
 * recovery passphrase, no scrypt). MemoryKeyStore's key dies with its process.
 */
export class FixedKeyStore implements OsKeyStore {
  constructor(private readonly secret: Buffer) {
    if (secret.length !== 32) throw new Error('FixedKeyStore needs a 32-byte secret');
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
