import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/app/clinicApp';
import { openWithPassphrase } from '../../main/app/clinicFile';
import { fixedClock } from '../../main/clock';
import { noOsKeyStore } from '../../main/keys/keyStore';
import { journalPathFor } from '../../main/app/restoreSwap';
import { runCli } from '../support/cli';
import { makeTempDir } from '../support/tempdb';

/*
 * Restore is killed (SIGKILL) at every step of the swap and at random moments, then the clinic
 * file is opened the way the app and the command line open it. Whatever the moment, the result
 * is one whole clinic: the previous one (killed before the restore was decided) or the restored
 * one (after), never a missing file (which the app would offer to set up anew) and never a mix.
 */

const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin', 'medtrack.js');
const NOW = '2026-03-01T12:00:00.000Z';
const STEPS = ['after-staging', 'after-aside', 'before-journal', 'after-journal', 'apply-db', 'apply-wal', 'apply-shm', 'apply-keys', 'after-done'];
const DECIDED = new Set(['after-journal', 'apply-db', 'apply-wal', 'apply-shm', 'apply-keys', 'after-done']);

let root: string;
let clinicA: string;
let backupB: string;
const pass = { a: '', b: '' };

async function cli(argv: string[]): Promise<void> {
  const r = await runCli(argv, { now: NOW, cwd: root, home: root, env: {} });
  if (r.code !== 0) throw new Error(`medtrack ${argv[0]} failed: ${r.stderr}`);
}

async function initClinic(name: string, file: string, passFile: string): Promise<void> {
  const pw = path.join(root, `${name}-admin.txt`);
  fs.writeFileSync(pw, 'admin-password-1');
  await cli(['init', '--clinic-name', name, '--admin-login', 'admin', '--admin-name', 'Admin Example', '--admin-password-file', pw, '--passphrase-file', passFile, '--db', file]);
}

/** Opens as the app does (finishing an interrupted restore first) and says which clinic it is. */
async function whichClinic(file: string): Promise<'A' | 'B'> {
  for (const [label, passFile] of [['A', pass.a], ['B', pass.b]] as const) {
    let handle;
    try {
      handle = await openWithPassphrase(file, fs.readFileSync(passFile, 'utf8').trim(), undefined, { migrate: false });
    } catch (err) {
      if ((err as { code?: string }).code === 'WRONG_PASSPHRASE') continue;
      throw err;
    }
    try {
      const row = await handle.db.selectFrom('settings').select('value_json').where('key', '=', 'clinic.name').executeTakeFirstOrThrow();
      const name = JSON.parse(row.value_json) as string;
      const check = handle.sqlite.pragma('integrity_check', { simple: true });
      expect(check).toBe('ok');
      expect(name).toBe(label === 'A' ? 'Clinic A' : 'Clinic B');
      return label;
    } finally {
      await handle.close();
    }
  }
  throw new Error(`${file} opens with neither clinic's passphrase`);
}

function restoreChild(target: string, env: Record<string, string>, killAfterMs?: number): Promise<number | string | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'restore', '--from', backupB, '--db', target, '--passphrase-file', pass.b, '--replace-with-other-clinic'], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => resolve(signal ?? code));
  });
}

