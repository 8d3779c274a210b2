import { describe, expect, it } from 'vitest';
import { type DoseVersion, doseInEffect, doseTimeline, nextDoseStep } from '../../main/domain/doses';

function v(id: number, effectiveFrom: string, amount: number, extra: Partial<DoseVersion> = {}): DoseVersion {
  return { id, amount, unit: 'mg', frequency: 'daily', effectiveFrom, voidedAt: null, kind: id === 1 ? 'initial' : 'taper_step', ...extra };
}

const versions: DoseVersion[] = [
  v(3, '2026-03-10T14:00:00.000Z', 8),
  v(1, '2026-03-01T14:00:00.000Z', 16),
  v(4, '2026-03-07T14:00:00.000Z', 10, { voidedAt: '2026-03-02T10:00:00.000Z', kind: 'change' }),
  v(2, '2026-03-05T14:00:00.000Z', 12),
];

describe('doseInEffect', () => {
  it('returns the version effective exactly at the instant', () => {
    expect(doseInEffect(versions, '2026-03-05T14:00:00.000Z')?.id).toBe(2);
    expect(doseInEffect(versions, '2026-03-01T14:00:00.000Z')?.id).toBe(1);
  });

  it('returns the earlier version one millisecond before a step', () => {
    expect(doseInEffect(versions, '2026-03-05T13:59:59.999Z')?.id).toBe(1);
  });

  it('returns null before the first version and for no versions', () => {
    expect(doseInEffect(versions, '2026-03-01T13:59:59.999Z')).toBeNull();
    expect(doseInEffect([], '2026-03-01T14:00:00.000Z')).toBeNull();
  });

  it('ignores voided versions, even at times before they were voided', () => {
    expect(doseInEffect(versions, '2026-03-08T00:00:00.000Z')?.id).toBe(2);
    expect(doseInEffect(versions, '2026-03-01T15:00:00.000Z')?.id).toBe(1);
    expect(doseInEffect([v(1, '2026-03-01T14:00:00.000Z', 16, { voidedAt: '2026-03-01T15:00:00.000Z' })], '2026-03-02T00:00:00.000Z')).toBeNull();
  });

  it('breaks a tie at the same instant by the higher id, whatever the input order', () => {
    const tied = [v(7, '2026-03-05T14:00:00.000Z', 11), v(9, '2026-03-05T14:00:00.000Z', 9), v(8, '2026-03-05T14:00:00.000Z', 10)];
    expect(doseInEffect(tied, '2026-03-05T14:00:00.000Z')?.id).toBe(9);
    expect(doseInEffect([...tied].reverse(), '2026-03-06T00:00:00.000Z')?.id).toBe(9);
  });

  it('compares instants, not strings, when offsets differ', () => {
    expect(doseInEffect(versions, '2026-03-05T09:00:00-05:00')?.id).toBe(2);
    expect(doseInEffect([v(1, '2026-03-05T09:00:00-05:00', 12)], '2026-03-05T14:00:00Z')?.id).toBe(1);
    expect(doseInEffect([v(1, '2026-03-05T09:00:00-05:00', 12)], '2026-03-05T13:59:59Z')).toBeNull();
  });

  it('keeps the caller\'s extra fields', () => {
    const rows = [{ ...v(1, '2026-03-01T14:00:00.000Z', 16), reason: 'start' }];
    expect(doseInEffect(rows, '2026-03-02T00:00:00.000Z')?.reason).toBe('start');
  });

  it('rejects a malformed instant with the version id', () => {
    expect(() => doseInEffect([v(5, '2026-03-01 14:00', 1)], '2026-03-02T00:00:00Z')).toThrow(/Dose version 5/);
    expect(() => doseInEffect(versions, '2026-03-02')).toThrow(/offset/);
  });
});

describe('nextDoseStep', () => {
  it('returns the first version strictly after the instant', () => {
    expect(nextDoseStep(versions, '2026-03-05T14:00:00.000Z')?.id).toBe(3);
    expect(nextDoseStep(versions, '2026-03-05T13:59:59.999Z')?.id).toBe(2);
    expect(nextDoseStep(versions, '2026-02-01T00:00:00.000Z')?.id).toBe(1);
  });

  it('skips voided versions and returns null after the last one', () => {
    expect(nextDoseStep(versions, '2026-03-06T00:00:00.000Z')?.id).toBe(3);
    expect(nextDoseStep(versions, '2026-03-10T14:00:00.000Z')).toBeNull();
  });

  it('on a tie returns the one that will be in effect then', () => {
    const tied = [v(2, '2026-03-05T14:00:00.000Z', 12), v(6, '2026-03-05T14:00:00.000Z', 11), v(5, '2026-03-09T14:00:00.000Z', 8)];
    expect(nextDoseStep(tied, '2026-03-01T00:00:00.000Z')?.id).toBe(6);
  });
});

describe('doseTimeline', () => {
  it('sorts by effective time then id and leaves voided versions out', () => {
    expect(doseTimeline(versions).map((x) => x.id)).toEqual([1, 2, 3]);
  });

  it('can include voided versions', () => {
    expect(doseTimeline(versions, { includeVoided: true }).map((x) => x.id)).toEqual([1, 2, 4, 3]);
  });

  it('orders same-instant versions by id and does not touch the input', () => {
    const input = [v(9, '2026-03-05T14:00:00.000Z', 9), v(7, '2026-03-05T09:00:00-05:00', 11)];
    expect(doseTimeline(input).map((x) => x.id)).toEqual([7, 9]);
    expect(input.map((x) => x.id)).toEqual([9, 7]);
  });
});
