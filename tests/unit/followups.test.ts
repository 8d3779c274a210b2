import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DeaSchedule as DbDeaSchedule, FollowupKind, SedatingClass as DbSedatingClass } from '../../db/schema';
import {
  DEFAULT_REVIEW_POLICY, POLICY_EVENT_KINDS, REVIEW_KINDS, ReviewPolicySchema,
  addDays, calendarDaysBetween, dueDateFor, localDate, orderRunsOn, policyFor,
  type DeaSchedule, type MedicationFacts, type ReviewKind, type ReviewPolicy, type ReviewRule, type SedatingClass,
} from '../../main/domain/followups';

const NY = 'America/New_York';
const PHOENIX = 'America/Phoenix'; // no DST
const KOLKATA = 'Asia/Kolkata'; // no DST, half-hour offset

const plain: MedicationFacts = { drugClass: 'SSRI', sedatingClass: null, deaSchedule: null, withdrawalManagement: false };
const lorazepam: MedicationFacts = { drugClass: 'Benzodiazepine', sedatingClass: 'benzodiazepine', deaSchedule: 'IV', withdrawalManagement: true };
const chlordiazepoxide: MedicationFacts = { ...lorazepam, drugClass: 'benzodiazepine' };
const phenobarbital: MedicationFacts = { drugClass: 'Barbiturate', sedatingClass: 'barbiturate', deaSchedule: 'IV', withdrawalManagement: true };
const buprenorphine: MedicationFacts = { drugClass: 'Opioid partial agonist', sedatingClass: 'opioid', deaSchedule: 'III', withdrawalManagement: true };
const oxycodone: MedicationFacts = { drugClass: 'Opioid agonist', sedatingClass: 'opioid', deaSchedule: 'II', withdrawalManagement: false };

/** A valid policy: the defaults plus `extra` rules. */
function withRules(...extra: ReviewRule[]): ReviewPolicy {
  return { rules: [...DEFAULT_REVIEW_POLICY.rules, ...extra] };
}

describe('kind constants', () => {
  it('match the database types', () => {
    expectTypeOf<ReviewKind>().toEqualTypeOf<FollowupKind>();
    expectTypeOf<SedatingClass>().toEqualTypeOf<DbSedatingClass>();
    expectTypeOf<DeaSchedule>().toEqualTypeOf<DbDeaSchedule>();
    expect(REVIEW_KINDS).toHaveLength(8);
  });

  it('leave manual reviews and MAR alerts out of policy', () => {
    expect(POLICY_EVENT_KINDS).not.toContain('manual');
    expect(POLICY_EVENT_KINDS).not.toContain('mar_alert');
    expect([...POLICY_EVENT_KINDS, 'manual', 'mar_alert'].sort()).toEqual([...REVIEW_KINDS].sort());
  });
});

describe('policyFor with the default policy', () => {
  it.each([
    ['order_start', lorazepam, 3],
    ['order_start', buprenorphine, 3],
    ['order_start', plain, null],
    ['order_start', oxycodone, null],
    ['dose_change', plain, 7],
    ['dose_change', lorazepam, 7],
    ['taper_step', lorazepam, 0],
    ['resume', plain, 3],
    ['resume', phenobarbital, 3],
    ['routine', plain, 28],
    ['routine', oxycodone, 28],
    ['routine', lorazepam, 14],
    ['routine', phenobarbital, 14],
    ['discharge', plain, 0],
    ['discharge', lorazepam, 0],
  ] as const)('%s for %o → %s', (event, facts, days) => {
    expect(policyFor(event, facts, DEFAULT_REVIEW_POLICY)).toBe(days);
  });

  it('is frozen, so no caller can edit the defaults for everyone', () => {
    expect(Object.isFrozen(DEFAULT_REVIEW_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_REVIEW_POLICY.rules)).toBe(true);
    expect(DEFAULT_REVIEW_POLICY.rules.every((r) => Object.isFrozen(r))).toBe(true);
  });

  it('passes its own schema', () => {
    expect(ReviewPolicySchema.safeParse(DEFAULT_REVIEW_POLICY).success).toBe(true);
  });
});

