/**
 * The floor for a cold `medtrack report overdue`: a script that does the same work with
 * nothing but the driver, the key-file unwrap and raw SQL: unwrap the key with the recovery
 * passphrase, open and verify, compute the figures, append the audit entry, print JSON.
 * Usage: node dist/tests/bench/cliFloor.js FILE PASSPHRASE_FILE
 */
import fs from 'node:fs';
import crypto from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { readKeyFile, unwrapWithPassphrase, keyFilePathFor } from '../../main/keys/keyFile';
import { auditFiguresFloor } from './floors';

const [file, ppFile] = process.argv.slice(2);
const key = unwrapWithPassphrase(readKeyFile(keyFilePathFor(file)).recovery, fs.readFileSync(ppFile, 'utf8').trim());
const d = new Database(file, { fileMustExist: true });
d.pragma(`cipher='sqlcipher'`);
d.pragma('legacy=4');
d.pragma(`key="x'${key.toString('hex')}'"`);
d.prepare('SELECT count(*) FROM sqlite_master').get();
d.pragma('journal_mode = WAL');
d.pragma('synchronous = FULL');
const now = new Date();
const figures = auditFiguresFloor(d, now);
d.transaction(() => {
  const prev = (d.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string }).hash;
  const after = JSON.stringify({ asOf: now.toISOString(), format: 'json' });
  const hash = crypto.createHash('sha256').update(JSON.stringify([prev, now.toISOString(), null, 'followups.export_cli', 'report', 'overdue-audit', null, after, null])).digest('hex');
  d.prepare('INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, before_json, after_json, reason, prev_hash, hash) VALUES (?, NULL, ?, ?, ?, NULL, ?, NULL, ?, ?)').run(now.toISOString(), 'followups.export_cli', 'report', 'overdue-audit', after, prev, hash);
})();
d.close();
process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
