import { currentAnchor } from './auditAnchors';
import { DateTime } from 'luxon';
import { addDays, localDate, startOfLocalDay } from '../domain/followups';
import { isOverdueBand, onTimeRate, standingAsOf, summarizeOverdueByPrescriber, type RecordId, type ReviewRecord } from '../domain/overdue';
import type { AuditFilters, OverdueAudit } from '../ipc/contract/followups';
import { appendAudit } from './audit';
import { toCsv } from './csv';
import { inTransaction, type Actor, type ServiceContext } from './context';
import { validation } from './errors';
import { followupQuery, toView, type ReviewClock } from './followups';
import { getSetting } from './settings';

/**
 * 42 CFR § 2.32 requires this notice on each disclosure of records of a Part 2 program (the
 * 2024 final rule's wording). Every export of the audit carries it.
 */
export const PART2_NOTICE =
  'This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2). ' +
  'These rules prohibit you from using or disclosing this record, or testimony that describes the information contained in this record, ' +
  'in any civil, criminal, administrative, or legislative proceedings by any Federal, State, or local authority, against the patient, ' +
  'unless authorized by the consent of the patient, except as provided at 42 CFR 2.12(c)(5) or as authorized by a court in accordance with 42 CFR 2.64 or 2.65. ' +
  'In addition, the Federal rules prohibit you from making any further disclosure of this record unless authorized by the written consent of the person to whom it pertains, ' +
  'or as otherwise permitted by 42 CFR part 2. A general authorization for the release of medical or other information is NOT sufficient for this purpose (see § 2.31).';

/**
 * The instant a report "as of" a date describes: the end of that date in the clinic's zone,
 * or now when the date is today (or later). The screen and the command line both use this,
 * so the same date gives the same figures.
 */
export function asOfInstant(asOfDate: string | undefined, now: Date, zone: string): { instant: Date; date: string } {
  const today = localDate(now, zone);
  if (!asOfDate || asOfDate >= today) return { instant: now, date: today };
  return { instant: new Date(startOfLocalDay(addDays(asOfDate, 1), zone).toMillis() - 1), date: asOfDate };
}

export async function overdueAudit(ctx: ServiceContext, filters: AuditFilters): Promise<OverdueAudit> {
  const zone = await getSetting(ctx.db, 'clinic.timeZone');
  const overdue = await getSetting(ctx.db, 'reviews.overdue');
  const { instant, date } = asOfInstant(filters.asOf, ctx.clock.now(), zone);
  const rc: ReviewClock = { now: instant, zone, overdue };
  const last30: [string, string] = [addDays(date, -29), date];
  const last90: [string, string] = [addDays(date, -89), date];
  const chosen: [string, string] | null = filters.periodFrom || filters.periodTo ? [filters.periodFrom ?? addDays(date, -29), filters.periodTo ?? date] : null;
  const earliest = [last90[0], chosen?.[0] ?? last90[0]].sort()[0];

  // Reviews that can count: any not cancelled that are still open or were due in the longest period.
  let q = followupQuery(ctx.db)
    .where('f.created_at', '<=', instant.toISOString())
    .where((eb) => eb.or([eb('f.due_date', '>=', earliest), eb('f.status', '=', 'scheduled'), eb('f.completed_at', '>', instant.toISOString()), eb('f.cancelled_at', '>', instant.toISOString())]));
  if (filters.prescriberId) q = q.where('f.assigned_prescriber_id', '=', filters.prescriberId);
  if (filters.patientId) q = q.where('f.patient_id', '=', filters.patientId);
  if (filters.drugClass) q = q.where('m.drug_class', '=', filters.drugClass);
  const rows = await q.orderBy('f.due_date').orderBy('f.id').execute();

  const records: ReviewRecord[] = rows.map((r) => ({
    id: r.id,
    prescriberId: r.assigned_prescriber_id,
    dueDate: r.due_date,
    status: r.status,
    completedAt: r.completed_at,
    cancelledAt: r.cancelled_at,
  }));
  const summary = new Map(summarizeOverdueByPrescriber(records, instant, zone, overdue).map((s) => [s.prescriberId, s]));
  // Each prescriber's reviews, grouped in one pass rather than filtered once per prescriber.
  const byPrescriber = new Map<RecordId, ReviewRecord[]>();
  for (const r of records) {
    const own = byPrescriber.get(r.prescriberId);
    if (own) own.push(r);
    else byPrescriber.set(r.prescriberId, [r]);
  }
  const prescribers = await ctx.db.selectFrom('users').select(['id', 'display_name']).where('role', '=', 'prescriber').orderBy('display_name').execute();
  const shown = prescribers.filter((p) => !filters.prescriberId || p.id === filters.prescriberId);
  const out = shown.map((p) => {
    const own = byPrescriber.get(p.id) ?? [];
    const s = summary.get(p.id);
    return {
      prescriberId: p.id,
      prescriberName: p.display_name,
      overdue: s?.overdue ?? 0,
      critical: s?.critical ?? 0,
      oldestDueDate: s?.oldestDueDate ?? null,
      medianDaysLate: s?.medianDaysLate ?? null,
      last30: onTimeRate(own, last30[0], last30[1], instant, zone, overdue),
      last90: onTimeRate(own, last90[0], last90[1], instant, zone, overdue),
      chosen: chosen ? onTimeRate(own, chosen[0], chosen[1], instant, zone, overdue) : null,
    };
  });
  out.sort((a, b) => b.critical - a.critical || b.overdue - a.overdue || a.prescriberName.localeCompare(b.prescriberName));
  // The reviews behind the figures, each as it stood at the report's instant (the domain's rule).
  const standing = standingAsOf(instant, zone, overdue);
  const views = rows.flatMap((r, i) => {
    const s = standing(records[i]);
    // Cancelled in time: out of every count.
    if (s === null) return [];
    // Closed only after the report's instant: still open then.
    if (s.open) return [r.status === 'scheduled' ? toView(r, rc) : toView({ ...r, status: 'scheduled', completed_at: null }, rc)];
    // Cancelled once already late: shown as missed.
    if (r.status === 'cancelled') return [{ ...toView({ ...r, completed_at: r.cancelled_at }, rc), onTime: false }];
    return [toView(r, rc)];
  });
  return {
    asOf: instant.toISOString(),
    asOfDate: date,
    timeZone: zone,
    periods: { last30, last90, chosen },
    rows: out,
    totals: { overdue: out.reduce((n, r) => n + r.overdue, 0), critical: out.reduce((n, r) => n + r.critical, 0) },
    // Behind the figures: the open overdue reviews and those due in the rate periods.
    reviews: views.filter((v) => v.band === 'needs_attention' || (v.band !== null && isOverdueBand(v.band)) || v.dueDate >= earliest),
  };
}

