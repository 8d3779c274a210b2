import fs from 'node:fs';
import path from 'node:path';
import type { AuditAnchor, AnchorStore } from '../services/auditAnchors';
import { fsyncDir } from './durableFs';

/**
 * Audit anchors kept beside the clinic file, one JSON line each, appended by every backup and
 * every export. They live outside the database on purpose: someone who cuts the newest audit
 * entries off (or rewrites the chain from some entry on) with the key in hand edits the database,
 * and verify-audit then finds an anchor the chain no longer holds, without anyone having kept a
 * note. (A copy of the newest anchor also goes beside each backup.)
 */
export const anchorFilePathFor = (dbFile: string): string => `${dbFile}.anchors.jsonl`;

export function fileAnchorStore(dbFile: string): AnchorStore {
  const file = anchorFilePathFor(dbFile);
  return {
    record(anchor: AuditAnchor): void {
      const fd = fs.openSync(file, 'a', 0o600);
      try {
        fs.writeSync(fd, `${JSON.stringify(anchor)}\n`);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fsyncDir(path.dirname(file));
    },
    list(): AuditAnchor[] {
      if (!fs.existsSync(file)) return [];
      const out: AuditAnchor[] = [];
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const a = JSON.parse(line) as AuditAnchor;
          if (Number.isInteger(a.entries) && typeof a.hash === 'string' && /^[0-9a-f]{64}$/.test(a.hash)) out.push(a);
        } catch {
          // A line cut short by a crash mid-append is not an anchor; the ones before it still count.
        }
      }
      return out;
    },
  };
}
