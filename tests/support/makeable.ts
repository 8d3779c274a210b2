/**
 * Shared by the makeable-dose and taper suites: an independent oracle of the doses tablets can
 * make, a seeded generator for the property loops, and the formulary's tablet products.
 */

/**
 * Independent oracle: enumerate tablet counts in micrograms-of-a-milligram (1e-6) integers,
 * without the production code's denominator logic.
 */
export function oracleMakeable(strengths: readonly number[], allowHalves: boolean, max: number): Set<number> {
  const coins = strengths.map((s) => Math.round(s * 1e6));
  if (allowHalves) coins.push(Math.min(...coins) / 2);
  const limit = Math.round(max * 1e6);
  const out = new Set<number>([0]);
  const frontier = [0];
  while (frontier.length > 0) {
    const v = frontier.pop() as number;
    for (const c of coins) {
      const w = v + c;
      if (w <= limit && !out.has(w)) {
        out.add(w);
        frontier.push(w);
      }
    }
  }
  return out;
}

/** A small seeded generator so the property loops are repeatable. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export const PRODUCTS: { name: string; strengths: number[]; halves: boolean; max: number }[] = [
  { name: 'buprenorphine', strengths: [2, 8], halves: false, max: 32 },
  { name: 'buprenorphine halves', strengths: [2, 8], halves: true, max: 32 },
  { name: 'chlordiazepoxide', strengths: [5, 10, 25], halves: false, max: 100 },
  { name: 'diazepam', strengths: [2, 5, 10], halves: false, max: 60 },
  { name: 'diazepam halves', strengths: [2, 5, 10], halves: true, max: 60 },
  { name: 'lorazepam', strengths: [0.5, 1, 2], halves: false, max: 8 },
  { name: 'lorazepam halves', strengths: [0.5, 1, 2], halves: true, max: 8 },
  { name: 'clonidine', strengths: [0.1], halves: false, max: 1.2 },
  { name: 'clonidine halves', strengths: [0.1, 0.2, 0.3], halves: true, max: 1.2 },
  { name: 'lofexidine', strengths: [0.18], halves: false, max: 2.88 },
  { name: 'phenobarbital', strengths: [15, 30, 60, 100], halves: false, max: 400 },
  { name: 'gabapentin', strengths: [100, 300, 400], halves: false, max: 3600 },
  { name: 'odd strengths', strengths: [0.3, 0.7], halves: false, max: 5 },
];
