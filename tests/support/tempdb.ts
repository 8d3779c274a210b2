import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openClinicDatabase, type ClinicDatabase } from '../../db/open';

/** A real encrypted database in a temp folder: in-memory databases cannot be keyed. */
export interface TempDb extends ClinicDatabase {
  dir: string;
  key: Buffer;
  cleanup(): Promise<void>;
}

export function makeTempDir(prefix = 'medtrack-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function openTempDb(): Promise<TempDb> {
  const dir = makeTempDir();
  const key = crypto.randomBytes(32);
  const handle = await openClinicDatabase({ file: path.join(dir, 'clinic.db'), key, create: true });
  return {
    ...handle,
    dir,
    key,
    cleanup: async () => {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
