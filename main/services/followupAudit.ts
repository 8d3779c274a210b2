import { currentAnchor } from './auditAnchors';
import { DateTime } from 'luxon';
import { addDays, localDate, startOfLocalDay } from '../domain/followups';
import {
  bandCutoffs, classifierFromCutoffs, isOverdueBand, onTimeRate, standingAsOf, summarizeOverdueByPrescriber,
  type OverdueSettings, type RecordId, type ReviewRecord, type ReviewStanding, type UrgencyBand,
} from '../domain/overdue';
import type { AuditFilters, FollowupView, OverdueAudit } from '../ipc/contract/followups';
import { appendAudit } from './audit';
import { toCsv } from './csv';
import { inTransaction, type Actor, type ServiceContext } from './context';
import { validation } from './errors';
import { followupQuery, toView, type FollowupRow, type ReviewClock } from './followups';
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

interface AuditScope {
  instant: Date;
  date: string;
  zone: string;
  overdue: OverdueSettings;
  rc: ReviewClock;
  last30: [string, string];
  last90: [string, string];
  chosen: [string, string] | null;
  earliest: string;
}

async function auditScope(ctx: ServiceContext, filters: AuditFilters): Promise<AuditScope> {
  const zone = await getSetting(ctx.db, 'clinic.timeZone');
  const overdue = await getSetting(ctx.db, 'reviews.overdue');
  const { instant, date } = asOfInstant(filters.asOf, ctx.clock.now(), zone);
  const last30: [string, string] = [addDays(date, -29), date];
  const last90: [string, string] = [addDays(date, -89), date];
  const chosen: [string, string] | null = filters.periodFrom || filters.periodTo ? [filters.periodFrom ?? addDays(date, -29), filters.periodTo ?? date] : null;
  const earliest = [last90[0], chosen?.[0] ?? last90[0]].sort()[0];
  return { instant, date, zone, overdue, rc: { now: instant, zone, overdue }, last30, last90, chosen, earliest };
}

/**
 * The reviews that can count, as the few columns the figures need (no joins unless a drug
 * class narrows them): any still open, closed after the as-of instant, or due in the longest
 * period. Materialising whole rows for tens of thousands of reviews was most of the audit's time.
 */
async function auditRecords(ctx: ServiceContext, filters: AuditFilters, s: AuditScope) {
  const asOfIso = s.instant.toISOString();
  let q = ctx.db
    .selectFrom('followups as f')
    .select(['f.id', 'f.assigned_prescriber_id', 'f.due_date', 'f.status', 'f.completed_at', 'f.cancelled_at'])
    .where('f.created_at', '<=', asOfIso)
    .where((eb) => eb.or([eb('f.due_date', '>=', s.earliest), eb('f.status', '=', 'scheduled'), eb('f.completed_at', '>', asOfIso), eb('f.cancelled_at', '>', asOfIso)]));
  if (filters.prescriberId) q = q.where('f.assigned_prescriber_id', '=', filters.prescriberId);
  if (filters.patientId) q = q.where('f.patient_id', '=', filters.patientId);
  if (filters.drugClass) {
    const drugClass = filters.drugClass;
    q = q.where('f.order_id', 'in', (eb) => eb.selectFrom('orders as o').innerJoin('medications as m', 'm.id', 'o.medication_id').select('o.id').where('m.drug_class', '=', drugClass));
  }
  // No ORDER BY: the figures need none, and sorting would make SQLite walk the due-date index
  // from end to end instead of looking up each term of the OR.
  return q.execute();
}
type AuditRecordRow = Awaited<ReturnType<typeof auditRecords>>[number];

const asRecord = (r: AuditRecordRow): ReviewRecord => ({
  id: r.id,
  prescriberId: r.assigned_prescriber_id,
  dueDate: r.due_date,
  status: r.status,
  completedAt: r.completed_at,
  cancelledAt: r.cancelled_at,
});

/**
 * How a review shows behind the figures, as it stood at the report's instant (the domain's
 * standingAsOf): open (closed only later), as stored, missed (cancelled once already late), or
 * not at all (cancelled in time). Then whether the drill-down lists it: open overdue or
 * unreadable ones, and those due in the rate periods.
 */
