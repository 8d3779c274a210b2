/**
 * Which doses the listed strengths can make: amounts in whole "units" of a common denominator
 * of the strengths (lorazepam 0.5/1/2 mg with halves: units of 0.25 mg), so no float error
 * calls 0.30000000000000004 mg makeable. "Makeable" is a sum of whole tablets of any strength,
 * plus, with allowHalves (scored tablets), half tablets of the smallest. Used by the taper
 * generator and by every dose check (issue 8 item 1).
 */

const MAX_DECIMALS = 6;
const MAX_UNITS = 5_000_000;
export const EPS = 1e-9;

export interface Grid {
  /** An amount is units * num / den. */
  num: number;
  den: number;
  /** Available strengths (and the half tablet) in units, ascending, distinct. */
  coins: number[];
}

function decimalsOf(x: number): number {
  for (let k = 0; k <= MAX_DECIMALS; k++) if (Number(x.toFixed(k)) === x) return k;
  throw new RangeError(`Strength ${x} has more than ${MAX_DECIMALS} decimal places.`);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export function makeGrid(strengths: readonly number[], allowHalves: boolean): Grid {
  if (!Array.isArray(strengths) || strengths.length === 0) throw new RangeError('At least one available strength is needed.');
  for (const s of strengths) {
    if (typeof s !== 'number' || !Number.isFinite(s) || s <= 0) throw new RangeError(`Strength ${String(s)} must be a positive number.`);
  }
  let den = 10 ** Math.max(...strengths.map(decimalsOf));
  let ints = strengths.map((s) => Math.round(s * den));
  if (allowHalves) {
    den *= 2;
    ints = ints.map((i) => i * 2);
    ints.push(Math.min(...ints) / 2);
  }
  const num = ints.reduce(gcd);
  const coins = [...new Set(ints.map((i) => i / num))].sort((a, b) => a - b);
  return { num, den, coins };
}

/** Amount in units; snapped to the whole unit when it is one up to float noise. */
export function toUnits(amount: number, grid: Grid): number {
  const u = (amount * grid.den) / grid.num;
  const r = Math.round(u);
  return Math.abs(u - r) <= Math.max(EPS, 1e-13 * Math.abs(u)) ? r : u;
}

export function toAmount(units: number, grid: Grid): number {
  return (units * grid.num) / grid.den;
}

/** Which whole-unit doses from 0 up to a limit the strengths can make (unbounded coin sums). */
export class DoseTable {
  private readonly ok: Uint8Array;

  constructor(
    readonly grid: Grid,
    upToUnits: number,
  ) {
    // Every multiple of the smallest coin is makeable, so one more coin always reaches a dose >= any amount.
    const size = Math.ceil(upToUnits) + grid.coins[0] + 1;
    if (size > MAX_UNITS) throw new RangeError('The dose is too large for the precision of the available strengths.');
    this.ok = new Uint8Array(size);
    this.ok[0] = 1;
    for (let v = 1; v < size; v++) {
      for (const c of grid.coins) {
        if (c > v) break;
        if (this.ok[v - c] === 1) {
          this.ok[v] = 1;
          break;
        }
      }
    }
  }

  has(units: number): boolean {
    return Number.isInteger(units) && units >= 0 && units < this.ok.length && this.ok[units] === 1;
  }

  /** Largest makeable dose <= units (0 is always makeable). */
  atOrBelow(units: number): number {
    for (let v = Math.min(Math.floor(units), this.ok.length - 1); v > 0; v--) if (this.ok[v] === 1) return v;
    return 0;
  }

  /** Largest makeable dose strictly below units; null when units <= 0. */
  below(units: number): number | null {
    return units <= 0 ? null : this.atOrBelow(Math.ceil(units) - 1);
  }

  atOrAbove(units: number): number {
    for (let v = Math.max(0, Math.ceil(units)); v < this.ok.length; v++) if (this.ok[v] === 1) return v;
    throw new RangeError('No makeable dose found above the amount.');
  }

  /** Nearest makeable dose; a tie goes to the lower dose. */
  nearest(units: number): number {
    const lo = this.atOrBelow(units);
    const hi = this.atOrAbove(units);
    return hi - units < units - lo - EPS ? hi : lo;
  }

  positives(upToUnits: number): number[] {
    const out: number[] = [];
    for (let v = 1; v <= Math.min(Math.floor(upToUnits), this.ok.length - 1); v++) if (this.ok[v] === 1) out.push(v);
    return out;
  }
}

export function assertAmount(amount: number, what: string): void {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
    throw new RangeError(`${what} must be a number of at least 0, got ${String(amount)}.`);
  }
}

/** Every positive dose the strengths can make, up to and including max, ascending. */
export function makeableDoses(strengths: readonly number[], max: number, allowHalves = false): number[] {
  assertAmount(max, 'Maximum dose');
  const grid = makeGrid(strengths, allowHalves);
  const maxUnits = toUnits(max, grid);
  return new DoseTable(grid, maxUnits).positives(maxUnits).map((u) => toAmount(u, grid));
}

/**
 * Whether a whole number of units is a sum of coins. The coins have no common factor (makeGrid
 * divides it out), so by Schur's bound on the Frobenius number every amount from
 * (smallest - 1) * (largest - 1) up is makeable; only smaller amounts need the table.
 */
export function makeableUnits(units: number, grid: Grid): boolean {
  if (!Number.isInteger(units) || units < 0) return false;
  const smallest = grid.coins[0];
  const largest = grid.coins[grid.coins.length - 1];
  if (units >= (smallest - 1) * (largest - 1)) return true;
  return new DoseTable(grid, units).has(units);
}

/** True when the dose is 0 or a sum of the strengths (and half tablets, with allowHalves). */
export function isMakeable(amount: number, strengths: readonly number[], allowHalves = false): boolean {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) return false;
  const grid = makeGrid(strengths, allowHalves);
  return makeableUnits(toUnits(amount, grid), grid);
}

/**
 * The makeable dose nearest to amount (a tie goes to the lower dose). May be 0 when amount is
 * nearer to nothing than to the smallest dose the strengths can make.
 */
export function roundToMakeable(amount: number, strengths: readonly number[], allowHalves = false): number {
  assertAmount(amount, 'Dose');
  const grid = makeGrid(strengths, allowHalves);
  const units = toUnits(amount, grid);
  return toAmount(new DoseTable(grid, units).nearest(units), grid);
}
