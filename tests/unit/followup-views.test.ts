import { describe, expect, it } from 'vitest';
import { daysLate, DEFAULT_OVERDUE_SETTINGS } from '../../main/domain/overdue';
import { toView, type FollowupRow, type ReviewClock } from '../../main/services/followups';

/**
 * toView computes days late for completed reviews with a fast per-hour offset lookup (audits
 * convert tens of thousands of times). It must agree with the domain rule everywhere,
 * including across DST changes and in zones with half-hour offsets and half-hour DST.
 */
const row = (dueDate: string, completedAt: string): FollowupRow =>
  ({
    id: 1, patient_id: 1, order_id: null, dose_version_id: null, kind: 'manual', due_date: dueDate, assigned_prescriber_id: 1,
    status: 'completed', origin: 'manual', reason: null, completed_at: completedAt, completed_by: 1, outcome: 'continue', note: 'n',
    cancelled_reason: null, cancelled_at: null, created_at: completedAt, created_by: 1, family_name: 'F', given_name: 'G', mrn: 'M',
    prescriber_name: 'P', medication_name: null, drug_class: null, completed_by_name: 'P',
  }) as FollowupRow;

describe('days late of completed reviews', () => {
  for (const zone of ['America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC']) {
    it(`agrees with the domain rule every 7 minutes around DST changes in ${zone}`, () => {
      const rc: ReviewClock = { now: new Date('2026-12-01T00:00:00Z'), zone, overdue: DEFAULT_OVERDUE_SETTINGS };
      for (const [from, to] of [
        ['2026-03-06T00:00:00Z', '2026-03-10T00:00:00Z'],
        ['2026-04-03T00:00:00Z', '2026-04-07T00:00:00Z'],
        ['2026-09-25T00:00:00Z', '2026-09-29T00:00:00Z'],
        ['2026-10-02T00:00:00Z', '2026-10-06T00:00:00Z'],
        ['2026-10-30T00:00:00Z', '2026-11-03T00:00:00Z'],
      ]) {
        for (let ms = Date.parse(from); ms < Date.parse(to); ms += 7 * 60_000) {
          const at = new Date(ms).toISOString();
          const due = at.slice(0, 8) + '01';
          expect(toView(row(due, at), rc).daysLate, `${zone} ${at}`).toBe(daysLate(due, at, zone));
        }
      }
    });
  }
});

describe('days late of completed reviews, pinned', () => {
  // Literal values, so a fault shared by the fast lookup and the domain rule cannot hide.
  const rc = (zone: string): ReviewClock => ({ now: new Date('2026-12-01T00:00:00Z'), zone, overdue: DEFAULT_OVERDUE_SETTINGS });
  it.each([
    ['America/New_York', '2026-03-07', '2026-03-09T03:59:59.999Z', 1], // still Mar 8, the 23-hour day
    ['America/New_York', '2026-03-07', '2026-03-09T04:00:00.000Z', 2],
    ['America/New_York', '2026-10-31', '2026-11-02T04:59:59.999Z', 1], // still Nov 1, the 25-hour day
    ['America/New_York', '2026-06-10', '2026-06-10T20:00:00.000Z', 0], // on the day
    ['America/New_York', '2026-06-10', '2026-06-09T20:00:00.000Z', 0], // early
    ['Asia/Kolkata', '2026-06-10', '2026-06-10T18:30:00.000Z', 1], // midnight IST
    ['Pacific/Chatham', '2026-04-04', '2026-04-04T10:14:59.999Z', 0], // 23:59:59.999 CHADT (+13:45) on Apr 4
    ['Pacific/Chatham', '2026-04-04', '2026-04-04T10:15:00.000Z', 1],
    ['UTC', '2026-02-27', '2026-03-01T00:00:00.000Z', 2],
  ] as const)('%s, due %s, completed %s: %i days late', (zone, due, at, expected) => {
    expect(toView(row(due, at), rc(zone)).daysLate).toBe(expected);
  });
});
