import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_POLICY } from '../../main/domain/followups';
import { reportToCsv } from '../../main/services/overdueReportCsv';
import { passwordFor, seedStaff, startTestApp, TEST_ADMIN, type TestApp } from '../support/app';
import { startWithdrawalOrder as startWithdrawal } from '../support/reviews';

let t: TestApp;
let staff: Awaited<ReturnType<typeof seedStaff>>;
let patientId: number;
const T0 = '2026-06-01T14:00:00.000Z'; // 10:00 in New York

beforeEach(async () => {
  t = await startTestApp();
  t.clock.set(new Date(T0));
  staff = await seedStaff(t);
  await t.loginAs('nurse', passwordFor('nurse'));
  patientId = (
    await t.call('patients.create', {
      patient: { mrn: 'R-1', familyName: 'Reviewson', givenName: 'Testy', dateOfBirth: '1975-05-05', admissionDate: '2026-05-30', residence: 'home' },
      allergies: [],
    })
  ).id;
  await t.loginAs('prescriber', passwordFor('prescriber'));
});
afterEach(async () => t.cleanup());

const startWithdrawalOrder = (name?: string, endAt?: string) => startWithdrawal(t, patientId, T0, { name, endAt });

describe('prescriber reviews', () => {
  it('schedules a start review by policy, turns it overdue, and counts it on the worklist and the audit', async () => {
    const order = await startWithdrawalOrder();
    const mine = await t.call('followups.worklist', { scope: 'mine' });
    const start = mine.find((r) => r.kind === 'order_start')!;
    expect(start).toMatchObject({ dueDate: '2026-06-04', band: 'due_soon', orderId: order.id, medicationName: 'Chlordiazepoxide' });
    // Routine review for a benzodiazepine: 14 days.
    expect(mine.find((r) => r.kind === 'routine')?.dueDate).toBe('2026-06-15');

    t.travel('2026-06-04T15:00:00.000Z');
    expect((await t.call('followups.counts', {})).mine.due_today).toBe(1);
    // One millisecond before midnight ending the due date (New York, EDT): still due today.
    t.travel('2026-06-05T03:59:59.999Z');
    expect((await t.call('followups.worklist', { scope: 'mine' }))[0].band).toBe('due_today');
    t.travel('2026-06-05T04:00:00.000Z');
    const counts = await t.call('followups.counts', {});
    expect(counts.mine.overdue).toBe(1);
    expect(counts.everyone.overdue).toBe(1);

    await t.loginAs('director', passwordFor('director'));
    const audit = await t.call('overdueReport.figures', {});
    const row = audit.rows.find((r) => r.prescriberId === staff.prescriber)!;
    expect(row).toMatchObject({ overdue: 1, critical: 0, oldestDueDate: '2026-06-04', medianDaysLate: 1 });
    expect(row.last30).toMatchObject({ due: 1, onTime: 0, late: 1, rate: 0 });

    t.travel('2026-06-12T04:00:00.000Z');
    const later = await t.call('overdueReport.figures', {});
    expect(later.rows.find((r) => r.prescriberId === staff.prescriber)).toMatchObject({ overdue: 1, critical: 1 });
  });

  it('completing a routine review schedules the next one; nothing is scheduled twice', async () => {
    const order = await startWithdrawalOrder();
    const routine = (await t.call('followups.worklist', { scope: 'mine' })).find((r) => r.kind === 'routine')!;
    t.travel('2026-06-14T15:00:00.000Z');
    const done = await t.call('followups.complete', { id: routine.id, outcome: 'continue', note: 'Stable, continue taper' });
    expect(done.review).toMatchObject({ status: 'completed', onTime: true, outcome: 'continue' });
    // The outcome, the note, the time and who: as the issue asks a completed review to record.
    expect(done.review).toMatchObject({ note: 'Stable, continue taper', completedAt: '2026-06-14T15:00:00.000Z', completedByName: 'Dr. Test Prescriber' });
    expect(done.next).toMatchObject({ kind: 'routine', dueDate: '2026-06-28', status: 'scheduled' });
    expect((await t.raw('followups.complete', { id: routine.id, outcome: 'continue', note: 'again' })).error?.code).toBe('CONFLICT');
    const dupes = await t.app.serviceContext().db.selectFrom('followups').selectAll().where('order_id', '=', order.id).where('kind', '=', 'routine').where('status', '=', 'scheduled').execute();
    expect(dupes).toHaveLength(1);
    // A second dose change while a dose-change review is open keeps the one review.
    await t.call('orders.changeDose', { orderId: order.id, amount: 20, frequency: 'qid', effectiveFrom: '2026-06-14T16:00:00.000Z', reason: 'Less tremor' });
    // 100 -> 60 mg a day within two weeks: faster than the benzodiazepine taper limit, so confirmed (issue 8 item 4).
    await t.call('orders.changeDose', { orderId: order.id, amount: 15, frequency: 'qid', effectiveFrom: '2026-06-14T17:00:00.000Z', reason: 'Sedated', overrideReason: 'Oversedated at 20 mg; a faster cut on purpose' });
    const changeReviews = (await t.call('followups.forPatient', { patientId })).filter((r) => r.kind === 'dose_change' && r.status === 'scheduled');
    expect(changeReviews).toHaveLength(1);
  });

  it('the on-time rate changes when the overdue review is completed late', async () => {
    await startWithdrawalOrder();
    const start = (await t.call('followups.worklist', { scope: 'mine' })).find((r) => r.kind === 'order_start')!;
    t.travel('2026-06-06T15:00:00.000Z');
    await t.call('followups.complete', { id: start.id, outcome: 'continue', note: 'Seen late' });
    await t.loginAs('director', passwordFor('director'));
    const audit = await t.call('overdueReport.figures', {});
    const row = audit.rows.find((r) => r.prescriberId === staff.prescriber)!;
    expect(row.overdue).toBe(0);
    expect(row.last30).toMatchObject({ due: 1, onTime: 0, late: 1 });
    // The same report as of an earlier date shows what was true then.
    const past = await t.call('overdueReport.figures', { asOf: '2026-06-05' });
    expect(past.rows.find((r) => r.prescriberId === staff.prescriber)?.overdue).toBe(1);
  });

  it('exports the overdue-review report as RFC 4180 CSV with the Part 2 notice, and audits the export', async () => {
    await startWithdrawalOrder();
    t.travel('2026-06-10T15:00:00.000Z');
    await t.loginAs('director', passwordFor('director'));
    const out = await t.call('overdueReport.export', { format: 'csv', filters: {} });
    expect(out.filename).toMatch(/\.csv$/);
    expect(out.content).toContain('\r\n');
    const parsed = Papa.parse<string[]>(out.content.trim(), { newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0][0]).toMatch(/42 CFR part 2/);
    expect(parsed.data[2][0]).toBe('Filters: none (every prescriber, patient and drug class)');
    const header = parsed.data[4];
    expect(header[0]).toBe('Prescriber');
    const row = parsed.data.slice(5).find((r) => r[0] === 'Dr. Test Prescriber')!;
    expect(row[1]).toBe('1');
    expect(parsed.data.every((r) => r.length === header.length)).toBe(true);
    const log = await t.call('audit.list', { action: 'followups.export_csv' });
    expect(log).toHaveLength(1);
    expect(log[0].actorName).toBe('Dr. Test Director');
  });

  it('quotes commas, double quotes and line breaks in CSV fields (RFC 4180), and audits a printed report too', async () => {
    // A prescriber whose name holds a comma and double quotes, as a spreadsheet must read it back.
    const awkward = 'Quill, Avery "Ace"';
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    await t.call('users.create', { login: 'quill', role: 'prescriber', displayName: awkward, password: passwordFor('quill') });
    await t.loginAs('director', passwordFor('director'));
    const out = await t.call('overdueReport.export', { format: 'csv', filters: {} });
    expect(out.content).toContain('"Quill, Avery ""Ace"""');
    const parsed = Papa.parse<string[]>(out.content.trim(), { newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    const width = parsed.data[4].length;
    expect(parsed.data.every((r) => r.length === width)).toBe(true);
    expect(parsed.data.slice(5).map((r) => r[0])).toContain(awkward);

    // A line break inside a field stays inside its quoted field, not a new record.
    const audit = await t.call('overdueReport.figures', {});
    const twoLines = reportToCsv({ ...audit, rows: [{ ...audit.rows[0], prescriberName: 'Line one\r\nline two' }] }, []);
    expect(twoLines).toContain('"Line one\r\nline two"');
    const back = Papa.parse<string[]>(twoLines.trim(), { newline: '\r\n' });
    expect(back.errors).toEqual([]);
    // Notice, title, filters, blank, header, the one row, blank, the reviews' title and header.
    expect(back.data).toHaveLength(9);
    expect(back.data[5][0]).toBe('Line one\r\nline two');

    const printed = await t.call('overdueReport.export', { format: 'print', filters: {} });
    expect(printed.notice).toMatch(/42 CFR part 2/);
    const log = await t.call('audit.list', { action: 'followups.export_print' });
    expect(log).toHaveLength(1);
    expect(log[0].actorName).toBe('Dr. Test Director');
  });

  it('keeps one open review per order and kind: holding and resuming twice leaves one open resume review', async () => {
    const order = await startWithdrawalOrder();
    for (const day of ['2026-06-02', '2026-06-03']) {
      t.travel(`${day}T14:00:00.000Z`);
      await t.call('orders.hold', { orderId: order.id, reason: 'Sedated' });
      t.travel(`${day}T18:00:00.000Z`);
      await t.call('orders.resume', { orderId: order.id, reason: 'Alert' });
    }
    const open = (await t.call('followups.forPatient', { patientId })).filter((r) => r.orderId === order.id && r.status === 'scheduled');
    const kinds = open.map((r) => r.kind).sort();
    expect(kinds).toEqual(['order_start', 'resume', 'routine']);
    // A second open review of the same kind for the same order is refused by the file itself, too.
    const start = open.find((r) => r.kind === 'order_start')!;
    const db = t.app.serviceContext().db;
    await expect(
      db.insertInto('followups').values({ patient_id: patientId, order_id: order.id, kind: 'order_start', due_date: '2026-06-20', assigned_prescriber_id: start.assignedPrescriberId, origin: 'policy', created_at: T0 }).execute(),
    ).rejects.toThrow(/UNIQUE/);
  });

  it('discontinuing cancels open reviews; discharge with active orders schedules one', async () => {
    const order = await startWithdrawalOrder();
    await t.loginAs('nurse', passwordFor('nurse'));
    const p = await t.call('patients.get', { id: patientId });
    await t.call('patients.update', {
      id: patientId,
      patient: { mrn: p.mrn, familyName: p.familyName, givenName: p.givenName, dateOfBirth: p.dateOfBirth, admissionDate: p.admissionDate, dischargeDate: '2026-06-02', residence: 'home' },
      reason: 'Completed program',
    });
    const reviews = await t.call('followups.forPatient', { patientId });
    expect(reviews.filter((r) => r.kind === 'discharge').map((r) => r.dueDate)).toContain('2026-06-02');
    await t.loginAs('prescriber', passwordFor('prescriber'));
    await t.call('orders.discontinue', { orderId: order.id, reason: 'Completed' });
    const after = (await t.call('followups.forPatient', { patientId })).filter((r) => r.orderId === order.id);
    expect(after.map((r) => r.kind).sort()).toEqual(['discharge', 'order_start', 'routine']);
    expect(after.every((r) => r.status === 'cancelled')).toBe(true);
  });

  it('reassigns and reschedules with reasons; refuses dates in the past and non-prescribers', async () => {
    await startWithdrawalOrder();
    const start = (await t.call('followups.worklist', { scope: 'mine' })).find((r) => r.kind === 'order_start')!;
    expect((await t.raw('followups.reassign', { id: start.id, prescriberId: staff.nurse, reason: 'x' })).error?.code).toBe('VALIDATION');
    const moved = await t.call('followups.reassign', { id: start.id, prescriberId: staff.prescriber2, reason: 'On leave' });
    expect(moved.assignedPrescriberName).toBe('Dr. Second Prescriber');
    expect((await t.raw('followups.reschedule', { id: start.id, dueDate: '2026-05-01', reason: 'x' })).error?.message).toMatch(/past/);
    const later = await t.call('followups.reschedule', { id: start.id, dueDate: '2026-06-08', reason: 'Patient away' });
    expect(later.dueDate).toBe('2026-06-08');
    const trail = await t.call('audit.list', { entityType: 'followup', entityId: String(start.id) });
    expect(trail.filter((a) => a.action !== 'followups.schedule').map((a) => [a.action, a.reason])).toEqual([
      ['followups.reschedule', 'Patient away'],
      ['followups.reassign', 'On leave'],
    ]);
    const manual = await t.call('followups.schedule', { patientId, dueDate: '2026-06-20', reason: 'Check sleep' });
    expect(manual).toMatchObject({ kind: 'manual', origin: 'manual', assignedPrescriberId: staff.prescriber });
    await t.loginAs('nurse', passwordFor('nurse'));
    expect((await t.raw('followups.complete', { id: manual.id, outcome: 'continue', note: 'n' })).error?.code).toBe('FORBIDDEN');
  });
});

describe('stopping an order does not erase a missed review', () => {
  it('counts a review cancelled after it turned overdue as late, and one cancelled in time not at all', async () => {
    const order = await startWithdrawalOrder();
    // The start review (due 2026-06-04) is overdue from 2026-06-05; stop the order on 2026-06-06.
    t.travel('2026-06-06T15:00:00.000Z');
    await t.call('orders.discontinue', { orderId: order.id, reason: 'Left the program' });
    await t.loginAs('director', passwordFor('director'));
    const audit = await t.call('overdueReport.figures', {});
    const row = audit.rows.find((r) => r.prescriberId === staff.prescriber)!;
    expect(row.overdue).toBe(0);
    // The start review counts as late; the routine one (due 2026-06-15) was cancelled in time.
    expect(row.last30).toMatchObject({ due: 1, onTime: 0, late: 1, pending: 0 });
    const behind = (await t.call('overdueReport.reviews', { filters: {}, prescriberId: staff.prescriber, figure: 'last30' })).reviews;
    const missed = behind.find((r) => r.kind === 'order_start')!;
    expect(missed).toMatchObject({ status: 'cancelled', onTime: false });
    expect(behind.some((r) => r.kind === 'routine')).toBe(false);
    // As of the day it was overdue, before the stop, it was open and overdue.
    const before = await t.call('overdueReport.figures', { asOf: '2026-06-05' });
    expect(before.rows.find((r) => r.prescriberId === staff.prescriber)?.overdue).toBe(1);
  });
});

describe('routine reviews only for orders still running', () => {
  const routines = async () => (await t.call('followups.forPatient', { patientId })).filter((r) => r.kind === 'routine');

  it('a short order that ends before the routine review would fall due gets none; its start review stays', async () => {
    // Benzodiazepine routine review: 14 days, due 2026-06-15. The order ends 2026-06-08.
    await startWithdrawalOrder('Chlordiazepoxide', '2026-06-08T14:00:00.000Z');
    expect(await routines()).toHaveLength(0);
    expect((await t.call('followups.forPatient', { patientId })).map((r) => r.kind)).toEqual(['order_start']);
  });

  it('an order still running on the due date gets one, and completing it schedules no next past the end', async () => {
    // Ends 09:00 EDT on 2026-06-15, the routine review's due date: the order still runs that day.
    await startWithdrawalOrder('Chlordiazepoxide', '2026-06-15T13:00:00.000Z');
    const [routine] = await routines();
    expect(routine).toMatchObject({ dueDate: '2026-06-15', status: 'scheduled' });
    t.travel('2026-06-14T15:00:00.000Z');
    const done = await t.call('followups.complete', { id: routine.id, outcome: 'continue', note: 'Taper on track' });
    expect(done.next).toBeNull();
    expect((await routines()).map((r) => r.status)).toEqual(['completed']);
  });
});

describe('settings an administrator changes', () => {
  it('a changed review policy schedules new orders by its rules, by drug class and by schedule', async () => {
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    const rules = [
      ...DEFAULT_REVIEW_POLICY.rules.map((r) => (r.event === 'routine' && r.sedatingClass === 'benzodiazepine' ? { ...r, days: 10 } : r)),
      { event: 'order_start' as const, deaSchedule: 'IV' as const, withdrawalManagement: true, days: 1 },
    ];
    await t.call('settings.update', { values: { 'reviews.policy': { rules } } });
    await t.loginAs('prescriber', passwordFor('prescriber'));
    await startWithdrawalOrder(); // chlordiazepoxide: benzodiazepine, schedule IV, withdrawal management
    const due = Object.fromEntries((await t.call('followups.forPatient', { patientId })).map((r) => [r.kind, r.dueDate]));
    expect(due).toEqual({ order_start: '2026-06-02', routine: '2026-06-11' });
  });

  it('reads the same due date in the new zone when the clinic’s time zone is changed', async () => {
    await startWithdrawalOrder(); // start review due 2026-06-04
    // 02:00Z on Jun 5 is 22:00 on Jun 4 in New York (still due today) but already Jun 5 in UTC.
    t.travel('2026-06-05T02:00:00.000Z');
    expect((await t.call('followups.worklist', { scope: 'mine' })).find((r) => r.kind === 'order_start')?.band).toBe('due_today');
    await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
    await t.call('settings.update', { values: { 'clinic.timeZone': 'UTC' } });
    await t.loginAs('prescriber', passwordFor('prescriber'));
    const start = (await t.call('followups.worklist', { scope: 'mine' })).find((r) => r.kind === 'order_start');
    expect(start).toMatchObject({ dueDate: '2026-06-04', band: 'overdue' });
    expect((await t.call('followups.counts', {})).mine.overdue).toBe(1);
  });
});

describe("the director's audit filters", () => {
  it('narrows the figures by prescriber, drug class, patient and a chosen period', async () => {
    await startWithdrawalOrder(); // Dr. Test Prescriber, chlordiazepoxide: start review due 2026-06-04
    await t.loginAs('prescriber2', passwordFor('prescriber2'));
    const bup = (await t.call('formulary.list', { query: 'Buprenorphine' })).find((m) => m.name === 'Buprenorphine')!;
    await t.call('orders.start', {
      patientId, medicationId: bup.id, indication: 'Opioid withdrawal', route: 'sublingual', administeredBy: 'staff',
      amount: 8, unit: bup.unit, frequency: 'daily', startAt: T0, overrideReason: 'Benzodiazepine taper monitored daily',
    });
    t.travel('2026-06-06T15:00:00.000Z');
    await t.loginAs('director', passwordFor('director'));
    const audit = (filters: Parameters<typeof t.call<'overdueReport.figures'>>[1]) => t.call('overdueReport.figures', filters);
    const overdueBy = (a: Awaited<ReturnType<typeof audit>>) => Object.fromEntries(a.rows.map((r) => [r.prescriberId, r.overdue]));

    const all = await audit({});
    expect(overdueBy(all)).toEqual({ [staff.prescriber]: 1, [staff.prescriber2]: 1 });
    expect(all.scope).toEqual([]);
    const one = await audit({ prescriberId: staff.prescriber2 });
    expect(overdueBy(one)).toEqual({ [staff.prescriber2]: 1 });
    // The report says exactly what it was narrowed to, and so does its CSV (never "across the team").
    expect(one.scope).toEqual(['prescriber Dr. Second Prescriber']);
    const csv = (await t.call('overdueReport.export', { format: 'csv', filters: { prescriberId: staff.prescriber2, drugClass: 'opioid' } })).content;
    expect(csv).toContain(', for prescriber Dr. Second Prescriber; drug class opioid"');
    expect(csv).toContain('"Filters: prescriber Dr. Second Prescriber; drug class opioid"');
    expect(csv).not.toContain('across the team');
    expect((await audit({ patientId })).scope).toEqual(['patient Reviewson, Testy (MRN R-1)']);
    // The drill-down keeps the filter: another prescriber's figure lists nothing under it.
    const behind = (prescriberId: number) => t.call('overdueReport.reviews', { filters: { prescriberId: staff.prescriber2 }, prescriberId, figure: 'overdue' });
    expect((await behind(staff.prescriber2)).total).toBe(1);
    expect((await behind(staff.prescriber)).total).toBe(0);
    const benzo = await audit({ drugClass: 'benzodiazepine' });
    expect(benzo.totals.overdue).toBe(1);
    expect(overdueBy(benzo)[staff.prescriber]).toBe(1);
    expect((await audit({ patientId })).totals.overdue).toBe(2);
    expect((await audit({ patientId: patientId + 1000 })).totals.overdue).toBe(0);
    // A chosen period that leaves out the due date: due in the last 30 days, not in the period.
    const period = await audit({ periodFrom: '2026-06-05', periodTo: '2026-06-06' });
    const row = period.rows.find((r) => r.prescriberId === staff.prescriber)!;
    expect(row.last30.due).toBe(1);
    expect(row.chosen).toMatchObject({ due: 0 });
  });
});

describe('the medical team’s worklist', () => {
  it('sorts open reviews most urgent first; "mine" holds only my own, "everyone" the whole team’s', async () => {
    await startWithdrawalOrder(); // start review due 2026-06-04, routine 2026-06-15
    // A review the second prescriber holds, scheduled by hand for a colleague.
    await t.call('followups.schedule', { patientId, dueDate: '2026-06-07', assignedPrescriberId: staff.prescriber2, reason: 'Cover while away' });
    await t.call('followups.schedule', { patientId, dueDate: '2026-06-06', reason: 'Check sleep' });
    t.travel('2026-06-06T15:00:00.000Z');
    const everyone = await t.call('followups.worklist', { scope: 'everyone' });
    expect(everyone.map((r) => [r.dueDate, r.band, r.assignedPrescriberId])).toEqual([
      ['2026-06-04', 'overdue', staff.prescriber],
      ['2026-06-06', 'due_today', staff.prescriber],
      ['2026-06-07', 'due_soon', staff.prescriber2],
      ['2026-06-15', 'upcoming', staff.prescriber],
    ]);
    const mine = await t.call('followups.worklist', { scope: 'mine' });
    expect(mine.map((r) => r.dueDate)).toEqual(['2026-06-04', '2026-06-06', '2026-06-15']);
    expect((await t.call('followups.worklist', { scope: 'mine', includeUpcoming: false })).map((r) => r.dueDate)).toEqual(['2026-06-04', '2026-06-06']);
    const counts = await t.call('followups.counts', {});
    expect(counts.mine).toMatchObject({ overdue: 1, due_today: 1 });
    // Completing one updates the counts at once.
    await t.call('followups.complete', { id: mine[0].id, outcome: 'continue', note: 'Seen' });
    expect((await t.call('followups.counts', {})).mine).toMatchObject({ overdue: 0, due_today: 1 });
  });
});
