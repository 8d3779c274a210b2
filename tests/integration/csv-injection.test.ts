import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../main/services/csv';
import { passwordFor, seedStaff, startTestApp, TEST_ADMIN, TEST_PASSPHRASE, type TestApp } from '../support/app';
import { runCli } from '../support/cli';

/**
 * Issue 10, defect 3: a staff name such as =HYPERLINK(...) came out verbatim in the audit CSV,
 * where a spreadsheet runs it. Every CSV the app writes (the screen's download is the API's
 * content; the command line prints the same) starts such a cell with an apostrophe.
 */
const HOSTILE = ['=HYPERLINK("http://evil.example","Click")', '+SUM(1,2)', '-2+3', '@SUM(A1)', '=1+1\nsecond line'];
const NOW = '2026-06-01T14:00:00.000Z';
let t: TestApp;

const cellsOf = (csv: string) => Papa.parse<string[]>(csv.trim(), { newline: '\r\n' }).data.flat();

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set(new Date(NOW));
  await seedStaff(t);
  await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
  for (const [i, displayName] of HOSTILE.entries()) {
    await t.call('users.create', { login: `evil${i}`, role: 'prescriber', displayName, password: 'password-evil-1' });
  }
  await t.loginAs('director', passwordFor('director'));
});
afterAll(async () => t.cleanup());

describe('CSV formula injection', () => {
  it('defuses every hostile name in the CSV the screen downloads (overdueReport.export)', async () => {
    const out = await t.call('overdueReport.export', { format: 'csv', filters: {} });
    const cells = cellsOf(out.content);
    for (const name of HOSTILE) {
      expect(cells).toContain(`'${name}`);
      expect(cells).not.toContain(name);
    }
    // Ordinary names are untouched.
    expect(cells).toContain('Dr. Test Prescriber');
  });

  it('defuses them in the command line CSV too', async () => {
    const file = t.app.clinicFile;
    await t.app.close();
    const passFile = path.join(t.dir, 'pass.txt');
    fs.writeFileSync(passFile, `${TEST_PASSPHRASE}\n`);
    const r = await runCli(['report', 'overdue', '--db', file, '--passphrase-file', passFile, '--format', 'csv'], { now: NOW, cwd: t.dir, home: t.dir });
    expect(r.code).toBe(0);
    const cells = cellsOf(r.stdout);
    for (const name of HOSTILE) expect(cells).toContain(`'${name}`);
  });

  it('escapes a leading tab or carriage return, which the contract trims but a file could hold', () => {
    expect(cellsOf(toCsv([['\tcmd', '\r=1', 'plain', '', 'a=b']]))).toEqual(["'\tcmd", "'\r=1", 'plain', '', 'a=b']);
  });
});
