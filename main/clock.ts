/** Everything that asks "what time is it" takes a Clock, so tests and the e2e server can move time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that runs from a given instant (or the real time) and can be moved forward, or frozen
 * at an instant so a test can ask about the last millisecond before a boundary without the real
 * time ticking it over the line.
 */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  private frozenAtMs: number | null = null;
  constructor(private readonly base: () => Date = () => new Date()) {}
  now(): Date {
    return new Date((this.frozenAtMs ?? this.base().getTime()) + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  /** Runs on from `instant` at the real pace. */
  set(instant: Date): void {
    this.frozenAtMs = null;
    this.offsetMs = instant.getTime() - this.base().getTime();
  }
  /** Stops at `instant` until the next set, freeze or advance moves it. */
  freeze(instant: Date): void {
    this.frozenAtMs = instant.getTime();
    this.offsetMs = 0;
  }
}

export function fixedClock(iso: string): Clock {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`Invalid instant ${iso}`);
  return { now: () => new Date(d) };
}
