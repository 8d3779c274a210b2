import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WrongKeyError } from '../../db/errors';
import { openClinicDatabase } from '../../db/open';
import { unwrapKey } from '../../main/app/clinicFile';
import { pendingKeyFilePathFor } from '../../main/app/keyChanges';
import { runCli } from '../support/cli';
import { makeTempDir } from '../support/tempdb';

/*
 * Key custody (issue 10, item 11): rekey the database and change the recovery passphrase from
 * the command line; old backups keep opening with their own key files; a rekey killed at any step
 * leaves a file the next unlock opens.
 */
const REPO = path.resolve(__dirname, '../..');
const NOW = '2026-03-01T12:00:00.000Z';
const PASSPHRASE = 'clinic recovery passphrase one';
let root: string;
let clinic: string;
let backup: string;
let passFile: string;

const cli = (argv: string[]) => runCli(argv, { now: NOW, cwd: root, home: root, env: {} });

function copyClinic(name: string): string {
  const file = path.join(fs.mkdtempSync(path.join(root, `${name}-`)), 'medtrack.db');
  fs.copyFileSync(clinic, file);
  fs.copyFileSync(`${clinic}.keys.json`, `${file}.keys.json`);
  return file;
}

async function patientsIn(file: string, passphrase = PASSPHRASE): Promise<number> {
  const h = await openClinicDatabase({ file, key: unwrapKey(file, passphrase), migrate: false });
  try {
    return (await h.db.selectFrom('users').select('id').execute()).length;
  } finally {
    await h.close();
  }
}

beforeAll(async () => {
  root = makeTempDir('medtrack-keys-');
  passFile = path.join(root, 'pass.txt');
  fs.writeFileSync(passFile, PASSPHRASE);
  const pw = path.join(root, 'admin.txt');
  fs.writeFileSync(pw, 'admin-password-1');
  clinic = path.join(root, 'clinic', 'medtrack.db');
  const init = await cli(['init', '--clinic-name', 'Keys Clinic', '--admin-login', 'admin', '--admin-name', 'Admin Example', '--admin-password-file', pw, '--passphrase-file', passFile, '--db', clinic]);
  expect(init.code, init.stderr).toBe(0);
  backup = path.join(root, 'before.db');
  expect((await cli(['backup', '--db', clinic, '--out', backup, '--passphrase-file', passFile])).code).toBe(0);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('medtrack rekey', () => {
  it('re-encrypts under a new key that the same passphrase opens; the old key no longer does; old backups still restore', async () => {
    const file = copyClinic('rekey');
    const oldKey = unwrapKey(file, PASSPHRASE);
    const r = await cli(['rekey', '--db', file, '--passphrase-file', passFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Re-encrypted .* under a new key/);
    expect(unwrapKey(file, PASSPHRASE).equals(oldKey)).toBe(false);
    await expect(openClinicDatabase({ file, key: oldKey, migrate: false })).rejects.toBeInstanceOf(WrongKeyError);
    expect(await patientsIn(file)).toBe(1);
    expect((await cli(['verify-audit', '--db', file, '--passphrase-file', passFile])).code).toBe(0);
    const clinicId = (f: string) => (JSON.parse(fs.readFileSync(`${f}.keys.json`, 'utf8')) as { clinicId: string }).clinicId;
    expect(clinicId(file)).toBe(clinicId(clinic));
    // The backup taken before the rekey restores over the rekeyed file, with its own key file.
    const restored = await cli(['restore', '--from', backup, '--db', file, '--passphrase-file', passFile]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(unwrapKey(file, PASSPHRASE).equals(oldKey)).toBe(true);
  });

  it('refuses a wrong passphrase and changes nothing', async () => {
    const file = copyClinic('wrong');
    const before = [fs.readFileSync(file), fs.readFileSync(`${file}.keys.json`)];
    const wrong = path.join(root, 'wrong.txt');
    fs.writeFileSync(wrong, 'not the passphrase at all');
    const r = await cli(['rekey', '--db', file, '--passphrase-file', wrong]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/recovery passphrase is not correct/);
    expect([fs.readFileSync(file), fs.readFileSync(`${file}.keys.json`)]).toEqual(before);
  });

  it.each([
    ['after-pending', 'keeps the old key'],
    ['after-rekey', 'finishes with the new key'],
  ])('killed %s: the next unlock opens the file and %s', async (step) => {
    const file = copyClinic(step);
    const oldKey = unwrapKey(file, PASSPHRASE);
    const outcome = await new Promise<string | number | null>((resolve) => {
      const child = spawn(process.execPath, [path.join(REPO, 'bin', 'medtrack.js'), 'rekey', '--db', file, '--passphrase-file', passFile], {
        env: { ...process.env, MEDTRACK_REKEY_CRASH_AT: step },
        stdio: 'ignore',
      });
      child.on('exit', (code, signal) => resolve(signal ?? code));
    });
    expect(outcome).toBe('SIGKILL');
    expect(fs.existsSync(pendingKeyFilePathFor(file))).toBe(true);
    const r = await cli(['verify-audit', '--db', file, '--passphrase-file', passFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(pendingKeyFilePathFor(file))).toBe(false);
    expect(unwrapKey(file, PASSPHRASE).equals(oldKey)).toBe(step === 'after-pending');
    expect(await patientsIn(file)).toBe(1);
  });
});

describe('medtrack change-passphrase', () => {
  it('the new passphrase opens the file, the old one no longer does, and a backup keeps its own', async () => {
    const file = copyClinic('change');
    const next = path.join(root, 'next.txt');
    fs.writeFileSync(next, 'a brand new recovery passphrase');
    const r = await cli(['change-passphrase', '--db', file, '--passphrase-file', passFile, '--new-passphrase-file', next]);
    expect(r.code, r.stderr).toBe(0);
    expect(() => unwrapKey(file, PASSPHRASE)).toThrow(/not correct/);
    expect(await patientsIn(file, 'a brand new recovery passphrase')).toBe(1);
    expect(await patientsIn(backup)).toBe(1);
  });

  it('refuses a new passphrase that is too short, changing nothing', async () => {
    const file = copyClinic('short');
    const before = fs.readFileSync(`${file}.keys.json`);
    const short = path.join(root, 'short.txt');
    fs.writeFileSync(short, 'short');
    const r = await cli(['change-passphrase', '--db', file, '--passphrase-file', passFile, '--new-passphrase-file', short]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/at least 12 characters/);
    expect(fs.readFileSync(`${file}.keys.json`)).toEqual(before);
  });
});
