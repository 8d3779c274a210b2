import { describe, expect, it } from 'vitest';
import { dateOutOfRange, instantOutOfRange } from '../../main/domain/clinicalRange';
import { classifyReview, DEFAULT_OVERDUE_SETTINGS, isClassifiable, onTimeRate } from '../../main/domain/overdue';

const NOW = new Date('2026-06-01T14:00:00.000Z');
const ms = (iso: string) => Date.parse(iso);

describe('the clinical range (one place for every date and instant)', () => {
  it('holds record dates to 1900-01-01 .. 100 years from today, both ends inclusive', () => {
    expect(dateOutOfRange('1900-01-01', 'record', NOW)).toBeNull();
    expect(dateOutOfRange('1899-12-31', 'record', NOW)).toMatch(/between 1900-01-01 and 2126-06-01/);
    expect(dateOutOfRange('2126-06-01', 'record', NOW)).toBeNull();
    expect(dateOutOfRange('2126-06-02', 'record', NOW)).not.toBeNull();
  });

  it('holds care dates to 10 years back and 5 ahead, measured from the clock it is given', () => {
    expect(dateOutOfRange('2016-06-01', 'care', NOW)).toBeNull();
    expect(dateOutOfRange('2016-05-31', 'care', NOW)).toMatch(/between 2016-06-01 and 2031-06-01/);
    expect(dateOutOfRange('2031-06-01', 'care', NOW)).toBeNull();
    expect(dateOutOfRange('2031-06-02', 'care', NOW)).not.toBeNull();
    expect(dateOutOfRange('2031-06-02', 'care', new Date('2026-06-02T00:00:00Z'))).toBeNull();
    expect(dateOutOfRange('9999-12-31', 'care', NOW)).not.toBeNull();
  });

  it('allows a birth date up to today (a day of slack for zones ahead of UTC) and not after', () => {
    expect(dateOutOfRange('2026-06-02', 'birth', NOW)).toBeNull();
    expect(dateOutOfRange('2026-06-03', 'birth', NOW)).toMatch(/date of birth/);
  });

  it('holds instants to the first instant of the first day and the last instant of the last day', () => {
    expect(instantOutOfRange(ms('2016-06-01T00:00:00Z'), 'care', NOW)).toBeNull();
    expect(instantOutOfRange(ms('2016-05-31T23:59:59.999Z'), 'care', NOW)).not.toBeNull();
    expect(instantOutOfRange(ms('2031-06-01T23:59:59.999Z'), 'care', NOW)).toBeNull();
    expect(instantOutOfRange(ms('2031-06-02T00:00:00Z'), 'care', NOW)).not.toBeNull();
    expect(instantOutOfRange(8.64e15, 'record', NOW)).not.toBeNull();
    expect(instantOutOfRange(Number.NaN, 'record', NOW)).not.toBeNull();
  });
});

describe('classifying a stored due date no rule can read', () => {
  const NY = 'America/New_York';
  it('reads as needing attention instead of throwing, and counts in no on-time rate', () => {
    for (const bad of ['9999-12-31', '2026-02-30', 'garbage', '']) {
      expect(classifyReview(bad, NOW, NY, DEFAULT_OVERDUE_SETTINGS), bad).toBe('needs_attention');
      expect(isClassifiable(bad, NY, DEFAULT_OVERDUE_SETTINGS)).toBe(false);
    }
    expect(classifyReview('2026-06-01', NOW, NY, DEFAULT_OVERDUE_SETTINGS)).toBe('due_today');
    const reviews = [{ id: 1, prescriberId: 1, dueDate: '2026-0x-01', status: 'scheduled' as const, completedAt: null }];
    expect(onTimeRate(reviews, '2026-01-01', '2026-12-31', NOW, NY, DEFAULT_OVERDUE_SETTINGS)).toMatchObject({ due: 0, pending: 0 });
  });
});
