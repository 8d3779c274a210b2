import { safeStorage } from 'electron';
import type { OsKeyStore } from '../keys/keyStore';
import { isOsKeyStoreUsable } from './policy';

/**
 * The workstation's key store through Electron's safeStorage (macOS Keychain, Windows DPAPI,
 * libsecret / KWallet on Linux). It wraps the database key so the everyday unlock needs no
 * passphrase; the recovery passphrase wrapping (main/keys/keyFile.ts) is always kept too.
 *
 * Use only after app `ready`: before it, Linux reports no backend and Windows no encryption.
 *
 * The synchronous safeStorage calls are deprecated in favour of the *Async ones, but OsKeyStore
 * is synchronous (the core runs without Electron); move to the async calls when it is not.
 */
export class SafeStorageKeyStore implements OsKeyStore {
  isAvailable(): boolean {
    // Asked first: on Linux it also makes Chromium pick its backend, which is read next.
    const available = safeStorage.isEncryptionAvailable();
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
    // Linux 'basic_text' (no keyring) "encrypts" with a key built into Chromium: no real
    // protection for a clinic's key, so it counts as unavailable and the passphrase is asked.
    return isOsKeyStoreUsable(process.platform, available, backend);
  }

  wrap(secret: Buffer): Buffer {
    if (!this.isAvailable()) throw new Error('The operating-system key store is not available on this workstation.');
    // safeStorage encrypts strings: hex keeps the raw key bytes intact through that API.
    return safeStorage.encryptString(secret.toString('hex'));
  }

  unwrap(blob: Buffer): Buffer {
    if (!this.isAvailable()) throw new Error('The operating-system key store is not available on this workstation.');
    const hex = safeStorage.decryptString(blob);
    if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-f]+$/i.test(hex)) {
      throw new Error('The operating-system key store returned something that is not a wrapped key.');
    }
    return Buffer.from(hex, 'hex');
  }
}
