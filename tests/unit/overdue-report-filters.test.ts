import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_FILTERS, saveFilters, savedFilters } from '../../renderer/src/views/overdueReport/filters';

/** The overdue-review report keeps its filters while the director visits a chart, for that director only. */
describe('overdue-review report filters kept in the window', () => {
  beforeEach(() => {
    const store = new Map<string, string>();
    vi.stubGlobal('sessionStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  const chosen = { ...NO_FILTERS, prescriberId: '7', asOf: '2026-11-30' };

  it('gives the same director back the filters they chose', () => {
    saveFilters(3, chosen);
    expect(savedFilters(3)).toEqual(chosen);
  });

  it('starts the next person to log in on this window unfiltered', () => {
    saveFilters(3, chosen);
    expect(savedFilters(4)).toEqual(NO_FILTERS);
  });

  it('starts unfiltered when nothing, or something unreadable, was kept', () => {
    expect(savedFilters(3)).toEqual(NO_FILTERS);
    sessionStorage.setItem('medtrack.overdueReport.filters', '{not json');
    expect(savedFilters(3)).toEqual(NO_FILTERS);
    sessionStorage.setItem('medtrack.overdueReport.filters', JSON.stringify({ userId: 3, filters: { prescriberId: 7 } }));
    expect(savedFilters(3)).toEqual(NO_FILTERS);
  });
});
