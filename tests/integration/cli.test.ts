import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { COMMANDS } from '../../main/cli';
import { DEMO_FAMILY_NAMES, DEMO_GIVEN_NAMES } from '../../main/demo/names';
import { unwrapKey } from '../../main/app/clinicFile';
import { describe, expect, it } from 'vitest';
import { PASSPHRASE, NOW, SQLITE3, REPO, run, scratch, copyClinic, openWithKey, closeAll, snapshot, expectFailure, initArgs, useCliClinic } from '../support/cliClinic';

/*
 * The command line: help, usage errors, init and demo, and the built bin/medtrack.js.
 * Set-up and helpers: tests/support/cliClinic.ts.
 */
const cli = useCliClinic();

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
    expect((await run(['backup', '--help'])).stdout).toContain(path.join(cli.home, 'config', 'Medtrack', 'medtrack.db'));
  });
});

describe('usage errors: exit 2, one line on stderr, nothing created', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    ['unknown command', () => ['frobnicate'], /unknown command "frobnicate"/],
    ['option before the command', () => ['--db', 'x'], /unknown option --db/],
    ['unknown flag', () => ['verify-audit', '--frob', '--passphrase-file', cli.passFile], /unknown option --frob/],
    ['a secret on the command line', () => ['backup', '--passphrase=hunter2-hunter2', '--out', 'b.db'], /unknown option --passphrase; secrets are read from files/],
    ['missing required flag', () => ['backup', '--passphrase-file', cli.passFile], /missing --out FILE/],
    ['flag without its value', () => ['backup', '--passphrase-file', cli.passFile, '--out'], /--out FILE: the value is missing/],
    ['flag followed by another flag', () => ['backup', '--out', '--passphrase-file', cli.passFile], /--out FILE: the value is missing/],
    ['empty value', () => ['backup', '--out', '', '--passphrase-file', cli.passFile], /--out must not be empty/],
    ['flag given twice', () => ['verify-audit', '--db', 'a', '--db', 'b', '--passphrase-file', cli.passFile], /--db is given more than once/],
    ['stray argument', () => ['verify-audit', 'clinic.db', '--passphrase-file', cli.passFile], /unexpected argument "clinic.db"/],
    ['invalid time zone', () => initArgs('new.db', ['--time-zone', 'Mars/Olympus_Mons']), /--time-zone "Mars\/Olympus_Mons" is not an IANA time zone/],
    ['both secrets from stdin', () => ['init', '--db', 'new.db', '--clinic-name', 'X', '--admin-login', 'a', '--admin-name', 'A', '--admin-password-file', '-', '--passphrase-file', '-'], /cannot both read standard input/],
    ['malformed login', () => initArgs('new.db').map((a) => (a === 'admin' ? 'ad min!' : a)), /--admin-login: Letters, digits/],
    ['demo without --db', () => ['demo', '--passphrase-file', cli.passFile], /missing --db PATH/],
    ['restore onto its own backup', () => ['restore', '--from', 'x.db', '--db', 'x.db', '--passphrase-file', cli.passFile], /same file/],
    ['help for an unknown command', () => ['help', 'frobnicate'], /unknown command "frobnicate"/],
  ];
  it.each(cases)('%s', async (_name, argv, pattern) => {
    const before = snapshot(cli.root);
    const r = await run(argv(), { stdin: `${PASSPHRASE}\n` });
    expectFailure(r, 2, pattern);
    expect(r.stderr).not.toContain('hunter2');
    expect(snapshot(cli.root)).toEqual(before);
  });
});

describe('init and demo', () => {
  it('creates an encrypted clinic whose administrator and settings are in place', async () => {
    const h = await openWithKey(cli.clinicDb);
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
    const r = await run(initArgs(db).map((a) => (a === cli.passFile ? '-' : a)), { stdin: 'stdin passphrase 12\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(() => unwrapKey(db, 'stdin passphrase 12').fill(0)).not.toThrow();
    // A second newline is part of the secret, so this one is wrong.
    const wrong = path.join(path.dirname(db), 'two-newlines.txt');
    fs.writeFileSync(wrong, 'stdin passphrase 12\n\n');
    expectFailure(await run(['verify-audit', '--db', db, '--passphrase-file', wrong]), 1, /That recovery passphrase is not correct for this clinic file\./);
  });

  it('defaults --db to the app data folder ($XDG_CONFIG_HOME/Medtrack/medtrack.db on Linux)', async () => {
    const xdg = path.join(cli.root, 'xdg');
    const r = await run(initArgs('unused').filter((a, i, all) => a !== '--db' && all[i - 1] !== '--db'), { env: { XDG_CONFIG_HOME: xdg } });
    expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(path.join(xdg, 'Medtrack', 'medtrack.db'))).toBe(true);
    expect(fs.existsSync(path.join(xdg, 'Medtrack', 'medtrack.db.keys.json'))).toBe(true);
  });

  it('prints the demo logins and their shared password', () => {
    const r = cli.demoRun;
    for (const login of ['admin', 'prescriber1', 'nurse1', 'director']) expect(r.stdout).toMatch(new RegExp(`^  ${login} `, 'm'));
    expect(r.stdout).toContain('Password for every demo login: demo-password');
  });

  it("cannot be read by Debian's sqlite3 without the key", async (ctx) => {
    if (!fs.existsSync(SQLITE3)) {
      console.warn(`skipped: ${SQLITE3} is not installed (apt-get install sqlite3)`);
      ctx.skip();
    }
    for (const file of [cli.clinicDb, cli.demoDb]) {
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
    expect(plaintextHits(cli.demoDb)).toEqual([]);
    expect(plaintextHits(`${cli.demoDb}-wal`)).toEqual([]);

    // While a connection is open with checkpoints off, fresh writes sit only in the WAL.
    const db = copyClinic(cli.demoDb, scratch('wal.db'));
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
