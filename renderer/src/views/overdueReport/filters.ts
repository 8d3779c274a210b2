import type { ReportFilters } from '../../../../main/ipc/contract/overdueReport';

/** What the filter inputs hold; empty means "not filtered" (and, for the as-of date, today). */
export interface FilterDraft {
  asOf: string;
  periodFrom: string;
  periodTo: string;
  prescriberId: string;
  patientId: string;
  drugClass: string;
}

export const NO_FILTERS: FilterDraft = { asOf: '', periodFrom: '', periodTo: '', prescriberId: '', patientId: '', drugClass: '' };

/** The contract's filters: only what is set, so main applies its own defaults for the rest. */
export function toReportFilters(d: FilterDraft): ReportFilters {
  const f: ReportFilters = {};
  if (d.asOf) f.asOf = d.asOf;
  if (d.periodFrom) f.periodFrom = d.periodFrom;
  if (d.periodTo) f.periodTo = d.periodTo;
  if (d.prescriberId) f.prescriberId = Number(d.prescriberId);
  if (d.patientId) f.patientId = Number(d.patientId);
  if (d.drugClass) f.drugClass = d.drugClass;
  return f;
}

/**
 * The report's filters survive leaving the report for a patient's chart or the team worklist
 * and coming back (this window's sessionStorage: filter values and ids, no patient data). They
 * are kept with the account that set them: the next person to log in on this window starts
 * unfiltered, not on the last director's choice.
 */
const KEY = 'medtrack.overdueReport.filters';

export function savedFilters(userId: number): FilterDraft {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { userId?: unknown; filters?: Partial<FilterDraft> } | null;
    if (!saved || typeof saved !== 'object' || saved.userId !== userId || !saved.filters || typeof saved.filters !== 'object') return NO_FILTERS;
    const out = { ...NO_FILTERS };
    for (const k of Object.keys(NO_FILTERS) as (keyof FilterDraft)[]) {
      const v = saved.filters[k];
      if (typeof v === 'string') out[k] = v;
    }
    return out;
  } catch {
    return NO_FILTERS;
  }
}

export function saveFilters(userId: number, d: FilterDraft): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ userId, filters: d }));
  } catch {
    // No storage: coming back starts unfiltered.
  }
}
