import { afterEach, describe, expect, it } from 'vitest';
import { itemsFor, NINE, startMarFixture, type MarFixture } from '../support/mar';

/**
 * What nurses and prescribers read (issue 7 items 1, 2, 6, 7, 8): Today's doses on a taper and
 * on program days, the end-of-shift list, corrections on the MAR, MAR alerts on the worklist,
 * and an audit log that still verifies after all of it.
 */
let f: MarFixture;
afterEach(async () => f.t.cleanup());

const dosesOf = async (patientId: number) => (await f.t.call('doses.today', { patientId })).patients.flatMap((p) => p.times.flatMap((t) => t.doses));

describe("Today's doses", () => {
  it("offers today's taper step, and a step between two dose times changes only the later dose", async () => {
    f = await startMarFixture();
    const orderId = await f.order(f.resident, 'Gabapentin', {
      amount: 400,
      frequency: 'bid',
      taperSteps: [
        { effectiveFrom: '2026-12-02T14:00:00.000Z', amount: 300 }, // Wed 09:00
        { effectiveFrom: '2026-12-03T17:00:00.000Z', amount: 200 }, // Thu 12:00, between 09:00 and 21:00
      ],
    });
    expect((await dosesOf(f.resident)).map((d) => [d.localTime, d.amount])).toEqual([['09:00', 400]]);
    f.t.travel('2026-12-03T13:30:00.000Z'); // Thu 08:30, day shift
    const day = await dosesOf(f.resident);
    expect(day.map((d) => [d.localTime, d.amount, d.status])).toEqual([['09:00', 300, 'due_now']]);
    f.t.travel('2026-12-04T01:00:00.000Z'); // Thu 20:00, night shift
    expect((await dosesOf(f.resident)).map((d) => [d.localTime, d.amount])).toEqual([['21:00', 200]]);
    // The amount offered is the amount main accepts.
    f.t.travel('2026-12-04T02:00:00.000Z');
    const { administration } = await f.t.call('administrations.record', { orderId, scheduledFor: '2026-12-04T02:00:00.000Z', outcome: 'given' });
    expect(administration.amount).toBe(200);
  });

  it("lists a home patient's staff-given doses on program days only, extra days included", async () => {
    f = await startMarFixture();
    await f.order(f.home, 'Thiamine', { amount: 100 });
    // Tue 1 Dec 2026: no pattern yet, then a Mon/Wed/Fri pattern: not due.
    expect(await dosesOf(f.home)).toEqual([]);
    await f.t.call('programDays.update', { patientId: f.home, weekdays: [1, 3, 5] });
    expect(await dosesOf(f.home)).toEqual([]);
    const days = await f.t.call('programDays.update', { patientId: f.home, weekdays: [1, 3, 5], extraDays: ['2026-12-01'], reason: 'Extra group session' });
    expect(days).toMatchObject({ weekdays: [1, 3, 5], extraDays: ['2026-12-01'], updatedByName: 'Test Nurse' });
    expect((await dosesOf(f.home)).map((d) => d.localTime)).toEqual(['09:00']);
    const audit = await f.db().selectFrom('audit_log').select(['action', 'before_json', 'after_json', 'reason']).where('action', '=', 'programDays.update').orderBy('id').execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1].before_json!)).toEqual({ weekdays: [1, 3, 5], absences: [], extraDays: [] });
    expect(audit[1].reason).toBe('Extra group session');
  });

  it('filters by residence and controlled drugs', async () => {
    f = await startMarFixture();
    await f.t.call('programDays.update', { patientId: f.home, weekdays: [2] });
    await f.order(f.resident, 'Thiamine', { amount: 100 });
    await f.order(f.resident, 'Lorazepam', { amount: 1 });
    await f.order(f.home, 'Thiamine', { amount: 100 });
    const names = async (input: Parameters<typeof f.t.call<'doses.today'>>[1]) =>
      (await f.t.call('doses.today', input)).patients.flatMap((p) => p.times.flatMap((t) => t.doses.map((d) => `${p.patient.mrn} ${d.medication.name}`))).sort();
    expect(await names({})).toEqual(['MAR-1 Lorazepam', 'MAR-1 Thiamine', 'MAR-2 Thiamine']);
    expect(await names({ residence: 'home' })).toEqual(['MAR-2 Thiamine']);
    expect(await names({ controlledOnly: true })).toEqual(['MAR-1 Lorazepam']);
  });
});

