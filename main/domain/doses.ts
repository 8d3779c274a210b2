import type { DoseKind } from './enums';
import { parseInstant } from './frequency';

/**
 * Dose versions: every dose change is a new row, never an edit (DESIGN.md). A future-dated row is
 * a planned change (a taper step). A voided row was entered in error: it never applied, so it is
 * ignored even when asking about a time before it was voided.
 */
export type { DoseKind };

export interface DoseVersion {
  id: number;
  amount: number;
  unit: string;
  frequency: string;
  /** ISO-8601 instant with an offset. */
  effectiveFrom: string;
  voidedAt: string | null;
  kind: DoseKind;
}

type Keyed<T> = { version: T; at: number };

function live<T extends DoseVersion>(versions: readonly T[]): Keyed<T>[] {
  return versions
    .filter((v) => v.voidedAt === null)
    .map((version) => ({ version, at: parseInstant(version.effectiveFrom, `Dose version ${version.id} effectiveFrom`).toMillis() }));
}

/** Later effectiveFrom last; at the same instant the later entry (higher id) last, so it wins. */
function byTimeThenId<T extends DoseVersion>(a: Keyed<T>, b: Keyed<T>): number {
  return a.at - b.at || a.version.id - b.version.id;
}

/**
 * The version in effect at `instant`: the non-voided one with the greatest effectiveFrom <= instant.
 * A version effective exactly at the instant is in effect. Two versions effective at the same
 * instant: the higher id (the later entry) wins. Null before the first version.
 */
export function doseInEffect<T extends DoseVersion>(versions: readonly T[], instant: string): T | null {
  const at = parseInstant(instant).toMillis();
  let best: Keyed<T> | null = null;
  for (const k of live(versions)) {
    if (k.at <= at && (best === null || byTimeThenId(k, best) > 0)) best = k;
  }
  return best?.version ?? null;
}

/**
 * The next planned change after `instant`: among the non-voided versions with the earliest
 * effectiveFrom > instant, the one that will be in effect then (higher id on a tie). Null if none.
 */
export function nextDoseStep<T extends DoseVersion>(versions: readonly T[], instant: string): T | null {
  const at = parseInstant(instant).toMillis();
  let best: Keyed<T> | null = null;
  for (const k of live(versions)) {
    if (k.at <= at) continue;
    if (best === null || k.at < best.at || (k.at === best.at && k.version.id > best.version.id)) best = k;
  }
  return best?.version ?? null;
}

/**
 * Versions in the order they take effect (effectiveFrom, then id). Voided versions are left out
 * unless asked for, for a history view that shows them struck through.
 */
export function doseTimeline<T extends DoseVersion>(versions: readonly T[], options: { includeVoided?: boolean } = {}): T[] {
  const keyed = versions
    .filter((v) => options.includeVoided === true || v.voidedAt === null)
    .map((version) => ({ version, at: parseInstant(version.effectiveFrom, `Dose version ${version.id} effectiveFrom`).toMillis() }));
  return keyed.sort(byTimeThenId).map((k) => k.version);
}
