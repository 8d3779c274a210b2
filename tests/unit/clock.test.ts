import { describe, expect, it } from 'vitest';
import { AdjustableClock, fixedClock } from '../../main/clock';

describe('AdjustableClock', () => {
  it('runs on from a set instant at the pace of the real clock', () => {
    let real = 1_000;
    const clock = new AdjustableClock(() => new Date(real));
    clock.set(new Date('2026-06-05T03:59:59.999Z'));
    real += 1;
    expect(clock.now().toISOString()).toBe('2026-06-05T04:00:00.000Z');
  });

  it('stays on a frozen instant however much real time passes, until moved', () => {
    let real = 1_000;
    const clock = new AdjustableClock(() => new Date(real));
    clock.freeze(new Date('2026-06-05T03:59:59.999Z'));
    real += 60_000;
    expect(clock.now().toISOString()).toBe('2026-06-05T03:59:59.999Z');
    clock.advance(1);
    expect(clock.now().toISOString()).toBe('2026-06-05T04:00:00.000Z');
    clock.set(new Date('2026-06-06T00:00:00.000Z'));
    real += 5;
    expect(clock.now().toISOString()).toBe('2026-06-06T00:00:00.005Z');
  });

  it('a fixed clock refuses an instant it cannot read', () => {
    expect(() => fixedClock('not a date')).toThrow(/Invalid instant/);
  });
});