describe('end of shift', () => {
  it('lists every due dose not documented, across the program, and empties as doses are documented', async () => {
    f = await startMarFixture();
    await f.t.call('programDays.update', { patientId: f.home, weekdays: [2] });
    const a = await f.order(f.resident, 'Thiamine', { amount: 100 });
    const b = await f.order(f.home, 'Folic acid', { amount: 1 });
    f.t.travel('2026-12-01T23:30:00.000Z'); // 18:30, end of the day shift
    const list = async () => (await f.t.call('doses.endOfShift', {})).doses.map((d) => `${d.mrn} ${d.localTime} ${d.status}`);
    // By patient (Homebody before Resident), then dose time.
    expect(await list()).toEqual(['MAR-2 09:00 late', 'MAR-1 09:00 late']);
    await f.t.call('administrations.record', { orderId: a, scheduledFor: NINE, outcome: 'missed', reasonCode: 'patient_absent', reasonText: 'At court' });
    expect(await list()).toEqual(['MAR-2 09:00 late']);
    await f.t.call('administrations.record', { orderId: b, scheduledFor: NINE, outcome: 'given', lateReason: 'Arrived late to program' });
    expect(await list()).toEqual([]);
  });
});

describe('corrections', () => {
  it('marks an entry entered-in-error with its replacement; the MAR shows both, struck through with who, when and why', async () => {
    f = await startMarFixture();
    const orderId = await f.order(f.resident, 'Thiamine', { amount: 100 });
    f.t.travel(NINE);
    const { administration } = await f.t.call('administrations.record', { orderId, scheduledFor: NINE, outcome: 'given' });
    f.t.travel('2026-12-01T14:20:00.000Z');
    const fixed = await f.t.call('administrations.markEnteredInError', {
      id: administration.id,
      reason: 'Patient refused; charted as given by mistake',
      replacement: { outcome: 'refused', reasonCode: 'patient_refused', reasonText: 'Said it makes them nauseous' },
    });
    expect(fixed.corrected.enteredInError).toMatchObject({ at: '2026-12-01T14:20:00.000Z', reason: 'Patient refused; charted as given by mistake', by: { name: 'Test Nurse' } });
    expect(fixed.replacement).toMatchObject({ outcome: 'refused', correctsId: administration.id, scheduledFor: NINE });

    const mar = await f.t.call('mar.forPatient', { patientId: f.resident, days: 7 });
    expect(mar.dates.at(-1)).toBe('2026-12-01');
    const row = mar.rows.find((r) => r.orderId === orderId && r.localTime === '09:00')!;
    const cell = row.cells.find((c) => c.date === '2026-12-01')!;
    expect(cell.due?.status).toBe('refused');
    expect(cell.entries.map((e) => [e.outcome, e.enteredInError !== null, e.correctedById, e.correctsId])).toEqual([
      ['given', true, fixed.replacement!.id, null],
      ['refused', false, null, administration.id],
    ]);
    expect(mar.notice).toMatch(/42 CFR Part 2/);
    expect(mar.legend).toEqual([{ initials: 'TN', name: 'Test Nurse' }]);

    // Once marked, it cannot be marked again; nothing is ever edited.
    expect((await f.t.raw('administrations.markEnteredInError', { id: administration.id, reason: 'again' })).error?.message).toMatch(/already marked entered-in-error/);
    await f.t.call('mar.print', { patientId: f.resident, days: 7, paper: 'Letter' });
    const printed = await f.db().selectFrom('audit_log').selectAll().where('action', '=', 'mar.print').execute();
    expect(printed.map((p) => [p.entity_id, JSON.parse(p.after_json!).paper])).toEqual([[String(f.resident), 'Letter']]);
    // Every write was audited with the row it left: the log verifies, rows included.
    await f.as('director');
    const verified = await f.t.call('audit.verify', {});
    expect(verified).toMatchObject({ ok: true, rowProblems: [] });
    expect(verified.rowsProven).toBeGreaterThan(0);
  });

  it("lets only the author correct, or a charge nurse when the setting allows it", async () => {
    f = await startMarFixture();
    const orderId = await f.order(f.resident, 'Thiamine', { amount: 100 });
    f.t.travel(NINE);
    const { administration } = await f.t.call('administrations.record', { orderId, scheduledFor: NINE, outcome: 'given' });
    await f.as('nurse2');
    const refused = await f.t.raw('administrations.markEnteredInError', { id: administration.id, reason: 'Wrong patient' });
    expect(refused.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused.error?.message).toMatch(/Only the nurse who made this entry, or a charge nurse/);
    await f.as('admin');
    await f.t.call('users.setChargeNurse', { id: f.staff.nurse2, chargeNurse: true, reason: 'Charge nurse this rota' });
    await f.as('nurse2');
    expect((await f.t.call('administrations.markEnteredInError', { id: administration.id, reason: 'Wrong patient' })).corrected.enteredInError?.by.name).toBe('Second Nurse');
  });
});