describe('policyFor: the most specific matching rule wins', () => {
  const schedII: ReviewRule = { event: 'routine', deaSchedule: 'II', days: 7 };
  const benzoIV: ReviewRule = { event: 'routine', sedatingClass: 'benzodiazepine', deaSchedule: 'IV', days: 10 };
  const benzoWmIV: ReviewRule = { event: 'routine', sedatingClass: 'benzodiazepine', deaSchedule: 'IV', withdrawalManagement: true, days: 5 };

  it('uses a one-criterion rule over the catch-all', () => {
    expect(policyFor('routine', oxycodone, withRules(schedII))).toBe(7);
    expect(policyFor('routine', buprenorphine, withRules(schedII))).toBe(28);
  });

  it('uses more criteria over fewer, whatever the listed order', () => {
    const policy = withRules(benzoWmIV, benzoIV);
    expect(policyFor('routine', lorazepam, policy)).toBe(5);
    expect(policyFor('routine', lorazepam, { rules: [...policy.rules].reverse() })).toBe(5);
    expect(policyFor('routine', { ...lorazepam, withdrawalManagement: false }, policy)).toBe(10);
  });

  it('ignores a rule whose criterion the medication lacks (null schedule ≠ any schedule)', () => {
    expect(policyFor('routine', plain, withRules(schedII))).toBe(28);
  });

  it('on a tie between equally specific rules, takes the earlier review', () => {
    const byClass: ReviewRule = { event: 'dose_change', sedatingClass: 'benzodiazepine', days: 5 };
    const bySchedule: ReviewRule = { event: 'dose_change', deaSchedule: 'IV', days: 4 };
    expect(policyFor('dose_change', lorazepam, withRules(byClass, bySchedule))).toBe(4);
    expect(policyFor('dose_change', lorazepam, withRules(bySchedule, byClass))).toBe(4);
  });

  it('on a tie, a review beats "no review"; two "no review" rules give none', () => {
    const off: ReviewRule = { event: 'dose_change', sedatingClass: 'benzodiazepine', days: null };
    const on: ReviewRule = { event: 'dose_change', deaSchedule: 'IV', days: 9 };
    const offToo: ReviewRule = { event: 'dose_change', deaSchedule: 'IV', days: null };
    expect(policyFor('dose_change', lorazepam, withRules(off, on))).toBe(9);
    expect(policyFor('dose_change', lorazepam, withRules(on, off))).toBe(9);
    expect(policyFor('dose_change', lorazepam, withRules(off, offToo))).toBeNull();
  });

  it('lets a narrower rule switch a review off (null) and keeps 0 as "due the same day"', () => {
    const policy = withRules({ event: 'dose_change', drugClass: 'SSRI', days: null }, { event: 'resume', drugClass: 'SSRI', days: 0 });
    expect(policyFor('dose_change', plain, policy)).toBeNull();
    expect(policyFor('resume', plain, policy)).toBe(0);
    expect(policyFor('dose_change', lorazepam, policy)).toBe(7);
  });

  it('matches drug class without regard to case or edge spaces', () => {
    const policy = withRules({ event: 'dose_change', drugClass: '  benzodiazepine ', days: 5 });
    expect(policyFor('dose_change', lorazepam, policy)).toBe(5); // 'Benzodiazepine'
    expect(policyFor('dose_change', chlordiazepoxide, policy)).toBe(5);
    expect(policyFor('dose_change', phenobarbital, policy)).toBe(7);
  });

  it('treats withdrawalManagement: false as a criterion, not a wildcard', () => {
    const policy = withRules({ event: 'dose_change', withdrawalManagement: false, days: 14 });
    expect(policyFor('dose_change', plain, policy)).toBe(14);
    expect(policyFor('dose_change', lorazepam, policy)).toBe(7);
  });

  it('returns null when no rule covers the event (only possible in an unvalidated policy)', () => {
    expect(policyFor('routine', plain, { rules: [] })).toBeNull();
    expect(policyFor('routine', plain, { rules: [{ event: 'routine', deaSchedule: 'II', days: 3 }] })).toBeNull();
  });
});

