/** Everything that asks "what time is it" takes a Clock, so tests and the e2e server can move time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that starts at a given instant (or the real time) and can be moved forward. */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: () => Date = () => new Date()) {}
  now(): Date {
    return new Date(this.base().getTime() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  set(instant: Date): void {
    this.offsetMs = instant.getTime() - this.base().getTime();
  }
}

export function fixedClock(iso: string): Clock {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`Invalid instant ${iso}`);
  return { now: () => new Date(d) };
}
