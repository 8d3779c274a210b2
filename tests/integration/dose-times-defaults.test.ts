import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DOSE_TIMES } from '../../main/domain/frequency';
import { startMarFixture, type MarFixture } from '../support/mar';

/**
 * Default dose times (issue 7 item 1): three times daily is 08:00/14:00/20:00. Clinic set-up
 * stores no dose times, so a clinic that never saved them reads today's defaults; one whose
 * administrator saved dose times keeps what it saved (README, "Dose times").
 */
let f: MarFixture;
afterEach(async () => f.t.cleanup());

const timesOf = async (patientId: number) => (await f.t.call('doses.today', { patientId })).patients.flatMap((p) => p.times.map((t) => t.localTime));

describe('default dose times', () => {
  it('puts a three-times-daily order at 08:00, 14:00 and 20:00 when the clinic never saved dose times', async () => {
    f = await startMarFixture();
    const stored = await f.db().selectFrom('settings').select('key').where('key', '=', 'doses.times').execute();
    expect(stored).toEqual([]);
    await f.order(f.resident, 'Gabapentin', { amount: 300, frequency: 'tid' });
    // 08:00 local, day shift 07:00-19:00: the 08:00 and 14:00 doses.
    expect(await timesOf(f.resident)).toEqual(['08:00', '14:00']);
    f.t.travel('2026-12-02T00:30:00.000Z'); // 19:30, night shift
    expect(await timesOf(f.resident)).toEqual(['20:00']);
  });

  it('keeps dose times an administrator saved', async () => {
    f = await startMarFixture();
    await f.as('admin');
    await f.t.call('settings.update', { values: { 'doses.times': { ...DEFAULT_DOSE_TIMES, tid: ['09:00', '14:00', '21:00'] } } });
    await f.as('nurse');
    await f.order(f.resident, 'Gabapentin', { amount: 300, frequency: 'tid' });
    expect(await timesOf(f.resident)).toEqual(['09:00', '14:00']);
  });

  it('refuses dose times out of order, naming the frequency and changing nothing; a good entry is audited', async () => {
    f = await startMarFixture();
    await f.as('admin');
    const auditBefore = await f.count('audit_log');
    const r = await f.t.raw('settings.update', { values: { 'doses.times': { ...DEFAULT_DOSE_TIMES, bid: ['21:00', '09:00'] } } });
    expect(r.error?.message).toBe('Dose times: twice daily: list the times earliest first, as the day runs (09:00, 21:00).');
    expect((r.error as { fields?: unknown[] } | undefined)?.fields).toContainEqual({ path: 'doses.times.bid', message: 'Twice daily: list the times earliest first, as the day runs (09:00, 21:00).' });
    expect(await f.count('audit_log')).toBe(auditBefore);
    expect(await f.db().selectFrom('settings').select('key').where('key', '=', 'doses.times').execute()).toEqual([]);

    await f.t.call('settings.update', { values: { 'doses.times': { ...DEFAULT_DOSE_TIMES, bid: ['10:00', '22:00'] } } });
    const audit = await f.db().selectFrom('audit_log').select(['action', 'entity_id', 'before_json', 'after_json']).where('id', '>', auditBefore).execute();
    expect(audit.map((a) => [a.action, a.entity_id])).toEqual([['settings.update', 'doses.times']]);
    expect(JSON.parse(audit[0].before_json!).bid).toEqual(['09:00', '21:00']);
    expect(JSON.parse(audit[0].after_json!).bid).toEqual(['10:00', '22:00']);
    // Nurses cannot change them.
    await f.as('nurse');
    expect((await f.t.raw('settings.update', { values: { 'doses.times': DEFAULT_DOSE_TIMES } })).error?.code).toBe('FORBIDDEN');
  });
});
