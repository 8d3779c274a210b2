import { afterEach, describe, expect, it } from 'vitest';
import { TEST_ADMIN } from '../support/app';
import { NINE, startMarFixture, type MarFixture } from '../support/mar';

/**
 * Today's doses reads only what one shift needs (main/services/shiftData.ts: the shift's
 * orders, only the dose versions that can be in effect in it, its holds, its entries by the
 * scheduled-time index). These check, as a nurse sees them, that the narrow reading never
 * drops or changes a due dose: a dose changed today, before, at and after the dose time, with
 * older changes behind it; holds today; PRN; discharged patients; the shift's edges.
 * The fixture's clinic is in New York; now is Tue 1 Dec 2026 08:00, day shift 07:00-19:00.
 */
let f: MarFixture;
afterEach(async () => f.t.cleanup());

const residentDoses = async () =>
  (await f.t.call('doses.today', {})).patients.filter((p) => p.patient.id === f.resident).flatMap((p) => p.times.flatMap((t) => t.doses));
const asPrescriber = async <T>(fn: () => Promise<T>): Promise<T> => {
  await f.as('prescriber');
  const out = await fn();
  await f.as('nurse');
  return out;
};
const changeDose = (orderId: number, amount: number, effectiveFrom: string) =>
  asPrescriber(() => f.t.call('orders.changeDose', { orderId, amount, frequency: 'bid', effectiveFrom, reason: 'Dose review', overrideReason: 'Reviewed for the test' }));

