import { afterEach, describe, expect, it } from 'vitest';
import { itemsFor, startMarFixture, type MarFixture } from '../support/mar';

/**
 * A correction's replacement answers the score the nurse chose, as the dose dialog does
 * (issue 7 items 5 and 7): main checks the choice with the same rule (domain scoreBackingProblem
 * through backingScore) and refuses, changing nothing, a score that does not qualify.
 */
let f: MarFixture;
afterEach(async () => f.t.cleanup());

const prnClonidine = { amount: 0.1, frequency: 'prn' as const, prn: { indication: 'Opioid withdrawal', maxDoses24h: 4, minIntervalMinutes: 60, maxAmount24h: null }, symptomTrigger: 'COWS >= 5' };

async function setUp() {
  f = await startMarFixture();
  const orderId = await f.order(f.resident, 'Clonidine', prnClonidine);
  const cows = async (total: number, scoredAt: string, patientId = f.resident) =>
    (await f.t.call('scores.record', { patientId, scale: 'COWS', items: itemsFor('COWS', total), scoredAt })).score;
  // 07:20 COWS 6, 07:40 COWS 8 (newest), 07:50 COWS 3; the dose at 08:00 links the newest qualifying one.
  const older = await cows(6, '2026-12-01T12:20:00.000Z');
  const newest = await cows(8, '2026-12-01T12:40:00.000Z');
  const low = await cows(3, '2026-12-01T12:50:00.000Z');
  const { administration } = await f.t.call('administrations.record', { orderId, outcome: 'given' });
  expect(administration.scoreId).toBe(newest.id);
  return { orderId, older, newest, low, cows, entry: administration };
}

const correction = (id: number, scoreId: number | null) => ({
  id,
  reason: 'Linked to the wrong score',
  replacement: { outcome: 'given' as const, administeredAt: '2026-12-01T13:00:00.000Z', scoreId },
});

describe('the score a correction answers', () => {
  it('links the replacement to the score the nurse chose, not the newest', async () => {
    const { older, entry } = await setUp();
    f.t.travel('2026-12-01T13:10:00.000Z');
    const fixed = await f.t.call('administrations.markEnteredInError', correction(entry.id, older.id));
    expect(fixed.replacement).toMatchObject({ correctsId: entry.id, scoreId: older.id });
  });

  it('refuses a score below the trigger or another patient’s, and leaves the entry as it was', async () => {
    const { low, cows, entry } = await setUp();
    const other = await cows(9, '2026-12-01T12:45:00.000Z', f.home);
    f.t.travel('2026-12-01T13:10:00.000Z');
    const before = await f.count('administrations');
    const refusedLow = await f.t.raw('administrations.markEnteredInError', correction(entry.id, low.id));
    expect(refusedLow.error?.message).toBe('This PRN needs a COWS of 5 or more; the COWS of 3 (Tue 1 Dec 07:50) is below it.');
    const refusedOther = await f.t.raw('administrations.markEnteredInError', correction(entry.id, other.id));
    expect(refusedOther.error?.message).toBe('That score is not one of this patient\u2019s.');
    expect(await f.count('administrations')).toBe(before);
    const row = await f.db().selectFrom('administrations').select(['entered_in_error_at', 'score_id']).where('id', '=', entry.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ entered_in_error_at: null, score_id: entry.scoreId });
  });

  it('refuses a score taken after the corrected time', async () => {
    const { cows, entry } = await setUp();
    const later = await cows(7, '2026-12-01T13:05:00.000Z');
    f.t.travel('2026-12-01T13:10:00.000Z');
    const r = await f.t.raw('administrations.markEnteredInError', correction(entry.id, later.id));
    expect(r.error?.message).toMatch(/^The COWS of 7 \(Tue 1 Dec 08:05\) was taken after this dose \(Tue 1 Dec 08:00\)/);
  });
});