describe('MAR alerts', () => {
  it('puts a review due today on the prescriber worklist after two refused doses in a row of a withdrawal order, once', async () => {
    f = await startMarFixture();
    const orderId = await f.order(f.resident, 'Gabapentin', { amount: 300, frequency: 'bid' });
    f.t.travel(NINE);
    const refuse = (scheduledFor: string) => f.t.call('administrations.record', { orderId, scheduledFor, outcome: 'refused', reasonCode: 'patient_refused', reasonText: 'Declined' });
    expect((await refuse(NINE)).alert).toBeNull();
    f.t.travel('2026-12-02T02:05:00.000Z'); // 21:05 local
    const second = await refuse('2026-12-02T02:00:00.000Z');
    expect(second.alert).toMatchObject({ orderId, dueDate: '2026-12-01' });
    expect(second.alert?.reason).toMatch(/2 scheduled doses in a row not taken/);
    await f.as('prescriber');
    const worklist = await f.t.call('followups.worklist', { scope: 'mine' });
    expect(worklist.filter((r) => r.kind === 'mar_alert').map((r) => [r.orderId, r.dueDate, r.band])).toEqual([[orderId, '2026-12-01', 'due_today']]);
  });

  it('puts a review due today on the order after a severe CIWA-Ar, and not for a moderate one', async () => {
    f = await startMarFixture();
    const orderId = await f.order(f.resident, 'Chlordiazepoxide', { amount: 25 });
    const moderate = await f.t.call('scores.record', { patientId: f.resident, scale: 'CIWA-Ar', items: itemsFor('CIWA-Ar', 18), orderId });
    expect(moderate.alert).toBeNull();
    const severe = await f.t.call('scores.record', { patientId: f.resident, scale: 'CIWA-Ar', items: itemsFor('CIWA-Ar', 19) });
    expect(severe.score).toMatchObject({ total: 19, band: 'severe' });
    expect(severe.alert).toMatchObject({ orderId, dueDate: '2026-12-01' });
    const reviews = await f.db().selectFrom('followups').selectAll().where('kind', '=', 'mar_alert').execute();
    expect(reviews).toHaveLength(1);
    expect(reviews[0].reason).toMatch(/CIWA-Ar score 19/);
    const trend = await f.t.call('scores.forPatient', { patientId: f.resident });
    expect(trend.map((s) => s.total)).toEqual([18, 19]);
  });
});