function drillDownStanding(
  r: AuditRecordRow, s: AuditScope, standing: (review: ReviewRecord) => ReviewStanding, band: (dueDate: string) => UrgencyBand,
): 'open' | 'stored' | 'missed' | null {
  const st = standing(asRecord(r));
  if (st === null) return null;
  const shown = st.open ? 'open' : r.status === 'cancelled' ? 'missed' : 'stored';
  if (r.due_date >= s.earliest) return shown;
  if (shown !== 'open') return null;
  const b = band(r.due_date);
  return b === 'needs_attention' || isOverdueBand(b) ? shown : null;
}

function asStood(r: FollowupRow, standing: 'open' | 'stored' | 'missed', rc: ReviewClock): FollowupView {
  if (standing === 'open') return toView(r.status === 'scheduled' ? r : { ...r, status: 'scheduled', completed_at: null }, rc);
  if (standing === 'stored') return toView(r, rc);
  return { ...toView({ ...r, completed_at: r.cancelled_at }, rc), onTime: false };
}

/** The audit's figures (what the screen shows first, the CSV and the command line print). */
export async function overdueAuditFigures(ctx: ServiceContext, filters: AuditFilters): Promise<OverdueAudit> {
  const s = await auditScope(ctx, filters);
  const rows = await auditRecords(ctx, filters, s);
  const { instant, zone, overdue, last30, last90, chosen } = s;
  const records: ReviewRecord[] = rows.map(asRecord);
  const summary = new Map(summarizeOverdueByPrescriber(records, instant, zone, overdue).map((x) => [x.prescriberId, x]));
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
    const x = summary.get(p.id);
    return {
      prescriberId: p.id,
      prescriberName: p.display_name,
      overdue: x?.overdue ?? 0,
      critical: x?.critical ?? 0,
      oldestDueDate: x?.oldestDueDate ?? null,
      medianDaysLate: x?.medianDaysLate ?? null,
      last30: onTimeRate(own, last30[0], last30[1], instant, zone, overdue),
      last90: onTimeRate(own, last90[0], last90[1], instant, zone, overdue),
      chosen: chosen ? onTimeRate(own, chosen[0], chosen[1], instant, zone, overdue) : null,
    };
  });
  out.sort((a, b) => b.critical - a.critical || b.overdue - a.overdue || a.prescriberName.localeCompare(b.prescriberName));
  return {
    asOf: instant.toISOString(),
    asOfDate: s.date,
    timeZone: zone,
    periods: { last30, last90, chosen },
    rows: out,
    totals: { overdue: out.reduce((n, r) => n + r.overdue, 0), critical: out.reduce((n, r) => n + r.critical, 0) },
    reviews: [],
  };
}

/**
 * One page of the reviews behind the figures (the drill-down), in due-date order, with the
 * total: only the page's rows are read in full.
 */
export async function overdueAuditReviews(
  ctx: ServiceContext,
  filters: AuditFilters,
  page: { offset: number; limit: number },
): Promise<{ total: number; reviews: FollowupView[] }> {
  const s = await auditScope(ctx, filters);
  const band = classifierFromCutoffs(bandCutoffs(s.instant, s.zone, s.overdue), s.zone, s.overdue);
  const standing = standingAsOf(s.instant, s.zone, s.overdue);
  const listed: Array<{ id: number; due: string; standing: 'open' | 'stored' | 'missed' }> = [];
  for (const r of await auditRecords(ctx, filters, s)) {
    const shown = drillDownStanding(r, s, standing, band);
    if (shown) listed.push({ id: r.id, due: r.due_date, standing: shown });
  }
  listed.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id - b.id));
  const slice = listed.slice(page.offset, page.offset + page.limit);
  if (slice.length === 0) return { total: listed.length, reviews: [] };
  const full = new Map((await followupQuery(ctx.db).where('f.id', 'in', slice.map((x) => x.id)).execute()).map((r) => [r.id, r]));
  return { total: listed.length, reviews: slice.map((x) => asStood(full.get(x.id)!, x.standing, s.rc)) };
}

/** Figures and every review behind them, in one answer (kept for the current screen). */
export async function overdueAudit(ctx: ServiceContext, filters: AuditFilters): Promise<OverdueAudit> {
  const figures = await overdueAuditFigures(ctx, filters);
  const { reviews } = await overdueAuditReviews(ctx, filters, { offset: 0, limit: Number.MAX_SAFE_INTEGER });
  return { ...figures, reviews };
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
  const audit = await overdueAuditFigures(ctx, input.filters);
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