describe("Today's doses reads only the shift, and drops no due dose", () => {
  it('offers the dose in effect at each dose time when the dose changed today, with older changes behind it', async () => {
    f = await startMarFixture();
    const days = (n: number) => new Date(Date.parse('2026-12-01T12:00:00.000Z') - n * 86_400_000).toISOString();
    // Orders start now, so start them ten days back; every change is then planned ahead.
    f.t.travel(days(10));
    const early = await f.order(f.resident, 'Gabapentin', { amount: 100, frequency: 'bid', startAt: days(9) });
    await changeDose(early, 200, days(6));
    await changeDose(early, 300, days(3));
    await changeDose(early, 400, '2026-12-01T13:30:00.000Z'); // today 08:30, before 09:00
    const atNine = await f.order(f.resident, 'Trazodone', { amount: 50, frequency: 'bid', startAt: days(5) });
    await changeDose(atNine, 100, NINE); // exactly at 09:00: in effect for it
    const after = await f.order(f.resident, 'Folic acid', { amount: 1, frequency: 'bid', startAt: days(5) });
    await changeDose(after, 2, days(2));
    await changeDose(after, 1, '2026-12-01T14:30:00.000Z'); // today 09:30: after the 09:00 dose
    const atShiftStart = await f.order(f.resident, 'Clonidine', { amount: 0.1, frequency: 'bid', startAt: days(5) });
    await changeDose(atShiftStart, 0.2, '2026-12-01T12:00:00.000Z'); // exactly 07:00, the shift's start
    f.t.travel('2026-12-01T13:00:00.000Z'); // back to Tue 08:00
    const amounts = new Map((await residentDoses()).map((d) => [d.orderId, [d.localTime, d.amount]]));
    expect(Object.fromEntries(amounts)).toEqual({ [early]: ['09:00', 400], [atNine]: ['09:00', 100], [after]: ['09:00', 2], [atShiftStart]: ['09:00', 0.2] });
  });

  it('leaves out a dose inside a hold that began today, ended or not, and lists one whose hold ended before its time', async () => {
    f = await startMarFixture(); // 08:00
    const heldNow = await f.order(f.resident, 'Thiamine', { amount: 100, frequency: 'bid' });
    const resumed = await f.order(f.resident, 'Folic acid', { amount: 1, frequency: 'bid' });
    const paused = await f.order(f.resident, 'Trazodone', { amount: 50, frequency: 'bid' });
    const heldLater = await f.order(f.resident, 'Gabapentin', { amount: 300, frequency: 'bid' });
    const hold = (orderId: number) => asPrescriber(() => f.t.call('orders.hold', { orderId, reason: 'Sedated' }));
    const resume = (orderId: number) => asPrescriber(() => f.t.call('orders.resume', { orderId, reason: 'Awake' }));
    await hold(heldNow);
    await hold(resumed);
    f.t.travel('2026-12-01T13:30:00.000Z'); // 08:30
    await resume(resumed);
    await hold(paused);
    f.t.travel('2026-12-01T14:30:00.000Z'); // 09:30: the 09:00 dose was inside the pause
    await resume(paused);
    await hold(heldLater); // after its 09:00 dose: that one is still due
    expect((await residentDoses()).map((d) => d.orderId).sort((a, b) => a - b)).toEqual([resumed, heldLater]);
  });

  it("lists today's documented dose with its entry, not yesterday's, and a PRN beside it", async () => {
    f = await startMarFixture();
    f.t.travel('2026-11-30T13:00:00.000Z'); // Mon 08:00
    const orderId = await f.order(f.resident, 'Thiamine', { amount: 100, frequency: 'bid' });
    const prnId = await f.order(f.resident, 'Hydroxyzine', { amount: 25, frequency: 'prn', prn: { indication: 'Anxiety', maxDoses24h: 2, minIntervalMinutes: 240, maxAmount24h: null } });
    await f.t.call('administrations.record', { orderId, scheduledFor: '2026-11-30T14:00:00.000Z', outcome: 'given' });
    f.t.travel('2026-12-01T14:10:00.000Z'); // Tue 09:10
    expect((await residentDoses()).map((d) => [d.scheduledFor, d.status])).toEqual([[NINE, 'due_now']]);
    await f.t.call('administrations.record', { orderId, scheduledFor: NINE, outcome: 'refused', reasonCode: 'patient_refused', reasonText: 'Nauseous' });
    const list = await f.t.call('doses.today', {});
    const resident = list.patients.find((p) => p.patient.id === f.resident)!;
    expect(resident.times.flatMap((t) => t.doses.map((d) => [d.scheduledFor, d.status, d.documented?.outcome]))).toEqual([[NINE, 'refused', 'refused']]);
    expect(resident.prn.map((p) => p.orderId)).toEqual([prnId]);
  });

  it('lists a patient discharged today, and not one discharged yesterday, PRN orders included', async () => {
    f = await startMarFixture();
    f.t.travel('2026-11-25T13:00:00.000Z'); // orders start now: set them up last week
    const create = async (mrn: string, dischargeDate: string) =>
      (await f.t.call('patients.create', { patient: { mrn, familyName: `Leaving${mrn}`, givenName: 'Testpat', dateOfBirth: '1970-03-03', admissionDate: '2026-11-20', dischargeDate, residence: 'facility' }, allergies: [], confirmedDifferentPerson: true })).id;
    const today = await create('MAR-3', '2026-12-01');
    const yesterday = await create('MAR-4', '2026-11-30');
    for (const p of [today, yesterday]) {
      await f.order(p, 'Thiamine', { amount: 100, frequency: 'bid' });
      await f.order(p, 'Hydroxyzine', { amount: 25, frequency: 'prn', prn: { indication: 'Anxiety', maxDoses24h: 2, minIntervalMinutes: 240, maxAmount24h: null } });
    }
    f.t.travel('2026-12-01T13:00:00.000Z');
    const listed = (await f.t.call('doses.today', {})).patients;
    const of = (id: number) => listed.find((p) => p.patient.id === id);
    expect(of(today)?.times.map((t) => t.localTime)).toEqual(['09:00']);
    expect(of(today)?.prn).toHaveLength(1);
    expect(of(yesterday)).toBeUndefined();
  });

  it('lists a dose at the shift start and leaves one at the shift end to the next shift', async () => {
    f = await startMarFixture();
    await f.as(TEST_ADMIN.login);
    await f.t.call('settings.update', { values: { 'mar.shiftStarts': ['09:00', '21:00'] } });
    await f.as('nurse');
    await f.order(f.resident, 'Thiamine', { amount: 100, frequency: 'bid' });
    f.t.travel('2026-12-01T15:00:00.000Z'); // 10:00: the 09:00-21:00 shift
    expect((await residentDoses()).map((d) => d.localTime)).toEqual(['09:00']);
    f.t.travel('2026-12-02T01:59:00.000Z'); // 20:59, still that shift
    expect((await residentDoses()).map((d) => d.localTime)).toEqual(['09:00']);
    f.t.travel('2026-12-02T02:00:00.000Z'); // 21:00: the night shift, whose first dose is 21:00
    expect((await residentDoses()).map((d) => [d.localDate, d.localTime])).toEqual([['2026-12-01', '21:00']]);
  });
});
