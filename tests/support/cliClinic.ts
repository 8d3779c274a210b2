import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../db/open';
import { unwrapKey } from '../../main/app/clinicFile';
import { runCli, type CliRun } from './cli';
import { makeTempDir } from './tempdb';

/*
 * The command-line suites' shared fixture: the command line run in-process through main()
 * against real encrypted temp files. Each suite that calls useCliClinic() gets its own folder
 * with a clinic made by `init` and a demo clinic made by `demo` (built once per suite, a few
 * seconds); tests that damage a file work on copies of them.
 */

export const PASSPHRASE = 'correct horse battery staple';
export const ADMIN_PASSWORD = 'admin-password-1';
export const NOW = '2026-03-01T12:00:00.000Z';
export const SQLITE3 = '/usr/bin/sqlite3';
export const REPO = path.resolve(__dirname, '../..');

export type RunResult = CliRun;

/** The suite's folders and files, filled in by useCliClinic's beforeAll. */
export interface CliClinic {
  root: string;
  home: string;
  passFile: string;
  adminPwFile: string;
  clinicDb: string;
  demoDb: string;
  demoRun: RunResult;
}

const cli = {} as CliClinic;

export function run(argv: string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<RunResult> {
  return runCli(argv, { now: NOW, cwd: cli.root, home: cli.home, stdin: opts.stdin, env: { XDG_CONFIG_HOME: path.join(cli.home, 'config'), ...opts.env } });
}

/** A fresh folder under the test root, and a path in it. */
export function scratch(name: string): string {
  const dir = fs.mkdtempSync(path.join(cli.root, 'case-'));
  return path.join(dir, name);
}

export function copyClinic(from: string, to: string): string {
  fs.copyFileSync(from, to);
  fs.copyFileSync(`${from}.keys.json`, `${to}.keys.json`);
  return to;
}

/** Opens a clinic file the way an administrator with the passphrase could, bypassing the CLI. */
export async function openWithKey(file: string): Promise<ClinicDatabase> {
  // Copies share their original's key file; scrypt once per key file keeps the suite quick.
  const keyFile = fs.readFileSync(`${file}.keys.json`, 'utf8');
  let key = keys.get(keyFile);
  if (!key) keys.set(keyFile, (key = unwrapKey(file, PASSPHRASE)));
  return openClinicDatabase({ file, key, migrate: false });
}
const keys = new Map<string, Buffer>();

/** close() leaves the connection open when only raw SQL ran (see the report); close it too. */
export async function closeAll(h: ClinicDatabase): Promise<void> {
  await h.close();
  if (h.sqlite.open) h.sqlite.close();
}

export async function alterAuditEntry(file: string, id: number): Promise<void> {
  const h = await openWithKey(file);
  h.sqlite.exec('DROP TRIGGER audit_log_no_update');
  const changed = h.sqlite.prepare(`UPDATE audit_log SET reason = 'quietly edited' WHERE id = ?`).run(id);
  expect(changed.changes).toBe(1);
  await closeAll(h);
}

/** Byte-for-byte contents of a folder, to prove a failed command changed nothing. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isFile()) out[name] = fs.readFileSync(p).toString('base64');
  }
  return out;
}

const oneLine = (s: string) => s.trimEnd().split('\n').length === 1;

export function expectFailure(r: RunResult, code: 1 | 2, pattern: RegExp): void {
  expect(r.stderr).toMatch(pattern);
  expect(oneLine(r.stderr), r.stderr).toBe(true);
  expect(r.stdout).toBe('');
  expect(r.code).toBe(code);
}

export const initArgs = (db: string, extra: string[] = []) => [
  'init', '--db', db, '--clinic-name', 'Zebra Lake Recovery', '--admin-login', 'admin', '--admin-name', 'Ada Admin',
  '--admin-password-file', cli.adminPwFile, '--passphrase-file', cli.passFile, ...extra,
];

/** Registers the suite's beforeAll (init and demo clinics) and afterAll; returns its files. */
export function useCliClinic(): Readonly<CliClinic> {
  beforeAll(async () => {
    cli.root = makeTempDir('medtrack-cli-');
    cli.home = path.join(cli.root, 'home');
    fs.mkdirSync(cli.home);
    cli.passFile = path.join(cli.root, 'passphrase.txt');
    fs.writeFileSync(cli.passFile, `${PASSPHRASE}\n`);
    cli.adminPwFile = path.join(cli.root, 'admin-password.txt');
    fs.writeFileSync(cli.adminPwFile, `${ADMIN_PASSWORD}\n`);
    cli.clinicDb = path.join(cli.root, 'clinic.db');
    cli.demoDb = path.join(cli.root, 'demo.db');
    const init = await run(initArgs(cli.clinicDb));
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    cli.demoRun = await run(['demo', '--db', cli.demoDb, '--passphrase-file', cli.passFile]);
    expect(cli.demoRun.stderr).toBe('');
    expect(cli.demoRun.code).toBe(0);
  }, 60_000);

  afterAll(() => {
    fs.rmSync(cli.root, { recursive: true, force: true });
  });
  return cli;
}
