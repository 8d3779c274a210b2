/**
 * The operating system's secret store (Electron safeStorage: Keychain, DPAPI, libsecret).
 * Behind an interface so tests and the command line run without Electron.
 */
export interface OsKeyStore {
  /** False where the OS offers no protected store (then only the recovery passphrase unlocks). */
  isAvailable(): boolean;
  wrap(secret: Buffer): Buffer;
  unwrap(blob: Buffer): Buffer;
}

/** The command line's store: there is none, so every unlock takes the recovery passphrase. */
export const noOsKeyStore: OsKeyStore = {
  isAvailable: () => false,
  wrap: () => {
    throw new Error('No operating-system key store is available here.');
  },
  unwrap: () => {
    throw new Error('No operating-system key store is available here.');
  },
};
