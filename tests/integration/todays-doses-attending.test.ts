import { afterEach, describe, expect, it } from 'vitest';
import { startMarFixture, type MarFixture } from '../support/mar';

/**
 * Today's doses reads scheduled orders only of the patients who can have a dose in the shift
 * (residents, home patients on a program day of the shift), to stay fast for a full program
 * (issue 7 "Speed"). These check the edges of that shortcut as a nurse sees them: a night shift
 * runs into the next calendar day, and a home patient's PRN stays on the list on other days.
 */
let f: MarFixture;
afterEach(async () => f.t.cleanup());

const today = async () => (await f.t.call('doses.today', {})).patients;

describe("Today's doses: who is on the list", () => {
  it("lists a home patient's after-midnight doses on a night shift when only the next day is a program day", async () => {
    f = await startMarFixture(); // Tue 1 Dec 08:00 New York
    await f.t.call('programDays.update', { patientId: f.home, weekdays: [3] }); // Wednesdays only
    await f.order(f.home, 'Folic acid', { amount: 1, frequency: 'q6h' });
    f.t.travel('2026-12-02T01:00:00.000Z'); // Tue 20:00: the night shift runs to Wed 07:00
    const home = (await today()).find((p) => p.patient.id === f.home);
    expect(home?.times.map((t) => t.localTime)).toEqual(['00:00', '06:00']);
    f.t.travel('2026-12-01T15:00:00.000Z'); // Tue 10:00, day shift: not a program day
    expect((await today()).find((p) => p.patient.id === f.home)).toBeUndefined();
  });

  it("keeps a home patient's PRN on the list on a day without program, with no scheduled dose", async () => {
    f = await startMarFixture();
    await f.t.call('programDays.update', { patientId: f.home, weekdays: [4] }); // Thursdays only; today is Tuesday
    await f.order(f.home, 'Thiamine', { amount: 100, frequency: 'daily' });
    const prnId = await f.order(f.home, 'Hydroxyzine', { amount: 25, frequency: 'prn', prn: { indication: 'Anxiety', maxDoses24h: 2, minIntervalMinutes: 240, maxAmount24h: null } });
    await f.order(f.resident, 'Thiamine', { amount: 100, frequency: 'daily' });
    const list = await today();
    const home = list.find((p) => p.patient.id === f.home);
    expect(home?.times).toEqual([]);
    expect(home?.prn.map((p) => p.orderId)).toEqual([prnId]);
    expect(list.find((p) => p.patient.id === f.resident)?.times.map((t) => t.localTime)).toEqual(['09:00']);
  });
});