function freshTarget(n: string): string {
  const dir = fs.mkdtempSync(path.join(root, `case-${n}-`));
  const target = path.join(dir, 'medtrack.db');
  fs.copyFileSync(clinicA, target);
  fs.copyFileSync(`${clinicA}.keys.json`, `${target}.keys.json`);
  return target;
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(REPO, 'dist', 'main', 'cli', 'index.js'))) {
    throw new Error('dist/main/cli/index.js is missing: run "npm run build:core" before this test (npm test builds first).');
  }
  root = makeTempDir('medtrack-restore-crash-');
  pass.a = path.join(root, 'pass-a.txt');
  pass.b = path.join(root, 'pass-b.txt');
  fs.writeFileSync(pass.a, 'clinic a recovery passphrase');
  fs.writeFileSync(pass.b, 'clinic b recovery passphrase');
  clinicA = path.join(root, 'a', 'medtrack.db');
  const clinicB = path.join(root, 'b', 'medtrack.db');
  await initClinic('Clinic A', clinicA, pass.a);
  await initClinic('Clinic B', clinicB, pass.b);
  backupB = path.join(root, 'backup-b.db');
  await cli(['backup', '--db', clinicB, '--out', backupB, '--passphrase-file', pass.b]);
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('restore killed mid-way', () => {
  it.each(STEPS)('at %s leaves one whole clinic, and the next open finishes a decided restore', async (step) => {
    const target = freshTarget(step);
    const outcome = await restoreChild(target, { MEDTRACK_RESTORE_CRASH_AT: step });
    expect(outcome).toBe('SIGKILL');
    const expected = DECIDED.has(step) ? 'B' : 'A';
    expect(await whichClinic(target)).toBe(expected);
    expect(fs.existsSync(journalPathFor(target))).toBe(false);
    // The previous clinic is kept once the restore has begun replacing it.
    if (expected === 'B') {
      const aside = fs.readdirSync(path.dirname(target)).find((f) => /^medtrack\.db\.before-restore-[0-9TZ]+$/.test(f));
      expect(aside).toBeDefined();
      expect(await whichClinic(path.join(path.dirname(target), aside!))).toBe('A');
    }
  });

  it('at 12 random moments leaves one whole clinic every time', async () => {
    // Time one whole restore on this machine, then kill anywhere from startup to its end.
    const started = Date.now();
    expect(await restoreChild(freshTarget('timed'), {})).toBe(0);
    const span = Date.now() - started;
    const seen = { A: 0, B: 0 };
    for (let i = 0; i < 12; i++) {
      const target = freshTarget(`random-${i}`);
      await restoreChild(target, {}, Math.floor(span * (0.5 + ((i * 7919) % 12) / 20)));
      seen[await whichClinic(target)]++;
    }
    console.log(`[restore-crash] 12 kills over a ${span} ms restore: ${seen.A} left the previous clinic, ${seen.B} the restored one`);
    expect(seen.A + seen.B).toBe(12);
  }, 240_000);

  it('a second restore after a crash before it was decided clears the stray staging files', async () => {
    const target = freshTarget('stray');
    await restoreChild(target, { MEDTRACK_RESTORE_CRASH_AT: 'after-staging' });
    expect(fs.readdirSync(path.dirname(target)).some((f) => f.includes('restore-staging'))).toBe(true);
    expect(await restoreChild(target, {})).toBe(0);
    expect(fs.readdirSync(path.dirname(target)).some((f) => f.includes('restore-staging'))).toBe(false);
    expect(await whichClinic(target)).toBe('B');
  });
});

describe('after a restore onto a new workstation is killed once decided', () => {
  it('the app finishes it at launch instead of offering to set up a new clinic', async () => {
    const dataDir = fs.mkdtempSync(path.join(root, 'new-machine-'));
    const target = path.join(dataDir, 'medtrack.db');
    expect(await restoreChild(target, { MEDTRACK_RESTORE_CRASH_AT: 'after-journal' })).toBe('SIGKILL');
    expect(fs.existsSync(target)).toBe(false);
    const app = new ClinicApp({ dataDir, keyStore: noOsKeyStore, clock: fixedClock(NOW) });
    const status = await app.start();
    expect(status.phase).toBe('locked');
    expect(fs.existsSync(journalPathFor(target))).toBe(false);
    expect(await whichClinic(target)).toBe('B');
  });
});

describe('clinic identity', () => {
  it('a key file from before clinic identities gets one at its next unlock, and keeps it', async () => {
    const target = freshTarget('legacy');
    const keyPath = `${target}.keys.json`;
    const { clinicId: _dropped, ...legacy } = JSON.parse(fs.readFileSync(keyPath, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(keyPath, JSON.stringify(legacy));
    expect(await whichClinic(target)).toBe('A');
    const id = (JSON.parse(fs.readFileSync(keyPath, 'utf8')) as { clinicId?: string }).clinicId;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await whichClinic(target);
    expect((JSON.parse(fs.readFileSync(keyPath, 'utf8')) as { clinicId?: string }).clinicId).toBe(id);
  });
});