describe('ReviewPolicySchema', () => {
  const base = () => JSON.parse(JSON.stringify(DEFAULT_REVIEW_POLICY)) as { rules: Record<string, unknown>[] };
  const withRaw = (...extra: Record<string, unknown>[]) => ({ rules: [...base().rules, ...extra] });
  const messages = (value: unknown) => {
    const r = ReviewPolicySchema.safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it('accepts an admin edit that round-trips through JSON (as stored in settings)', () => {
    const edited = withRaw({ event: 'routine', deaSchedule: 'II', days: 7 }, { event: 'dose_change', drugClass: ' Stimulant ', days: null });
    const parsed = ReviewPolicySchema.parse(edited);
    expect(parsed.rules.at(-1)?.drugClass).toBe('Stimulant');
    expect(policyFor('routine', oxycodone, parsed)).toBe(7);
  });

  it.each([
    ['a misspelt criterion', { event: 'routine', sedatingclass: 'opioid', days: 7 }],
    ['negative days', { event: 'routine', deaSchedule: 'II', days: -1 }],
    ['fractional days', { event: 'routine', deaSchedule: 'II', days: 1.5 }],
    ['more than a year', { event: 'routine', deaSchedule: 'II', days: 366 }],
    ['days left out (must be a number or explicit null)', { event: 'routine', deaSchedule: 'II' }],
    ['days as a string', { event: 'routine', deaSchedule: 'II', days: '7' }],
    ['a manual event', { event: 'manual', days: 7 }],
    ['an unknown schedule', { event: 'routine', deaSchedule: 'I', days: 7 }],
    ['an unknown sedating class', { event: 'routine', sedatingClass: 'stimulant', days: 7 }],
    ['a blank drug class', { event: 'routine', drugClass: '   ', days: 7 }],
    ['a non-boolean flag', { event: 'routine', withdrawalManagement: 'yes', days: 7 }],
  ])('rejects %s', (_label, rule) => {
    expect(ReviewPolicySchema.safeParse(withRaw(rule)).success).toBe(false);
  });

  it('rejects a policy without a catch-all for some event, naming the event', () => {
    const policy = base();
    policy.rules = policy.rules.filter((r) => !(r.event === 'resume'));
    expect(messages(policy)).toEqual([expect.stringContaining("'resume'")]);
  });

  it('does not count a narrow rule as the catch-all', () => {
    const policy = base();
    policy.rules = policy.rules.filter((r) => !(r.event === 'routine' && r.sedatingClass === undefined));
    expect(messages(policy)).toEqual([expect.stringContaining("'routine'")]);
  });

  it('rejects two rules with the same event and criteria, even differing only in case', () => {
    expect(messages(withRaw({ event: 'routine', days: 30 }))).toEqual([expect.stringContaining('Duplicate')]);
    expect(
      messages(withRaw({ event: 'routine', drugClass: 'SSRI', days: 30 }, { event: 'routine', drugClass: 'ssri ', days: 20 })),
    ).toEqual([expect.stringContaining('Duplicate')]);
  });

  it('allows the same criteria for different events', () => {
    expect(messages(withRaw({ event: 'routine', deaSchedule: 'II', days: 7 }, { event: 'dose_change', deaSchedule: 'II', days: 3 }))).toEqual([]);
  });

  it('rejects unknown top-level keys and non-objects', () => {
    expect(ReviewPolicySchema.safeParse({ ...base(), version: 2 }).success).toBe(false);
    expect(ReviewPolicySchema.safeParse(null).success).toBe(false);
    expect(ReviewPolicySchema.safeParse({ rules: 'all' }).success).toBe(false);
  });
});

describe('dueDateFor', () => {
  it('adds calendar days to the local date of the event', () => {
    expect(dueDateFor('2026-06-10T14:00:00Z', 7, NY)).toBe('2026-06-17');
    expect(dueDateFor(new Date('2026-06-10T14:00:00Z'), 0, NY)).toBe('2026-06-10');
  });

  it('takes the date in the clinic zone, not in UTC', () => {
    // 23:59:59.999 EST on Jan 9 / midnight on Jan 10.
    expect(dueDateFor('2026-01-10T04:59:59.999Z', 0, NY)).toBe('2026-01-09');
    expect(dueDateFor('2026-01-10T05:00:00.000Z', 0, NY)).toBe('2026-01-10');
    expect(dueDateFor('2026-01-10T04:59:59.999Z', 3, NY)).toBe('2026-01-12');
    expect(dueDateFor('2026-01-10T04:59:59.999Z', 3, 'UTC')).toBe('2026-01-13');
    expect(dueDateFor('2026-01-09T10:00:00Z', 0, 'Pacific/Kiritimati')).toBe('2026-01-10'); // UTC+14
  });

  it('accepts instants written with an offset', () => {
    expect(dueDateFor('2026-01-09T23:30:00-05:00', 1, NY)).toBe('2026-01-10');
    expect(dueDateFor('2026-01-09T23:30:00-0500', 1, 'UTC')).toBe('2026-01-11');
  });

  describe('across the US spring-forward (2026-03-08, 02:00 EST → 03:00 EDT)', () => {
    it.each([
      ['2026-03-07T17:00:00Z', 1, '2026-03-08'], // noon the day before
      ['2026-03-01T17:00:00Z', 7, '2026-03-08'], // a calendar week that lands on the short day
      ['2026-03-08T06:59:59.999Z', 0, '2026-03-08'], // 01:59:59.999 EST, the last instant before the jump
      ['2026-03-08T07:00:00Z', 7, '2026-03-15'], // 03:00 EDT
      ['2026-03-08T04:59:59.999Z', 7, '2026-03-14'], // 23:59:59.999 EST on Mar 7
      ['2026-03-09T03:59:59.999Z', 0, '2026-03-08'], // 23:59:59.999 EDT: the 23-hour day is still Mar 8
      ['2026-03-09T04:00:00Z', 0, '2026-03-09'],
    ])('%s + %i days in New York → %s', (at, days, due) => {
      expect(dueDateFor(at, days, NY)).toBe(due);
    });
  });

  describe('across the US fall-back (2026-11-01, 02:00 EDT → 01:00 EST)', () => {
    it.each([
      ['2026-10-25T16:00:00Z', 7, '2026-11-01'],
      ['2026-11-01T05:30:00Z', 3, '2026-11-04'], // 01:30 EDT, first pass through the repeated hour
      ['2026-11-01T06:30:00Z', 3, '2026-11-04'], // 01:30 EST, second pass
      ['2026-11-02T04:59:59.999Z', 0, '2026-11-01'], // 23:59:59.999 EST: the 25-hour day is still Nov 1
      ['2026-11-02T05:00:00Z', 0, '2026-11-02'],
      ['2026-11-01T03:59:59.999Z', 0, '2026-10-31'], // 23:59:59.999 EDT on Oct 31
    ])('%s + %i days in New York → %s', (at, days, due) => {
      expect(dueDateFor(at, days, NY)).toBe(due);
    });
  });

  it('in zones without DST, the same instants fall on their own local dates', () => {
    expect(dueDateFor('2026-03-08T06:59:59.999Z', 0, PHOENIX)).toBe('2026-03-07'); // 23:59:59.999 MST
    expect(dueDateFor('2026-03-08T07:00:00Z', 7, PHOENIX)).toBe('2026-03-15');
    expect(dueDateFor('2026-11-01T06:59:59.999Z', 0, PHOENIX)).toBe('2026-10-31');
    expect(dueDateFor('2026-03-07T18:29:59.999Z', 0, KOLKATA)).toBe('2026-03-07');
    expect(dueDateFor('2026-03-07T18:30:00Z', 0, KOLKATA)).toBe('2026-03-08');
  });

  it('rolls over month and year ends by calendar days', () => {
    expect(dueDateFor('2026-01-31T15:00:00Z', 28, NY)).toBe('2026-02-28');
    expect(dueDateFor('2026-01-31T15:00:00Z', 29, NY)).toBe('2026-03-01');
    expect(dueDateFor('2026-04-30T15:00:00Z', 1, NY)).toBe('2026-05-01');
    expect(dueDateFor('2026-12-31T15:00:00Z', 1, NY)).toBe('2027-01-01');
    expect(dueDateFor('2026-12-18T15:00:00Z', 14, NY)).toBe('2027-01-01');
  });

  it('handles the leap day 2028-02-29', () => {
    expect(dueDateFor('2028-01-31T15:00:00Z', 29, NY)).toBe('2028-02-29');
    expect(dueDateFor('2028-02-28T15:00:00Z', 1, NY)).toBe('2028-02-29');
    expect(dueDateFor('2028-02-29T15:00:00Z', 0, NY)).toBe('2028-02-29');
    expect(dueDateFor('2028-02-29T15:00:00Z', 28, NY)).toBe('2028-03-28');
    expect(dueDateFor('2028-02-29T15:00:00Z', 365, NY)).toBe('2029-02-28');
    expect(dueDateFor('2028-03-01T04:59:59.999Z', 0, NY)).toBe('2028-02-29');
  });

  it("puts a taper step's review on the step's own local date", () => {
    const days = policyFor('taper_step', lorazepam, DEFAULT_REVIEW_POLICY);
    expect(days).toBe(0);
    // A step effective at 21:00 local on Nov 1 is 02:00Z on Nov 2.
    expect(dueDateFor('2026-11-02T02:00:00Z', days ?? Number.NaN, NY)).toBe('2026-11-01');
  });

  it('refuses what it cannot read unambiguously', () => {
    expect(() => dueDateFor('2026-06-10T14:00:00', 7, NY)).toThrow(/offset/); // would mean the host's zone
    expect(() => dueDateFor('2026-06-10', 7, NY)).toThrow(RangeError);
    expect(() => dueDateFor('not a time', 7, NY)).toThrow(RangeError);
    expect(() => dueDateFor('2026-02-30T10:00:00Z', 7, NY)).toThrow(RangeError);
    expect(() => dueDateFor(new Date(Number.NaN), 7, NY)).toThrow(RangeError);
    expect(() => dueDateFor('2026-06-10T14:00:00Z', 7, 'Mars/Olympus_Mons')).toThrow(/time zone/);
    expect(() => dueDateFor('2026-06-10T14:00:00Z', 7, 'EST+5')).toThrow(/time zone/);
    expect(() => dueDateFor('2026-06-10T14:00:00Z', -1, NY)).toThrow(RangeError);
    expect(() => dueDateFor('2026-06-10T14:00:00Z', 1.5, NY)).toThrow(RangeError);
  });
});

describe('calendar helpers', () => {
  it('addDays works on dates alone, forwards and back', () => {
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-11-01', 0)).toBe('2026-11-01');
  });

  it('calendarDaysBetween counts whole days, signed, ignoring DST', () => {
    expect(calendarDaysBetween('2026-03-01', '2026-03-15')).toBe(14);
    expect(calendarDaysBetween('2026-10-25', '2026-11-08')).toBe(14);
    expect(calendarDaysBetween('2026-03-15', '2026-03-01')).toBe(-14);
    expect(calendarDaysBetween('2028-02-01', '2028-03-01')).toBe(29);
    expect(calendarDaysBetween('2026-02-01', '2026-03-01')).toBe(28);
  });

  it('localDate reads an instant in the zone', () => {
    expect(localDate('2026-11-02T04:59:59.999Z', NY)).toBe('2026-11-01');
    expect(localDate('2026-11-02T04:59:59.999Z', 'UTC')).toBe('2026-11-02');
  });

  it.each(['2026-02-30', '2026-2-3', '20260203', '2026-13-01', '2026-06-10T00:00', ''])('rejects the date %j', (bad) => {
    expect(() => addDays(bad, 1)).toThrow(/calendar date/);
  });

  it('rejects fractional day counts', () => {
    expect(() => addDays('2026-06-10', 0.5)).toThrow(RangeError);
  });
});

describe('orderRunsOn: whether a routine review due on a date is still needed', () => {
  it('an open-ended order runs on every date', () => {
    expect(orderRunsOn('2099-12-31', null, NY)).toBe(true);
  });

  it('runs on its last day while any part of it falls before the end', () => {
    // Ends 09:00 EDT on June 15: June 15 still counts, June 16 does not.
    expect(orderRunsOn('2026-06-15', '2026-06-15T13:00:00.000Z', NY)).toBe(true);
    expect(orderRunsOn('2026-06-16', '2026-06-15T13:00:00.000Z', NY)).toBe(false);
  });

  it('an order ending exactly at local midnight does not run on the day that midnight begins', () => {
    expect(orderRunsOn('2026-06-16', '2026-06-16T04:00:00.000Z', NY)).toBe(false); // 00:00 EDT
    expect(orderRunsOn('2026-06-16', '2026-06-16T04:00:00.001Z', NY)).toBe(true);
    expect(orderRunsOn('2026-06-15', '2026-06-16T04:00:00.000Z', NY)).toBe(true);
  });

  it('uses the clinic zone across daylight-saving changes and half-hour offsets', () => {
    // Spring forward: March 8 2026 starts at 05:00Z (EST); November 1 starts at 04:00Z (EDT).
    expect(orderRunsOn('2026-03-08', '2026-03-08T05:00:00.000Z', NY)).toBe(false);
    expect(orderRunsOn('2026-03-08', '2026-03-08T05:00:00.001Z', NY)).toBe(true);
    expect(orderRunsOn('2026-11-01', '2026-11-01T04:00:00.000Z', NY)).toBe(false);
    expect(orderRunsOn('2026-11-01', '2026-11-01T04:00:00.001Z', NY)).toBe(true);
    // Kolkata: midnight June 16 is 18:30Z on June 15.
    expect(orderRunsOn('2026-06-16', '2026-06-15T18:30:00.000Z', KOLKATA)).toBe(false);
    expect(orderRunsOn('2026-06-16', '2026-06-15T18:30:00.001Z', KOLKATA)).toBe(true);
    expect(orderRunsOn('2026-06-16', '2026-06-16T06:59:59.999Z', PHOENIX)).toBe(false);
  });
});
