/**
 * An order's audit trail comes from two lists (the order's entries and its dose versions'), each
 * newest first and at most one page long. A full list may have older entries beyond its last one,
 * so the merged page is only complete down to the oldest entry of any full list: entries below
 * that cut wait for the next page, or a "show older" would skip the other list's entries between.
 */
export function mergeTrailPages<E extends { id: number }>(lists: readonly (readonly E[])[], pageSize: number): { entries: E[]; olderFrom: number | null } {
  const full = lists.filter((l) => l.length >= pageSize && l.length > 0);
  const cut = full.length ? Math.max(...full.map((l) => l[l.length - 1].id)) : null;
  const entries = lists
    .flat()
    .filter((e) => cut === null || e.id >= cut)
    .sort((a, b) => b.id - a.id);
  return { entries, olderFrom: cut };
}
