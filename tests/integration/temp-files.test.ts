import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTempDb } from '../support/tempdb';

/**
 * Issue 10, defect 4: SQLite spills large sorts to etilqs_* temp files, which SQLCipher does
 * not encrypt. SQLite reads SQLITE_TMPDIR when the library starts (the first open in a process;
 * vitest runs each file in its own process), so it is set before any database is opened, to an
 * empty folder watched for any file appearing. Without the pragma this test sees etilqs_* files.
 */
const tmp = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'medtrack-sqlite-tmp-'));
process.env.SQLITE_TMPDIR = tmp;

describe('temporary files', () => {
  it('writes no temp file for a sort far larger than the cache, on an opened clinic file', async () => {
    const db = await openTempDb();
    const seen: string[] = [];
    const watcher = fs.watch(tmp, (_event, name) => void seen.push(String(name)));
    try {
      expect(db.sqlite.pragma('temp_store', { simple: true })).toBe(2); // 2 = MEMORY
      // ~40 MB of random rows sorted with no index: well past the 2 MB page cache, so SQLite
      // would spill the sort to a temp file unless temp_store is MEMORY.
      const rows = db.sqlite
        .prepare('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 200000) SELECT x, randomblob(200) AS r FROM c ORDER BY r')
        .raw()
        .iterate();
      let n = 0;
      for (const _row of rows) n += 1;
      expect(n).toBe(200_000);
      await new Promise((r) => setTimeout(r, 200)); // let the watcher deliver queued events
    } finally {
      watcher.close();
      await db.cleanup();
    }
    expect(seen).toEqual([]);
    expect(fs.readdirSync(tmp)).toEqual([]);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
