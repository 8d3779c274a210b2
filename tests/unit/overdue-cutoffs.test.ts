import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../main/domain/followups';
import {
  bandCutoffs, classifierAt, classifierFromCutoffs, daysLate, daysLateFromToday, DEFAULT_OVERDUE_SETTINGS, type OverdueSettings,
} from '../../main/domain/overdue';

/**
 * The fast path of the worklist and the counts: four cut-off dates per request, then string
 * comparison (in code or in SQL). It must give exactly the band the domain classifier gives,
 * for every due date, at every instant, including the hours around DST changes, where a local
 * day is 23 or 25 hours long and a grace period crosses the jump.
 */
// Each zone with its two changes in 2026: New York's spring forward and fall back, Santiago's
// at local midnight, Lord Howe's half hour; Kolkata has none (and a half-hour offset).
const ZONES: Record<string, string[]> = {
  'America/New_York': ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'],
  'America/Santiago': ['2026-04-05T03:00:00Z', '2026-09-06T04:00:00Z'],
  'Australia/Lord_Howe': ['2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z'],
  'Asia/Kolkata': ['2026-06-01T00:00:00Z'],
};
const SETTINGS: OverdueSettings[] = [
  DEFAULT_OVERDUE_SETTINGS,
  { graceHours: 1, criticalAfterDays: 1, dueSoonDays: 0 },
  { graceHours: 23, criticalAfterDays: 7, dueSoonDays: 3 },
  { graceHours: 25, criticalAfterDays: 2, dueSoonDays: 14 },
  { graceHours: 168, criticalAfterDays: 30, dueSoonDays: 5 },
];

describe('bandCutoffs + bandFromCutoffs agree with classifierAt', () => {
  for (const [zone, edges] of Object.entries(ZONES)) {
    for (const settings of SETTINGS) {
      it(`${zone}, grace ${settings.graceHours} h, critical after ${settings.criticalAfterDays} d, soon ${settings.dueSoonDays} d`, () => {
        const mismatches: string[] = [];
        let checked = 0;
        for (const edge of edges) {
          // Every half hour for a day either side of the change (local midnights and the jump
          // fall on whole or half hours), and the millisecond before each.
          const start = Date.parse(edge) - 24 * 3_600_000;
          for (let t = start; t <= start + 48 * 3_600_000; t += 30 * 60_000) {
            for (const at of [t - 1, t]) {
              const asOf = new Date(at);
              const cut = bandCutoffs(asOf, zone, settings);
              const today = localDate(asOf, zone);
              const classify = classifierAt(asOf, zone, settings);
              const fastClassify = classifierFromCutoffs(cut, zone, settings);
              if (cut.today !== today) mismatches.push(`today ${cut.today} at ${asOf.toISOString()}`);
              // Bands are ranges of due dates, so a wrong cut-off shows within two days of it.
              const near = new Set([cut.criticalThrough, cut.overdueThrough, today, cut.soonThrough].flatMap((c) => [-2, -1, 0, 1, 2].map((d) => addDays(c, d))));
              for (const due of near) {
                const fast = fastClassify(due);
                const rule = classify(due);
                if (fast !== rule) mismatches.push(`${due} at ${asOf.toISOString()}: ${fast}, rule says ${rule}`);
                checked++;
              }
            }
          }
        }
        expect(mismatches.slice(0, 5)).toEqual([]);
        expect(checked).toBeGreaterThan(1000);
      });
    }
  }

  it('sends a date it cannot read to the rule, which marks it as needing attention', () => {
    const asOf = '2026-11-27T15:00:00Z';
    const zone = 'America/New_York';
    const settings = DEFAULT_OVERDUE_SETTINGS;
    const fast = classifierFromCutoffs(bandCutoffs(asOf, zone, settings), zone, settings);
    const rule = classifierAt(asOf, zone, settings);
    for (const due of ['2026-02-30', '2026-13-01', '2026-11-00', 'soon', '', '9999-12-31', '0000-01-01', '0999-12-31', '9000-01-01', '2024-02-29', '2028-02-29', '1000-01-01', '8999-12-31']) {
      expect(fast(due), due).toBe(rule(due));
    }
    expect(fast('2026-02-30')).toBe('needs_attention');
    expect(fast('2024-02-29')).toBe('critically_overdue');
  });

  it('pins the cut-offs at a New York fall-back instant with a day of grace', () => {
    // 2026-11-02 00:30 EST; a review due 2026-10-31 turned overdue at 2026-11-02 00:00 local.
    const cut = bandCutoffs('2026-11-02T05:30:00Z', 'America/New_York', { graceHours: 24, criticalAfterDays: 7, dueSoonDays: 3 });
    expect(cut).toEqual({ criticalThrough: '2026-10-24', overdueThrough: '2026-10-31', today: '2026-11-02', soonThrough: '2026-11-05' });
  });
});

describe('daysLateFromToday is daysLate against the local date', () => {
  it.each(['2026-03-08T06:59:59.999Z', '2026-03-08T07:00:00Z', '2026-11-01T05:59:59Z', '2026-11-01T06:00:00Z', '2026-11-02T04:59:59Z'])('at %s', (at) => {
    const zone = 'America/New_York';
    const today = localDate(at, zone);
    for (let d = -40; d <= 5; d++) {
      const due = addDays(today, d);
      expect(daysLateFromToday(due, today)).toBe(daysLate(due, at, zone));
    }
  });
});
