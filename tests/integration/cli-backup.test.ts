import fs from 'node:fs';
import path from 'node:path';
import { latestSchemaVersion } from '../../migrations';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOW, run, scratch, copyClinic, openWithKey, closeAll, alterAuditEntry, snapshot, expectFailure, useCliClinic } from '../support/cliClinic';

/*
 * The command line's backup and restore: the copy, its anchor, and the refusals that leave the target unchanged.
 * Set-up and helpers: tests/support/cliClinic.ts.
 */
const cli = useCliClinic();

describe('backup and restore', () => {
  let backup: string;
  let backupStdout: string;
  beforeAll(async () => {
    backup = scratch('backup.db');
    const r = await run(['backup', '--db', cli.demoDb, '--out', backup, '--passphrase-file', cli.passFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Backup written: .*backup\.db .*integrity ok, audit chain intact: \d+ entries/);
    backupStdout = r.stdout;
  });

  it('prints the audit anchor of the copy, which verify-audit then accepts on the clinic file and the backup', async () => {
    const entries = /audit chain intact: (\d+) entries/.exec(backupStdout)![1];
    const anchor = new RegExp(`^Anchor: (${entries}:[0-9a-f]{64}) `, 'm').exec(backupStdout)?.[1];
    expect(anchor).toBeDefined();
    for (const db of [cli.demoDb, backup]) {
      const r = await run(['verify-audit', '--db', db, '--passphrase-file', cli.passFile, '--anchor', anchor!]);
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
    const target = copyClinic(cli.clinicDb, scratch('target.db'));
    const ids = [backup, target].map((f) => (JSON.parse(fs.readFileSync(`${f}.keys.json`, 'utf8')) as { clinicId: string }).clinicId);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
    const before = snapshot(path.dirname(target));
    const r = await run(['restore', '--from', backup, '--db', target, '--passphrase-file', cli.passFile]);
    expectFailure(r, 1, new RegExp(`another clinic \\(clinic id ${ids[0]}\\) than .*target\\.db \\(clinic id ${ids[1]}\\).*--replace-with-other-clinic`));
    expect(snapshot(path.dirname(target))).toEqual(before);
  });

  it('restores a backup of the same clinic without being asked twice', async () => {
    const target = copyClinic(cli.demoDb, scratch('same.db'));
    const r = await run(['restore', '--from', backup, '--db', target, '--passphrase-file', cli.passFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The backup is of the clinic "');
    expect(r.stdout).not.toContain('another clinic');
  });

  it('restores over another clinic when asked by name, keeping the previous file', async () => {
    const target = copyClinic(cli.clinicDb, scratch('target.db'));
    const r = await run(['restore', '--from', backup, '--db', target, '--passphrase-file', cli.passFile, '--replace-with-other-clinic']);
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
    expect((await run(['verify-audit', '--db', target, '--passphrase-file', cli.passFile])).code).toBe(0);
  });

  it('restores onto a new workstation where there is no clinic file yet', async () => {
    const target = path.join(cli.root, 'fresh-machine', 'Medtrack', 'medtrack.db');
    const r = await run(['restore', '--from', backup, '--db', target, '--passphrase-file', cli.passFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('There was no previous file');
    expect(fs.readdirSync(path.dirname(target)).sort()).toEqual(['medtrack.db', 'medtrack.db.keys.json']);
  });

  it('refuses to overwrite an existing --out', async () => {
    const before = snapshot(path.dirname(backup));
    expectFailure(await run(['backup', '--db', cli.demoDb, '--out', backup, '--passphrase-file', cli.passFile]), 1, /already exists; refusing to overwrite/);
    expect(snapshot(path.dirname(backup))).toEqual(before);
  });

  it('removes the copy when it fails its checks', async () => {
    const source = copyClinic(cli.demoDb, scratch('tampered-source.db'));
    await alterAuditEntry(source, 5);
    const out = path.join(path.dirname(source), 'out.db');
    expectFailure(await run(['backup', '--db', source, '--out', out, '--passphrase-file', cli.passFile]), 1, /backup copy .*Audit chain BROKEN at entry #5/);
    expect(fs.readdirSync(path.dirname(source)).sort()).toEqual(['tampered-source.db', 'tampered-source.db.keys.json']);
  });

  describe('refuses a bad backup and leaves the target unchanged', () => {
    const refuse = async (prepare: (copy: string) => Promise<void> | void, pattern: RegExp, passphraseFile = () => cli.passFile) => {
      const bad = copyClinic(backup, scratch('bad-backup.db'));
      await prepare(bad);
      const target = copyClinic(cli.demoDb, scratch('target.db'));
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
