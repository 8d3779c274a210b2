import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../db/open';
import { unwrapKey } from '../../main/app/clinicFile';
import { COMMANDS } from '../../main/cli';
import { DEMO_FAMILY_NAMES, DEMO_GIVEN_NAMES } from '../../main/demo/names';
import { latestSchemaVersion } from '../../migrations';
import { runCli, type CliRun } from '../support/cli';
import { makeTempDir } from '../support/tempdb';

/*
 * The command line, run in-process through main() against real encrypted temp files. The demo
 * clinic is built once (a few seconds); tests that damage a file work on copies of it.
 */

const PASSPHRASE = 'correct horse battery staple';
const ADMIN_PASSWORD = 'admin-password-1';
const NOW = '2026-03-01T12:00:00.000Z';
const SQLITE3 = '/usr/bin/sqlite3';
const REPO = path.resolve(__dirname, '../..');

let root: string;
let home: string;
let passFile: string;
let adminPwFile: string;
let clinicDb: string;
let demoDb: string;
let demoRun: RunResult;

type RunResult = CliRun;

function run(argv: string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<RunResult> {
  return runCli(argv, { now: NOW, cwd: root, home, stdin: opts.stdin, env: { XDG_CONFIG_HOME: path.join(home, 'config'), ...opts.env } });
}

/** A fresh folder under the test root, and a path in it. */
function scratch(name: string): string {
  const dir = fs.mkdtempSync(path.join(root, 'case-'));
  return path.join(dir, name);
}

function copyClinic(from: string, to: string): string {
  fs.copyFileSync(from, to);
  fs.copyFileSync(`${from}.keys.json`, `${to}.keys.json`);
  return to;
}

/** Opens a clinic file the way an administrator with the passphrase could, bypassing the CLI. */
async function openWithKey(file: string): Promise<ClinicDatabase> {
  // Copies share their original's key file; scrypt once per key file keeps the suite quick.
  const keyFile = fs.readFileSync(`${file}.keys.json`, 'utf8');
  let key = keys.get(keyFile);
  if (!key) keys.set(keyFile, (key = unwrapKey(file, PASSPHRASE)));
  return openClinicDatabase({ file, key, migrate: false });
}
const keys = new Map<string, Buffer>();

/** close() leaves the connection open when only raw SQL ran (see the report); close it too. */
async function closeAll(h: ClinicDatabase): Promise<void> {
  await h.close();
  if (h.sqlite.open) h.sqlite.close();
}

async function alterAuditEntry(file: string, id: number): Promise<void> {
  const h = await openWithKey(file);
  h.sqlite.exec('DROP TRIGGER audit_log_no_update');
  const changed = h.sqlite.prepare(`UPDATE audit_log SET reason = 'quietly edited' WHERE id = ?`).run(id);
  expect(changed.changes).toBe(1);
  await closeAll(h);
}

/** Byte-for-byte contents of a folder, to prove a failed command changed nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isFile()) out[name] = fs.readFileSync(p).toString('base64');
  }
  return out;
}

const oneLine = (s: string) => s.trimEnd().split('\n').length === 1;

function expectFailure(r: RunResult, code: 1 | 2, pattern: RegExp): void {
  expect(r.stderr).toMatch(pattern);
  expect(oneLine(r.stderr), r.stderr).toBe(true);
  expect(r.stdout).toBe('');
  expect(r.code).toBe(code);
}

const initArgs = (db: string, extra: string[] = []) => [
  'init', '--db', db, '--clinic-name', 'Zebra Lake Recovery', '--admin-login', 'admin', '--admin-name', 'Ada Admin',
  '--admin-password-file', adminPwFile, '--passphrase-file', passFile, ...extra,
];

beforeAll(async () => {
  root = makeTempDir('medtrack-cli-');
  home = path.join(root, 'home');
  fs.mkdirSync(home);
  passFile = path.join(root, 'passphrase.txt');
  fs.writeFileSync(passFile, `${PASSPHRASE}\n`);
  adminPwFile = path.join(root, 'admin-password.txt');
  fs.writeFileSync(adminPwFile, `${ADMIN_PASSWORD}\n`);
  clinicDb = path.join(root, 'clinic.db');
  demoDb = path.join(root, 'demo.db');
  const init = await run(initArgs(clinicDb));
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  demoRun = await run(['demo', '--db', demoDb, '--passphrase-file', passFile]);
  expect(demoRun.stderr).toBe('');
  expect(demoRun.code).toBe(0);
}, 60_000);

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('help', () => {
  it('lists the commands when run with no command, with help and with --help', async () => {
    for (const argv of [[], ['help'], ['--help']]) {
      const r = await run(argv);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      for (const c of ['init', 'demo', 'verify-audit', 'backup', 'restore', 'help']) expect(r.stdout).toContain(`  ${c} `);
    }
  });

  it('prints usage for --help on every command, even with other flags missing', async () => {
    for (const c of COMMANDS) {
      for (const argv of [[...c.name.split(' '), '--help'], [...c.name.split(' '), '-h'], ['help', ...c.name.split(' ')]]) {
        const r = await run(argv);
        expect(r.code, argv.join(' ')).toBe(0);
        expect(r.stdout).toMatch(new RegExp(`^Usage: medtrack ${c.name}`));
      }
    }
    expect((await run(['backup', '--help'])).stdout).toContain(path.join(home, 'config', 'Medtrack', 'medtrack.db'));
  });
});

describe('usage errors: exit 2, one line on stderr, nothing created', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    ['unknown command', () => ['frobnicate'], /unknown command "frobnicate"/],
    ['option before the command', () => ['--db', 'x'], /unknown option --db/],
    ['unknown flag', () => ['verify-audit', '--frob', '--passphrase-file', passFile], /unknown option --frob/],
    ['a secret on the command line', () => ['backup', '--passphrase=hunter2-hunter2', '--out', 'b.db'], /unknown option --passphrase; secrets are read from files/],
    ['missing required flag', () => ['backup', '--passphrase-file', passFile], /missing --out FILE/],
    ['flag without its value', () => ['backup', '--passphrase-file', passFile, '--out'], /--out FILE: the value is missing/],
    ['flag followed by another flag', () => ['backup', '--out', '--passphrase-file', passFile], /--out FILE: the value is missing/],
    ['empty value', () => ['backup', '--out', '', '--passphrase-file', passFile], /--out must not be empty/],
    ['flag given twice', () => ['verify-audit', '--db', 'a', '--db', 'b', '--passphrase-file', passFile], /--db is given more than once/],
    ['stray argument', () => ['verify-audit', 'clinic.db', '--passphrase-file', passFile], /unexpected argument "clinic.db"/],
    ['invalid time zone', () => initArgs('new.db', ['--time-zone', 'Mars/Olympus_Mons']), /--time-zone "Mars\/Olympus_Mons" is not an IANA time zone/],
    ['both secrets from stdin', () => ['init', '--db', 'new.db', '--clinic-name', 'X', '--admin-login', 'a', '--admin-name', 'A', '--admin-password-file', '-', '--passphrase-file', '-'], /cannot both read standard input/],
    ['malformed login', () => initArgs('new.db').map((a) => (a === 'admin' ? 'ad min!' : a)), /--admin-login: Letters, digits/],
    ['demo without --db', () => ['demo', '--passphrase-file', passFile], /missing --db PATH/],
    ['restore onto its own backup', () => ['restore', '--from', 'x.db', '--db', 'x.db', '--passphrase-file', passFile], /same file/],
    ['help for an unknown command', () => ['help', 'frobnicate'], /unknown command "frobnicate"/],
  ];
  it.each(cases)('%s', async (_name, argv, pattern) => {
    const before = snapshot(root);
    const r = await run(argv(), { stdin: `${PASSPHRASE}\n` });
    expectFailure(r, 2, pattern);
    expect(r.stderr).not.toContain('hunter2');
    expect(snapshot(root)).toEqual(before);
  });
});

describe('init and demo', () => {
  it('creates an encrypted clinic whose administrator and settings are in place', async () => {
    const h = await openWithKey(clinicDb);
    const settings = await h.db.selectFrom('settings').select(['key', 'value_json']).execute();
    expect(Object.fromEntries(settings.map((s) => [s.key, JSON.parse(s.value_json)]))).toMatchObject({
      'clinic.name': 'Zebra Lake Recovery',
      'clinic.timeZone': 'America/New_York',
    });
    const admin = await h.db.selectFrom('users').select(['login', 'display_name', 'role']).execute();
    expect(admin).toEqual([{ login: 'admin', display_name: 'Ada Admin', role: 'admin' }]);
    await closeAll(h);
  });

  it('reads the passphrase from stdin, stripping exactly one trailing newline', async () => {
    const db = scratch('stdin.db');
    const r = await run(initArgs(db).map((a) => (a === passFile ? '-' : a)), { stdin: 'stdin passphrase 12\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(() => unwrapKey(db, 'stdin passphrase 12').fill(0)).not.toThrow();
    // A second newline is part of the secret, so this one is wrong.
    const wrong = path.join(path.dirname(db), 'two-newlines.txt');
    fs.writeFileSync(wrong, 'stdin passphrase 12\n\n');
    expectFailure(await run(['verify-audit', '--db', db, '--passphrase-file', wrong]), 1, /That recovery passphrase is not correct for this clinic file\./);
  });

  it('defaults --db to the app data folder ($XDG_CONFIG_HOME/Medtrack/medtrack.db on Linux)', async () => {
    const xdg = path.join(root, 'xdg');
    const r = await run(initArgs('unused').filter((a, i, all) => a !== '--db' && all[i - 1] !== '--db'), { env: { XDG_CONFIG_HOME: xdg } });
    expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(path.join(xdg, 'Medtrack', 'medtrack.db'))).toBe(true);
    expect(fs.existsSync(path.join(xdg, 'Medtrack', 'medtrack.db.keys.json'))).toBe(true);
  });

  it('prints the demo logins and their shared password', () => {
    const r = demoRun;
    for (const login of ['admin', 'prescriber1', 'nurse1', 'director']) expect(r.stdout).toMatch(new RegExp(`^  ${login} `, 'm'));
    expect(r.stdout).toContain('Password for every demo login: demo-password');
  });

  it("cannot be read by Debian's sqlite3 without the key", async (ctx) => {
    if (!fs.existsSync(SQLITE3)) {
      console.warn(`skipped: ${SQLITE3} is not installed (apt-get install sqlite3)`);
      ctx.skip();
    }
    for (const file of [clinicDb, demoDb]) {
      const r = spawnSync(SQLITE3, [file, 'SELECT count(*) FROM sqlite_master;'], { encoding: 'utf8' });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/file is not a database/);
    }
  });

  it('keeps patient names out of the file and its WAL in plaintext', async () => {
    const names = [...DEMO_FAMILY_NAMES, ...DEMO_GIVEN_NAMES];
    const plaintextHits = (file: string) => {
      if (!fs.existsSync(file)) return [];
      const bytes = fs.readFileSync(file);
      return names.filter((n) => bytes.includes(Buffer.from(n, 'utf8')) || bytes.includes(Buffer.from(n, 'utf16le')));
    };
    expect(plaintextHits(demoDb)).toEqual([]);
    expect(plaintextHits(`${demoDb}-wal`)).toEqual([]);

    // While a connection is open with checkpoints off, fresh writes sit only in the WAL.
    const db = copyClinic(demoDb, scratch('wal.db'));
    const h = await openWithKey(db);
    const stored = await h.db.selectFrom('patients').select(['family_name', 'given_name']).execute();
    expect(stored.length).toBeGreaterThan(0);
    expect(new Set(stored.map((p) => p.family_name))).toEqual(new Set(DEMO_FAMILY_NAMES));
    h.sqlite.pragma('wal_autocheckpoint = 0');
    h.sqlite
      .prepare('INSERT INTO settings (key, value_json, updated_at, updated_by) VALUES (?, ?, ?, NULL)')
      .run('test.note', JSON.stringify(names.join(' ')), NOW);
    expect(fs.statSync(`${db}-wal`).size).toBeGreaterThan(0);
    expect(plaintextHits(`${db}-wal`)).toEqual([]);
    expect(plaintextHits(db)).toEqual([]);
    await closeAll(h);
  });
});

describe('failures: exit 1, a clear message, nothing changed', () => {
  it('refuses a wrong passphrase and leaves the clinic file byte-for-byte unchanged', async () => {
    const wrong = path.join(root, 'wrong-passphrase.txt');
    fs.writeFileSync(wrong, 'not the passphrase at all\n');
    const before = snapshot(root);
    const r = await run(['verify-audit', '--db', clinicDb, '--passphrase-file', wrong]);
    expectFailure(r, 1, /^medtrack verify-audit: That recovery passphrase is not correct for this clinic file\.$/m);
    expect(snapshot(root)).toEqual(before);
  });

  it('refuses to overwrite an existing clinic', async () => {
    const before = snapshot(root);
    expectFailure(await run(initArgs(clinicDb)), 1, /already exists at .*clinic\.db; refusing to overwrite/);
    expectFailure(await run(['demo', '--db', clinicDb, '--passphrase-file', passFile]), 1, /refusing to overwrite/);
    expect(snapshot(root)).toEqual(before);
  });

  it('rejects weak secrets before creating anything', async () => {
    const db = scratch('weak.db');
    const short = path.join(path.dirname(db), 'short.txt');
    fs.writeFileSync(short, 'short\n');
    expectFailure(await run(initArgs(db).map((a) => (a === passFile ? short : a))), 1, /recovery passphrase must be at least 12 characters/);
    expectFailure(await run(initArgs(db).map((a) => (a === adminPwFile ? short : a))), 1, /--admin-password-file: The password must be at least 10 characters/);
    expect(fs.readdirSync(path.dirname(db))).toEqual(['short.txt']);
  });

  it('names missing and empty secret files', async () => {
    expectFailure(await run(['verify-audit', '--db', clinicDb, '--passphrase-file', 'nope.txt']), 1, /recovery passphrase file .*nope\.txt \(--passphrase-file\) does not exist/);
    const empty = scratch('empty.txt');
    fs.writeFileSync(empty, '\n');
    expectFailure(await run(['verify-audit', '--db', clinicDb, '--passphrase-file', empty]), 1, /is empty/);
  });

  it('explains files that are not clinic databases', async () => {
    expectFailure(await run(['verify-audit', '--db', 'absent.db', '--passphrase-file', passFile]), 1, /No clinic database at .*absent\.db/);

    const text = scratch('notes.txt');
    fs.writeFileSync(text, 'just some notes\n');
    expectFailure(await run(['verify-audit', '--db', text, '--passphrase-file', passFile]), 1, /key file .*notes\.txt\.keys\.json is missing/);

    // A plain SQLite file, even with a valid key file beside it.
    const plain = scratch('plain.db');
    new Database(plain).exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    fs.copyFileSync(`${clinicDb}.keys.json`, `${plain}.keys.json`);
    const plainBytes = fs.readFileSync(plain);
    expectFailure(await run(['verify-audit', '--db', plain, '--passphrase-file', passFile]), 1, /plain, unencrypted SQLite file/);
    expect(fs.readFileSync(plain).equals(plainBytes)).toBe(true);

    // Another clinic's key file: the passphrase is right, the key is not this file's.
    const other = copyClinic(demoDb, scratch('other.db'));
    fs.copyFileSync(`${clinicDb}.keys.json`, `${other}.keys.json`);
    const otherBytes = fs.readFileSync(other);
    expectFailure(await run(['verify-audit', '--db', other, '--passphrase-file', passFile]), 1, /The key does not open .*other\.db/);
    expect(fs.readFileSync(other).equals(otherBytes)).toBe(true);
  });
});

describe('verify-audit', () => {
  it('reports an intact chain with its length', async () => {
    const h = await openWithKey(demoDb);
    const { n } = await h.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await closeAll(h);
    expect(n).toBeGreaterThan(10);
    const r = await run(['verify-audit', '--db', demoDb, '--passphrase-file', passFile]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^Audit chain intact: ${n} entries`));
    expect(r.code).toBe(0);
  });

  it('names the entry that was altered after it was written', async () => {
    const db = copyClinic(demoDb, scratch('tampered.db'));
    await alterAuditEntry(db, 12);
    const r = await run(['verify-audit', '--db', db, '--passphrase-file', passFile]);
    expectFailure(r, 1, /Audit chain BROKEN at entry #12: its contents were changed after it was written/);
  });
});

describe('backup and restore', () => {
  let backup: string;
  let backupStdout: string;
  beforeAll(async () => {
    backup = scratch('backup.db');
    const r = await run(['backup', '--db', demoDb, '--out', backup, '--passphrase-file', passFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Backup written: .*backup\.db .*integrity ok, audit chain intact: \d+ entries/);
    backupStdout = r.stdout;
  });

  it('prints the audit anchor of the copy, which verify-audit then accepts on the clinic file and the backup', async () => {
    const entries = /audit chain intact: (\d+) entries/.exec(backupStdout)![1];
    const anchor = new RegExp(`^Anchor: (${entries}:[0-9a-f]{64}) `, 'm').exec(backupStdout)?.[1];
    expect(anchor).toBeDefined();
    for (const db of [demoDb, backup]) {
      const r = await run(['verify-audit', '--db', db, '--passphrase-file', passFile, '--anchor', anchor!]);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain(`anchor #${entries} still holds`);
    }
  });

  it('writes an encrypted copy and a portable key file', () => {
    expect(fs.existsSync(backup)).toBe(true);
    const keys = JSON.parse(fs.readFileSync(`${backup}.keys.json`, 'utf8')) as Record<string, unknown>;
    expect(keys.format).toBe('medtrack-keys');
    expect(keys.os).toBeUndefined();
    expect(fs.readFileSync(backup).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(fs.existsSync(`${backup}-wal`)).toBe(false);
  });

  it('refuses a backup of another clinic, naming both, and changes nothing', async () => {
    const target = copyClinic(clinicDb, scratch('target.db'));
    const ids = [backup, target].map((f) => (JSON.parse(fs.readFileSync(`${f}.keys.json`, 'utf8')) as { clinicId: string }).clinicId);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
    const before = snapshot(path.dirname(target));
    const r = await run(['restore', '--from', backup, '--db', target, '--passphrase-file', passFile]);
    expectFailure(r, 1, new RegExp(`another clinic \\(clinic id ${ids[0]}\\) than .*target\\.db \\(clinic id ${ids[1]}\\).*--replace-with-other-clinic`));
    expect(snapshot(path.dirname(target))).toEqual(before);
  });

  it('restores a backup of the same clinic without being asked twice', async () => {
    const target = copyClinic(demoDb, scratch('same.db'));
    const r = await run(['restore', '--from', backup, '--db', target, '--passphrase-file', passFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The backup is of the clinic "');
    expect(r.stdout).not.toContain('another clinic');
  });

  it('restores over another clinic when asked by name, keeping the previous file', async () => {
    const target = copyClinic(clinicDb, scratch('target.db'));
    const r = await run(['restore', '--from', backup, '--db', target, '--passphrase-file', passFile, '--replace-with-other-clinic']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const aside = `${target}.before-restore-20260301T120000Z`;
    expect(r.stdout).toContain(`The previous file was kept as ${aside}`);

    const restored = await openWithKey(target);
    expect((await restored.db.selectFrom('patients').select('id').execute()).length).toBeGreaterThan(0);
    await closeAll(restored);
    expect(fs.readFileSync(`${target}.keys.json`).equals(fs.readFileSync(`${backup}.keys.json`))).toBe(true);

    const previous = await openWithKey(aside);
    const name = await previous.db.selectFrom('settings').select('value_json').where('key', '=', 'clinic.name').executeTakeFirstOrThrow();
    expect(JSON.parse(name.value_json)).toBe('Zebra Lake Recovery');
    await closeAll(previous);
    expect((await run(['verify-audit', '--db', target, '--passphrase-file', passFile])).code).toBe(0);
  });

  it('restores onto a new workstation where there is no clinic file yet', async () => {
    const target = path.join(root, 'fresh-machine', 'Medtrack', 'medtrack.db');
    const r = await run(['restore', '--from', backup, '--db', target, '--passphrase-file', passFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('There was no previous file');
    expect(fs.readdirSync(path.dirname(target)).sort()).toEqual(['medtrack.db', 'medtrack.db.keys.json']);
  });

  it('refuses to overwrite an existing --out', async () => {
    const before = snapshot(path.dirname(backup));
    expectFailure(await run(['backup', '--db', demoDb, '--out', backup, '--passphrase-file', passFile]), 1, /already exists; refusing to overwrite/);
    expect(snapshot(path.dirname(backup))).toEqual(before);
  });

  it('removes the copy when it fails its checks', async () => {
    const source = copyClinic(demoDb, scratch('tampered-source.db'));
    await alterAuditEntry(source, 5);
    const out = path.join(path.dirname(source), 'out.db');
    expectFailure(await run(['backup', '--db', source, '--out', out, '--passphrase-file', passFile]), 1, /backup copy .*Audit chain BROKEN at entry #5/);
    expect(fs.readdirSync(path.dirname(source)).sort()).toEqual(['tampered-source.db', 'tampered-source.db.keys.json']);
  });

  describe('refuses a bad backup and leaves the target unchanged', () => {
    const refuse = async (prepare: (copy: string) => Promise<void> | void, pattern: RegExp, passphraseFile = () => passFile) => {
      const bad = copyClinic(backup, scratch('bad-backup.db'));
      await prepare(bad);
      const target = copyClinic(demoDb, scratch('target.db'));
      const before = { target: snapshot(path.dirname(target)), backup: snapshot(path.dirname(bad)) };
      expectFailure(await run(['restore', '--from', bad, '--db', target, '--passphrase-file', passphraseFile()]), 1, pattern);
      expect(snapshot(path.dirname(target))).toEqual(before.target);
      expect(snapshot(path.dirname(bad))).toEqual(before.backup);
    };

    it('with an altered audit entry', () => refuse((f) => alterAuditEntry(f, 20), /backup .*bad-backup\.db: Audit chain BROKEN at entry #20/));

    it('with damaged pages', () =>
      refuse((f) => {
        const fd = fs.openSync(f, 'r+');
        fs.writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, 20 * 4096 + 100);
        fs.closeSync(fd);
      }, /bad-backup\.db is damaged/));

    it('with a damaged first page', () =>
      refuse((f) => {
        const fd = fs.openSync(f, 'r+');
        fs.writeSync(fd, Buffer.alloc(64, 0), 0, 64, 0);
        fs.closeSync(fd);
      }, /The key does not open .*bad-backup\.db/));

    it('from a newer Medtrack', () =>
      refuse(async (f) => {
        const h = await openWithKey(f);
        await h.db.insertInto('schema_migrations').values({ version: latestSchemaVersion + 1, name: 'future', applied_at: NOW }).execute();
        await closeAll(h);
      }, /bad-backup\.db was written by a newer Medtrack/));

    it('without its key file', () => refuse((f) => fs.rmSync(`${f}.keys.json`), /key file .*bad-backup\.db\.keys\.json is missing/));

    it('with the wrong passphrase', () =>
      refuse(
        () => undefined,
        /That recovery passphrase is not correct/,
        () => {
          const f = scratch('wrong.txt');
          fs.writeFileSync(f, 'some other passphrase');
          return f;
        },
      ));
  });
});

describe('bin/medtrack.js', () => {
  it('runs the built command line', () => {
    const built = path.join(REPO, 'dist', 'main', 'cli', 'index.js');
    if (!fs.existsSync(built)) {
      throw new Error(`${built} is missing: run "npm run build:core" before this test (npm test builds first).`);
    }
    const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'medtrack.js'), '--help'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: medtrack <command>/);
    expect(r.stdout).toContain('verify-audit');
  });

  it('says to build first when dist/ is missing', () => {
    const bin = scratch('medtrack.js');
    fs.copyFileSync(path.join(REPO, 'bin', 'medtrack.js'), bin);
    const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/run npm run build first/);
  });
});