const pct = (rate: number | null) => (rate === null ? '' : (rate * 100).toFixed(1));

/** RFC 4180 CSV (services/csv.ts, formulas defused): the Part 2 notice first, then the table. */
export function auditToCsv(audit: OverdueAudit): string {
  const header = [
    'Prescriber',
    'Overdue',
    'Critically overdue',
    'Oldest due date',
    'Median days late',
    `On-time % (${audit.periods.last30[0]} to ${audit.periods.last30[1]})`,
    'Due (30 days)',
    `On-time % (${audit.periods.last90[0]} to ${audit.periods.last90[1]})`,
    'Due (90 days)',
  ];
  const blank = header.map(() => '');
  const rows = audit.rows.map((r) => [
    r.prescriberName,
    String(r.overdue),
    String(r.critical),
    r.oldestDueDate ?? '',
    r.medianDaysLate === null ? '' : String(r.medianDaysLate),
    pct(r.last30.rate),
    String(r.last30.due),
    pct(r.last90.rate),
    String(r.last90.due),
  ]);
  const notice = [PART2_NOTICE, ...blank.slice(1)];
  const asOf = [`Overdue-review audit as of ${audit.asOfDate} (${audit.timeZone})`, ...blank.slice(1)];
  return toCsv([notice, asOf, blank, header, ...rows]);
}

export async function exportAudit(ctx: ServiceContext, actor: Actor, input: { format: 'csv' | 'print'; filters: AuditFilters }) {
  const audit = await overdueAudit(ctx, input.filters);
  if (audit.rows.length === 0 && input.format === 'csv') throw validation('There are no prescribers to report.');
  const content = input.format === 'csv' ? auditToCsv(audit) : '';
  const stamp = DateTime.fromJSDate(ctx.clock.now(), { zone: audit.timeZone }).toFormat("yyyyLLdd'-'HHmm");
  const filename = `medtrack-overdue-audit-${audit.asOfDate}-${stamp}.${input.format === 'csv' ? 'csv' : 'pdf'}`;
  await inTransaction(ctx, async (trx) => {
    // Who exported what, and when: disclosures of Part 2 records must be traceable.
    await appendAudit(trx, {
      at: ctx.clock.now().toISOString(),
      actorId: actor.id,
      action: `followups.export_${input.format}`,
      entityType: 'report',
      entityId: 'overdue-audit',
      after: { filters: input.filters, asOf: audit.asOf, rows: audit.rows.length, filename },
    });
  });
  // Every export leaves an anchor outside the file (issue 10): a later truncation shows.
  const anchor = await currentAnchor(ctx.db, ctx.clock.now().toISOString(), 'export');
  if (anchor) ctx.anchors?.record(anchor);
  return { filename, content, notice: PART2_NOTICE };
}
