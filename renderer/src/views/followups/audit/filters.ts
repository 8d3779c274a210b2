import type { AuditFilters } from '../../../../../main/ipc/contract/followups';

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
export function toAuditFilters(d: FilterDraft): AuditFilters {
  const f: AuditFilters = {};
  if (d.asOf) f.asOf = d.asOf;
  if (d.periodFrom) f.periodFrom = d.periodFrom;
  if (d.periodTo) f.periodTo = d.periodTo;
  if (d.prescriberId) f.prescriberId = Number(d.prescriberId);
  if (d.patientId) f.patientId = Number(d.patientId);
  if (d.drugClass) f.drugClass = d.drugClass;
  return f;
}
