import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdjustableClock, fixedClock } from '../../main/clock';
import { buildDemoClinic, DEMO_PASSPHRASE, DEMO_PASSWORD } from '../../main/demo';
import { ClinicApp } from '../../main/app/clinicApp';
import { createDispatcher } from '../../main/ipc/dispatch';
import type { OverdueReport } from '../../main/ipc/contract/overdueReport';
import { handlers } from '../../main/ipc/handlers';
import { MemoryKeyStore } from '../../main/keys/memoryKeyStore';
import { runCli } from '../support/cli';
import { makeTempDir } from '../support/tempdb';

const NOW = '2026-11-27T15:00:00.000Z';
// The app opens its demo file with the demo passphrase; the command line is given the same.
const PASSPHRASE = DEMO_PASSPHRASE;
let dir: string;
let db: string;
let passFile: string;

const run = (argv: string[]) => runCli(argv, { now: NOW, cwd: dir, home: dir });

beforeAll(async () => {
  dir = makeTempDir();
  db = path.join(dir, 'demo', 'medtrack-demo.db');
  passFile = path.join(dir, 'pass.txt');
  fs.writeFileSync(passFile, `${PASSPHRASE}\n`);
  const h = await buildDemoClinic(db, { clock: fixedClock(NOW), passphrase: PASSPHRASE });
  await h.close();
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('medtrack report overdue', () => {
  it('prints the same figures as the director sees on screen, for the demo clinic', async () => {
    const r = await run(['report', 'overdue', '--db', db, '--passphrase-file', passFile, '--as-of', '2026-11-27', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const cli = JSON.parse(r.stdout);
    expect(cli.notice).toMatch(/42 CFR part 2/);

    // The screen: the app opened on the same file (demo mode), the director logged in.
    const clock = new AdjustableClock(() => new Date(NOW));
    const app = new ClinicApp({ dataDir: dir, keyStore: new MemoryKeyStore(), clock, log: () => undefined });
    await app.start();
    const dispatch = createDispatcher(app, handlers, () => undefined);
    expect((await dispatch('clinic.openDemo', {})).ok).toBe(true);
    expect((await dispatch('session.login', { login: 'director', password: DEMO_PASSWORD })).ok).toBe(true);
    const screen = await dispatch('overdueReport.figures', { asOf: '2026-11-27' });
    // Through the job thread too: a future date comes back as the words the command line prints.
    const future = await dispatch('overdueReport.figures', { asOf: '2026-11-28' });
    // The overdue reviews behind one prescriber's figure, as the screen pages them.
    const figures = screen.ok ? (screen.value as OverdueReport) : null;
    const first = figures?.rows.find((row) => row.overdue > 0);
    const page = first ? await dispatch('overdueReport.reviews', { filters: { asOf: '2026-11-27' }, prescriberId: first.prescriberId, figure: 'overdue' }) : null;
    await app.close();
    if (!screen.ok) throw new Error(screen.error.message);
    expect(cli.rows).toEqual(figures!.rows);
    expect(cli.totals).toEqual(figures!.totals);
    expect(cli.totals.overdue).toBeGreaterThan(0);
    expect(cli.overdueReviews).toHaveLength(cli.totals.overdue);
    expect(page?.ok && (page.value as { total: number }).total).toBe(first!.overdue);
    expect(future).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'asOf' }] } });
    const cliFuture = await run(['report', 'overdue', '--db', db, '--passphrase-file', passFile, '--as-of', '2026-11-28']);
    expect(cliFuture.code).toBe(2);
    expect(cliFuture.stdout).toBe('');
    expect(!future.ok && cliFuture.stderr).toContain(!future.ok ? future.error.message : 'unreachable');
    expect(cliFuture.stderr).toMatch(/cannot be as of 28 Nov 2026: that date has not come yet \(today is 27 Nov 2026 in the clinic\)/);
  }, 60_000);

  it('prints RFC 4180 CSV: the figures by prescriber, then each overdue review with patient, MRN, order, kind, due date, days late and prescriber', async () => {
    const r = await run(['report', 'overdue', '--db', db, '--passphrase-file', passFile, '--format', 'csv']);
    expect(r.code).toBe(0);
    const parsed = Papa.parse<string[]>(r.stdout.trim(), { newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0][0]).toMatch(/42 CFR part 2/);
    expect(parsed.data[1][0]).toMatch(/^Overdue-review report as of 2026-11-27 \(.+\), across the team$/);
    expect(parsed.data[4][0]).toBe('Prescriber');
    const figures = parsed.data.slice(5, parsed.data.findIndex((row, i) => i > 4 && row[0] === ''));
    const overdue = figures.reduce((n, row) => n + Number(row[1]), 0);
    const at = parsed.data.findIndex((row) => row[0] === 'Patient');
    expect(parsed.data[at]).toEqual(['Patient', 'MRN', 'Order', 'Medication', 'Review', 'Due date', 'Days late', 'Standing', 'Prescriber']);
    const reviews = parsed.data.slice(at + 1);
    expect(reviews).toHaveLength(overdue);
    expect(overdue).toBeGreaterThan(0);
    for (const row of reviews) {
      expect(row[1]).not.toBe('');
      expect(row[5] < '2026-11-27').toBe(true);
      expect(Number(row[6])).toBeGreaterThan(0);
      expect(['Overdue', 'Critically overdue']).toContain(row[7]);
      expect(figures.map((f) => f[0])).toContain(row[8]);
    }
    // Oldest due first.
    expect(reviews.map((row) => row[5])).toEqual(reviews.map((row) => row[5]).sort());
  });

  it.each([
    [['--as-of', '2026-02-30'], /does not exist/],
    [['--as-of', 'yesterday'], /YYYY-MM-DD/],
    [['--format', 'xml'], /json or csv/],
  ])('refuses %j with a clear message and exit 2', async (extra, message) => {
    const r = await run(['report', 'overdue', '--db', db, '--passphrase-file', passFile, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('refuses a wrong passphrase with a clear message and a non-zero exit, leaving the file byte-for-byte unchanged', async () => {
    const wrong = path.join(dir, 'wrong.txt');
    fs.writeFileSync(wrong, 'not the demo passphrase\n');
    const before = fs.readFileSync(db);
    const r = await run(['report', 'overdue', '--db', db, '--passphrase-file', wrong, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/recovery passphrase is not correct/);
    expect(r.stdout).toBe('');
    expect(fs.readFileSync(db).equals(before)).toBe(true);
  });

  it('refuses an unknown report and a missing clinic file, saying which', async () => {
    const unknown = await run(['report', 'late', '--db', db, '--passphrase-file', passFile]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/"report" needs one of: overdue/);
    expect(unknown.stdout).toBe('');
    const missing = await run(['report', 'overdue', '--db', path.join(dir, 'absent.db'), '--passphrase-file', passFile]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No clinic database at .*absent\.db/);
    expect(missing.stdout).toBe('');
  });

  it('has --help', async () => {
    const r = await run(['report', 'overdue', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--as-of/);
  });
});
