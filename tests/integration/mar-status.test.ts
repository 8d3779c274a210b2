import { afterEach, describe, expect, it } from 'vitest';
import { startMarFixture, type MarFixture } from '../support/mar';

/**
 * The MAR's cells say where each due dose stands, by the shift it belongs to (the MAR works out
 * each dose time's shift once, main/services/mar.ts): a blank from a shift that has ended is
 * "not documented", one past its window in the shift still running is "late".
 */
let f: MarFixture;
afterEach(async () => f.t.cleanup());

describe('MAR cell status by shift', () => {
  it("shows yesterday's blank dose as not documented, and this shift's overdue one as late", async () => {
    f = await startMarFixture();
    f.t.travel('2026-11-30T13:00:00.000Z'); // Mon 08:00 New York: orders start now
    await f.order(f.resident, 'Thiamine', { amount: 100, frequency: 'daily' });
    f.t.travel('2026-12-01T15:30:00.000Z'); // Tue 10:30: past the 09:00 dose's 60-minute window
    const mar = await f.t.call('mar.forPatient', { patientId: f.resident, days: 2 });
    const cells = mar.rows.flatMap((r) => r.cells.map((c) => [c.date, r.localTime, c.due?.status]));
    expect(cells).toEqual([
      ['2026-11-30', '09:00', 'not_documented'],
      ['2026-12-01', '09:00', 'late'],
    ]);
  });
});
