import { describe, expect, it } from 'vitest';
import type { DoseVersion } from '../../main/domain/doses';
import { taperCalendar } from '../../main/domain/taperCalendar';

function v(id: number, effectiveFrom: string, amount: number, extra: Partial<DoseVersion> = {}): DoseVersion {
  return { id, amount, unit: 'mg', frequency: 'qid', effectiveFrom, voidedAt: null, kind: id === 1 ? 'initial' : 'taper_step', ...extra };
}

// Chlordiazepoxide 25 mg four times daily, stepping down every three days (synthetic).
const plan = [v(3, '2026-03-07T14:00:00.000Z', 15), v(1, '2026-03-01T14:00:00.000Z', 25), v(2, '2026-03-04T14:00:00.000Z', 20)];

describe('taperCalendar', () => {
  it('lists every step in order, each until the next takes over, the last running on', () => {
    const cal = taperCalendar(plan, '2026-03-05T10:00:00.000Z');
    expect(cal.map((s) => [s.version.id, s.until])).toEqual([
      [1, '2026-03-04T14:00:00.000Z'],
      [2, '2026-03-07T14:00:00.000Z'],
      [3, null],
    ]);
  });

  it('marks the step in effect at the instant, the ones before as past and after as planned', () => {
    expect(taperCalendar(plan, '2026-03-05T10:00:00.000Z').map((s) => s.state)).toEqual(['past', 'current', 'planned']);
  });

  it('a step becomes current exactly at its start, not a millisecond before', () => {
    expect(taperCalendar(plan, '2026-03-04T13:59:59.999Z').map((s) => s.state)).toEqual(['current', 'planned', 'planned']);
    expect(taperCalendar(plan, '2026-03-04T14:00:00.000Z').map((s) => s.state)).toEqual(['past', 'current', 'planned']);
  });

  it('before the order starts every step is planned; after the last, the last is current', () => {
    expect(taperCalendar(plan, '2026-02-28T00:00:00.000Z').map((s) => s.state)).toEqual(['planned', 'planned', 'planned']);
    expect(taperCalendar(plan, '2026-04-01T00:00:00.000Z').map((s) => s.state)).toEqual(['past', 'past', 'current']);
  });

  it('leaves out voided steps, and a step replaced at the very instant it starts', () => {
    const versions = [
      ...plan,
      v(4, '2026-03-04T14:00:00.000Z', 10, { voidedAt: '2026-03-02T09:00:00.000Z' }),
      v(5, '2026-03-07T14:00:00.000Z', 12.5),
    ];
    const cal = taperCalendar(versions, '2026-03-05T10:00:00.000Z');
    expect(cal.map((s) => s.version.id)).toEqual([1, 2, 5]);
    expect(cal[1].until).toBe('2026-03-07T14:00:00.000Z');
  });

  it('gives the daily total for fixed daily frequencies, with no float noise', () => {
    const cal = taperCalendar(
      [v(1, '2026-03-01T14:00:00.000Z', 0.1, { frequency: 'tid' }), v(2, '2026-03-02T14:00:00.000Z', 25, { frequency: 'bid' })],
      '2026-03-01T15:00:00.000Z',
    );
    expect(cal.map((s) => s.dailyTotal)).toEqual([0.3, 50]);
  });

  it('has no daily total where a day has no fixed count of doses', () => {
    for (const frequency of ['prn', 'once', 'every_other_day', 'weekly']) {
      expect(
        taperCalendar(
          [v(1, '2026-03-01T14:00:00.000Z', 5, { frequency }), v(2, '2026-03-03T14:00:00.000Z', 2.5)],
          '2026-03-02T00:00:00.000Z',
        )[0].dailyTotal,
      ).toBeNull();
    }
  });

  it('is empty for an order that has no taper steps (a dose change alone is not a taper)', () => {
    expect(
      taperCalendar(
        [v(1, '2026-03-01T14:00:00.000Z', 25), v(2, '2026-03-04T14:00:00.000Z', 20, { kind: 'change' })],
        '2026-03-05T00:00:00.000Z',
      ),
    ).toEqual([]);
    expect(taperCalendar([], '2026-03-05T00:00:00.000Z')).toEqual([]);
  });

  it('counts the instant in whole days across a DST change the same way (instants, not wall times)', () => {
    // US spring forward 8 Mar 2026: a step at local 08:00 CDT is 13:00Z, the day before 14:00Z.
    const dst = [v(1, '2026-03-07T14:00:00.000Z', 20), v(2, '2026-03-08T13:00:00.000Z', 15)];
    expect(taperCalendar(dst, '2026-03-08T12:59:59.999Z').map((s) => s.state)).toEqual(['current', 'planned']);
    expect(taperCalendar(dst, '2026-03-08T13:00:00.000Z').map((s) => s.state)).toEqual(['past', 'current']);
  });
});
