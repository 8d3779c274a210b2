import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordFor, seedStaff, startTestApp, TEST_PASSPHRASE, type TestApp } from '../support/app';
import { runCli } from '../support/cli';

/**
 * Issue 10, defect 1: one far-future date (9999-12-31) used to be accepted by followups.schedule
 * (answering INTERNAL while writing the row) and then broke every review screen for everyone.
 * Dates and instants are now held to a clinical range in the contract, and the readers show a row
 * they cannot classify as needing attention instead of failing.
 */

let t: TestApp;
let staff: Awaited<ReturnType<typeof seedStaff>>;
let patientId: number;
const T0 = '2026-06-01T14:00:00.000Z';

beforeEach(async () => {
  t = await startTestApp();
  t.clock.set(new Date(T0));
  staff = await seedStaff(t);
  await t.loginAs('nurse', passwordFor('nurse'));
  patientId = (
    await t.call('patients.create', {
      patient: { mrn: 'D-1', familyName: 'Datewise', givenName: 'Testy', dateOfBirth: '1975-05-05', admissionDate: '2026-05-30', residence: 'home' },
      allergies: [],
    })
  ).id;
  await t.loginAs('prescriber', passwordFor('prescriber'));
});
afterEach(async () => t.cleanup());

const db = () => t.app.database!.db;
const countRows = async (table: 'followups' | 'orders' | 'patients' | 'audit_log') =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function withdrawalOrderInput(startAt: string) {
  const m = (await t.call('formulary.list', { query: 'Chlordiazepoxide' }))[0];
  return { patientId, medicationId: m.id, indication: 'Alcohol withdrawal', route: 'oral' as const, administeredBy: 'staff' as const, amount: 25, unit: m.unit, frequency: 'qid' as const, startAt };
}

describe('dates and instants entering through the contract', () => {
  it('refuses a review due on 9999-12-31 with a field error and writes nothing', async () => {
    const before = { f: await countRows('followups'), a: await countRows('audit_log') };
    const r = await t.raw('followups.schedule', { patientId, dueDate: '9999-12-31', reason: 'Probe' });
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'dueDate' }] });
    expect(r.error!.message).toMatch(/between 2016-06-01 and 2031-06-01/);
    expect({ f: await countRows('followups'), a: await countRows('audit_log') }).toEqual(before);
  });

  it('measures the due-date window from the clock: five years ahead is the last day allowed, and it moves', async () => {
    const at = (dueDate: string) => t.raw('followups.schedule', { patientId, dueDate, reason: 'Window edge' });
    expect((await at('2031-06-02')).error?.code).toBe('VALIDATION');
    expect((await at('2031-06-01')).ok).toBe(true);
    t.travel('2026-06-02T14:00:00.000Z');
    const moved = await t.raw('followups.reschedule', { id: (await t.call('followups.worklist', { scope: 'mine' })).find((r) => r.kind === 'manual')!.id, dueDate: '2031-06-02', reason: 'Next day' });
    expect(moved.ok).toBe(true);
  });

  it('refuses six-digit-year and far-off instants on orders as field errors, not INTERNAL', async () => {
    for (const startAt of ['+275760-09-13T00:00:00Z', '9999-12-31T00:00:00Z', '1899-12-31T23:59:59Z']) {
      const r = await t.raw('orders.start', await withdrawalOrderInput(startAt));
      expect(r.error, startAt).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'startAt' }] });
    }
    expect(await countRows('orders')).toBe(0);
  });

  it('refuses a discharge on 9999-12-31 and a birth date in the future or before 1900', async () => {
    await t.loginAs('nurse', passwordFor('nurse'));
    const p = { mrn: 'D-2', familyName: 'Far', givenName: 'Future', dateOfBirth: '1980-01-01', admissionDate: '2026-05-30', residence: 'home' as const };
    const cases: [Record<string, string>, string][] = [
      [{ dischargeDate: '9999-12-31' }, 'patient.dischargeDate'],
      [{ dateOfBirth: '2026-06-03', admissionDate: '2026-06-03' }, 'patient.dateOfBirth'],
      [{ dateOfBirth: '1899-12-31' }, 'patient.dateOfBirth'],
    ];
    for (const [change, field] of cases) {
      const r = await t.raw('patients.create', { patient: { ...p, ...change }, allergies: [] });
      expect(r.error, field).toMatchObject({ code: 'VALIDATION' });
      expect((r.error as unknown as { fields: { path: string }[] }).fields.map((f) => f.path)).toContain(field);
    }
    expect(await countRows('patients')).toBe(1);
  });
});

describe('readers facing a row they cannot classify', () => {
  it('shows it as needing attention on every review screen, the CSV and the command line', async () => {
    const logged: string[] = [];
    t.app.serviceContext = ((orig) => () => ({ ...orig(), log: (m: string) => void logged.push(m) }))(t.app.serviceContext.bind(t.app));
    // Written behind the app's back, as an old file or an offline edit could hold it.
    await db()
      .insertInto('followups')
      .values({ patient_id: patientId, order_id: null, kind: 'manual', due_date: '9999-12-31', assigned_prescriber_id: staff.prescriber, origin: 'manual', reason: 'Probe', created_at: T0, created_by: staff.prescriber })
      .execute();

    const mine = await t.call('followups.worklist', { scope: 'mine' });
    expect(mine.map((r) => r.band)).toEqual(['needs_attention']);
    expect((await t.call('followups.worklist', { scope: 'everyone', includeUpcoming: false })).map((r) => r.band)).toEqual(['needs_attention']);
    expect((await t.call('followups.counts', {})).mine.needs_attention).toBe(1);
    expect((await t.call('followups.forPatient', { patientId }))[0].band).toBe('needs_attention');
    const list = (await t.call('orders.prescriberPatients', { query: '', onlyMine: false })).rows;
    expect(list[0].flags).toContain('review date needs attention');
    expect(logged.some((m) => /cannot be classified/.test(m))).toBe(true);

    await t.loginAs('director', passwordFor('director'));
    // The report's export lists it among the reviews to act on, in words, rather than dropping it.
    const csv = (await t.call('overdueReport.export', { format: 'csv', filters: {} })).content;
    expect(csv).toMatch(/Dr\. Test Prescriber/);
    expect(csv).toContain('Needs attention: the due date cannot be read');

    const file = t.app.clinicFile;
    await t.app.close();
    const passFile = path.join(t.dir, 'pass.txt');
    fs.writeFileSync(passFile, `${TEST_PASSPHRASE}\n`);
    const cli = await runCli(['report', 'overdue', '--db', file, '--passphrase-file', passFile, '--format', 'csv'], { now: T0, cwd: t.dir, home: t.dir });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
  });

  it('refuses an out-of-range --as-of on the command line in words', async () => {
    const file = t.app.clinicFile;
    await t.app.close();
    const passFile = path.join(t.dir, 'pass.txt');
    fs.writeFileSync(passFile, `${TEST_PASSPHRASE}\n`);
    const cli = await runCli(['report', 'overdue', '--db', file, '--passphrase-file', passFile, '--as-of', '9999-12-31'], { now: T0, cwd: t.dir, home: t.dir });
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toMatch(/between 1900-01-01 and 2126-06-01/);
  });
});
