import { describe, expect, it } from 'vitest';
import type { DoseVersion } from '../../main/domain/doses';
import {
  BACKDATE_TOLERANCE_MINUTES,
  doseShownAt,
  isBackDated,
  isPastDischarge,
  orderStatusAt,
  plannedTaperSteps,
} from '../../main/domain/orders';

/** The order-level rules of main/domain/orders.ts at their edges, DST days included. */
const NY = 'America/New_York';
const at = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const NOW = '2026-03-03T14:00:00.000Z';

describe('isBackDated', () => {
  it('allows exactly ten minutes back and refuses one millisecond more', () => {
    expect(BACKDATE_TOLERANCE_MINUTES).toBe(10);
    expect(isBackDated(at(NOW, -10 * 60_000), NOW)).toBe(false);
    expect(isBackDated(at(NOW, -10 * 60_000 - 1), NOW)).toBe(true);
    expect(isBackDated('2026-03-02T14:00:00.000Z', NOW)).toBe(true);
  });

  it('never refuses now or the future, and reads offsets as instants', () => {
    expect(isBackDated(NOW, NOW)).toBe(false);
    expect(isBackDated('2026-04-01T09:00:00.000Z', NOW)).toBe(false);
    // 08:51 in New York is 13:51Z: nine minutes back, allowed; 08:49 is eleven, refused.
    expect(isBackDated('2026-03-03T08:51:00-05:00', NOW)).toBe(false);
    expect(isBackDated('2026-03-03T08:49:00-05:00', NOW)).toBe(true);
  });
});

describe('orderStatusAt', () => {
  const end = '2026-03-04T14:00:00.000Z';
  it('reads an active or held order as completed from its end instant on', () => {
    expect(orderStatusAt({ status: 'active', endAt: end }, at(end, -1))).toBe('active');
    expect(orderStatusAt({ status: 'active', endAt: end }, end)).toBe('completed');
    expect(orderStatusAt({ status: 'held', endAt: end }, at(end, -1))).toBe('held');
    expect(orderStatusAt({ status: 'held', endAt: end }, end)).toBe('completed');
  });

  it('leaves a stopped order stopped, and an order with no end running', () => {
    expect(orderStatusAt({ status: 'discontinued', endAt: end }, '2027-01-01T00:00:00Z')).toBe('discontinued');
    expect(orderStatusAt({ status: 'active', endAt: null }, '2030-01-01T00:00:00Z')).toBe('active');
  });
});

describe('isPastDischarge', () => {
  it('allows the whole discharge day in the clinic zone, not the next midnight', () => {
    expect(isPastDischarge('2026-03-02', '2026-03-03T04:59:59.999Z', NY)).toBe(false); // 23:59:59.999 EST
    expect(isPastDischarge('2026-03-02', '2026-03-03T05:00:00.000Z', NY)).toBe(true);
    expect(isPastDischarge('2026-03-02', '2026-03-02T05:00:00.000Z', NY)).toBe(false); // its first minute
  });

  it('ends the day at local midnight across both DST changes', () => {
    // 8 March 2026 springs forward: the next midnight is EDT (UTC-4).
    expect(isPastDischarge('2026-03-08', '2026-03-09T03:59:59.999Z', NY)).toBe(false);
    expect(isPastDischarge('2026-03-08', '2026-03-09T04:00:00.000Z', NY)).toBe(true);
    // 1 November 2026 falls back: the next midnight is EST (UTC-5).
    expect(isPastDischarge('2026-11-01', '2026-11-02T04:59:59.999Z', NY)).toBe(false);
    expect(isPastDischarge('2026-11-01', '2026-11-02T05:00:00.000Z', NY)).toBe(true);
  });

  it('never applies to a patient not discharged', () => {
    expect(isPastDischarge(null, '2099-01-01T00:00:00Z', NY)).toBe(false);
  });
});

const v = (id: number, kind: DoseVersion['kind'], effectiveFrom: string, amount: number, voidedAt: string | null = null): DoseVersion => ({
  id,
  kind,
  amount,
  unit: 'mg',
  frequency: 'daily',
  effectiveFrom,
  voidedAt,
});

describe('plannedTaperSteps', () => {
  const versions = [
    v(1, 'initial', '2026-03-02T14:00:00.000Z', 16),
    v(2, 'taper_step', '2026-03-05T14:00:00.000Z', 12),
    v(3, 'taper_step', '2026-03-08T13:00:00.000Z', 8),
    v(4, 'taper_step', '2026-03-11T13:00:00.000Z', 4, '2026-03-03T10:00:00.000Z'),
    v(5, 'change', '2026-03-20T13:00:00.000Z', 2),
  ];

  it('lists the live taper steps strictly after the instant', () => {
    expect(plannedTaperSteps(versions, '2026-03-03T00:00:00Z').map((s) => s.id)).toEqual([2, 3]);
    expect(plannedTaperSteps(versions, '2026-03-05T14:00:00.000Z').map((s) => s.id)).toEqual([3]);
    expect(plannedTaperSteps(versions, at('2026-03-05T14:00:00.000Z', -1)).map((s) => s.id)).toEqual([2, 3]);
    expect(plannedTaperSteps(versions, '2026-03-09T00:00:00Z')).toEqual([]);
  });

  it('compares instants, not text: a step written with an offset is still found', () => {
    const withOffset = [v(7, 'taper_step', '2026-03-05T10:00:00-05:00', 12)]; // 15:00Z
    expect(plannedTaperSteps(withOffset, '2026-03-05T14:30:00.000Z').map((s) => s.id)).toEqual([7]);
  });
});

describe('doseShownAt', () => {
  const versions = [v(1, 'initial', '2026-03-05T14:00:00.000Z', 16), v(2, 'taper_step', '2026-03-08T13:00:00.000Z', 8)];

  it('shows the dose in effect, or before the start the dose it will start with', () => {
    expect(doseShownAt(versions, '2026-03-03T00:00:00Z')?.id).toBe(1);
    expect(doseShownAt(versions, '2026-03-06T00:00:00Z')?.id).toBe(1);
    expect(doseShownAt(versions, '2026-03-08T13:00:00.000Z')?.id).toBe(2);
  });

  it('before the start, skips a voided first version; shows nothing when all are voided', () => {
    const voidedFirst = [
      v(1, 'initial', '2026-03-05T14:00:00.000Z', 16, '2026-03-04T00:00:00Z'),
      v(3, 'change', '2026-03-06T14:00:00.000Z', 10),
    ];
    expect(doseShownAt(voidedFirst, '2026-03-03T00:00:00Z')?.id).toBe(3);
    expect(doseShownAt([v(1, 'initial', NOW, 16, NOW)], NOW)).toBeNull();
  });
});
