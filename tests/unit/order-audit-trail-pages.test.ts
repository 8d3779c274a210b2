import { describe, expect, it } from 'vitest';
import { mergeTrailPages } from '../../renderer/src/views/orders/auditTrailPages';

const ids = (...n: number[]) => n.map((id) => ({ id }));

/** An order's audit trail never hides older entries: a full page says there are more, and no entry is skipped between pages. */
describe("an order's audit trail, a page at a time", () => {
  it('shows everything newest first, with nothing older, when neither list filled a page', () => {
    expect(mergeTrailPages([ids(9, 4), ids(7, 2)], 3)).toEqual({ entries: ids(9, 7, 4, 2), olderFrom: null });
  });

  it("stops at a full list's oldest entry, so the other list's older entries wait for the next page", () => {
    // The order's list is full at 3 entries (down to id 6); dose-version entry 2 is older than what is known complete.
    expect(mergeTrailPages([ids(10, 8, 6), ids(7, 2)], 3)).toEqual({ entries: ids(10, 8, 7, 6), olderFrom: 6 });
  });

  it('takes the later of two cuts when both lists are full', () => {
    expect(mergeTrailPages([ids(10, 8, 3), ids(9, 7, 5)], 3)).toEqual({ entries: ids(10, 9, 8, 7, 5), olderFrom: 5 });
  });

  it('the next page (entries before the cut) joins the first with none missing and none twice', () => {
    const order = ids(10, 8, 6, 4, 1);
    const doses = ids(7, 2);
    const page = (before: number | null) =>
      mergeTrailPages(
        [order, doses].map((l) => l.filter((e) => before === null || e.id < before).slice(0, 3)),
        3,
      );
    const first = page(null);
    const second = page(first.olderFrom);
    expect([...first.entries, ...second.entries]).toEqual(ids(10, 8, 7, 6, 4, 2, 1));
    expect(second.olderFrom).toBeNull();
  });
});
