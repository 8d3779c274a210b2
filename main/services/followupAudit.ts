import { currentAnchor } from './auditAnchors';
import { DateTime } from 'luxon';
import { addDays } from '../domain/followups';
import {
  bandCutoffs, classifierFromCutoffs, isOverdueBand, onTimeRate, standingAsOf, summarizeOverdueByPrescriber,
  type OverdueSettings, type RecordId, type ReviewRecord, type ReviewStanding, type UrgencyBand,
} from '../domain/overdue';
import { reportMoment, scopeInWords } from '../domain/overdueReport';
import type { FollowupView } from '../ipc/contract/followups';
import type { OverdueReport, ReportFigure, ReportFilters } from '../ipc/contract/overdueReport';
import { appendAudit } from './audit';
import { inTransaction, type Actor, type ServiceContext } from './context';
import { validation } from './errors';
import { PART2_NOTICE, reportToCsv } from './overdueReportCsv';
import { followupQuery, toView, type FollowupRow, type ReviewClock } from './followups';
import { getSetting } from './settings';

export { PART2_NOTICE } from './overdueReportCsv';

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

async function auditScope(ctx: ServiceContext, filters: ReportFilters): Promise<AuditScope> {
  const zone = await getSetting(ctx.db, 'clinic.timeZone');
  const overdue = await getSetting(ctx.db, 'reviews.overdue');
  const moment = reportMoment(filters.asOf, ctx.clock.now(), zone);
  // A future date is refused in words, on the form's field; nothing is read.
  if (!moment.ok) throw validation(moment.message, [{ path: 'asOf', message: moment.message }]);
  const { instant, date } = moment;
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
async function auditRecords(ctx: ServiceContext, filters: ReportFilters, s: AuditScope) {
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

/** The report's figures (what the screen shows first, the CSV and the command line print). */
export async function overdueAuditFigures(ctx: ServiceContext, filters: ReportFilters): Promise<OverdueReport> {
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
    scope: await scopeWords(ctx, filters, chosen),
    periods: { last30, last90, chosen },
    rows: out,
    totals: { overdue: out.reduce((n, r) => n + r.overdue, 0), critical: out.reduce((n, r) => n + r.critical, 0) },
  };
}

/** The report's filters in words, with the names people know (domain/overdueReport.ts). */
async function scopeWords(ctx: ServiceContext, filters: ReportFilters, chosen: [string, string] | null): Promise<string[]> {
  const prescriber = filters.prescriberId
    ? await ctx.db.selectFrom('users').select('display_name').where('id', '=', filters.prescriberId).executeTakeFirst()
    : undefined;
  const patient = filters.patientId
    ? await ctx.db.selectFrom('patients').select(['family_name', 'given_name', 'mrn']).where('id', '=', filters.patientId).executeTakeFirst()
    : undefined;
  return scopeInWords({
    // An id that names no one still narrows the report: say so rather than "across the team".
    prescriberName: filters.prescriberId ? (prescriber?.display_name ?? 'not on file') : null,
    patient: filters.patientId ? (patient ? { name: `${patient.family_name}, ${patient.given_name}`, mrn: patient.mrn } : { name: 'not on file', mrn: '—' }) : null,
    drugClass: filters.drugClass ?? null,
    period: chosen,
  });
}

type Listed = { id: number; prescriberId: number; due: string; band: UrgencyBand; standing: 'open' | 'stored' | 'missed' };

/** Whether a listed review is one of those behind a figure (the same rules the figures count by). */
function behindFigure(x: Listed, figure: ReportFigure, s: AuditScope): boolean {
  if (figure === 'overdue') return x.standing === 'open' && isOverdueBand(x.band);
  if (figure === 'critical') return x.standing === 'open' && x.band === 'critically_overdue';
  const period = figure === 'chosen' ? s.chosen : s[figure];
  return period !== null && x.due >= period[0] && x.due <= period[1];
}

/** Every review the drill-down can show under these filters, in due-date order (ids and dates only). */
async function listedReviews(ctx: ServiceContext, filters: ReportFilters, s: AuditScope): Promise<Listed[]> {
  const band = classifierFromCutoffs(bandCutoffs(s.instant, s.zone, s.overdue), s.zone, s.overdue);
  const standing = standingAsOf(s.instant, s.zone, s.overdue);
  const listed: Listed[] = [];
  for (const r of await auditRecords(ctx, filters, s)) {
    const shown = drillDownStanding(r, s, standing, band);
    if (shown) listed.push({ id: r.id, prescriberId: r.assigned_prescriber_id, due: r.due_date, band: band(r.due_date), standing: shown });
  }
  return listed.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id - b.id));
}

/** The listed reviews read in full, as each stood at the report's instant, in the order given. */
async function asTheyStood(ctx: ServiceContext, s: AuditScope, slice: readonly Listed[]): Promise<FollowupView[]> {
  if (slice.length === 0) return [];
  const full = new Map((await followupQuery(ctx.db).where('f.id', 'in', slice.map((x) => x.id)).execute()).map((r) => [r.id, r]));
  return slice.map((x) => asStood(full.get(x.id)!, x.standing, s.rc));
}

/**
 * One page of the reviews behind the figures (the drill-down), in due-date order, with the
 * true total: only the page's rows are read in full. `pick` narrows to one figure of one
 * prescriber's row (what the director clicked); without it, every review behind any figure.
 */
export async function overdueAuditReviews(
  ctx: ServiceContext,
  filters: ReportFilters,
  page: { offset: number; limit: number },
  pick?: { prescriberId: number; figure: ReportFigure },
): Promise<{ total: number; offset: number; reviews: FollowupView[] }> {
  const s = await auditScope(ctx, filters);
  const listed = (await listedReviews(ctx, filters, s)).filter((x) => !pick || (x.prescriberId === pick.prescriberId && behindFigure(x, pick.figure, s)));
  return { total: listed.length, offset: page.offset, reviews: await asTheyStood(ctx, s, listed.slice(page.offset, page.offset + page.limit)) };
}

/** Figures and every review behind them, in one answer: for tests that compare whole reports (the screen pages). */
export async function overdueAudit(ctx: ServiceContext, filters: ReportFilters): Promise<OverdueReport & { reviews: FollowupView[] }> {
  const figures = await overdueAuditFigures(ctx, filters);
  const { reviews } = await overdueAuditReviews(ctx, filters, { offset: 0, limit: Number.MAX_SAFE_INTEGER });
  return { ...figures, reviews };
}

/** Rows read in full per query while the CSV lists the overdue reviews (bounded memory, and progress to show). */
const CSV_CHUNK = 500;

/**
 * Every open overdue review under the filters (the CSV's second section), as each stood at the
 * report's instant, oldest due first, read a chunk at a time with `progress` in percent. Open
 * reviews whose due date cannot be read are listed too (as needing attention): a reader that
 * cannot classify a row shows it, it never drops it.
 */
export async function overdueReviewsForExport(ctx: ServiceContext, filters: ReportFilters, progress: (percent: number) => void = () => undefined): Promise<FollowupView[]> {
  const s = await auditScope(ctx, filters);
  const listed = (await listedReviews(ctx, filters, s)).filter((x) => behindFigure(x, 'overdue', s) || (x.standing === 'open' && x.band === 'needs_attention'));
  const out: FollowupView[] = [];
  for (let i = 0; i < listed.length; i += CSV_CHUNK) {
    progress((i / Math.max(1, listed.length)) * 100);
    out.push(...(await asTheyStood(ctx, s, listed.slice(i, i + CSV_CHUNK))));
  }
  progress(100);
  return out;
}

export interface BuiltExport {
  format: 'csv' | 'print';
  asOf: string;
  asOfDate: string;
  timeZone: string;
  rows: number;
  overdueReviews: number;
  content: string;
}

/**
 * The export's content, read in one snapshot (on a job thread in the app): the figures, then
 * for CSV the overdue reviews themselves. Nothing is written here; recordExport does that.
 */
export async function buildExport(
  ctx: ServiceContext,
  input: { format: 'csv' | 'print'; filters: ReportFilters },
  progress: (phase: string, percent?: number | null) => void = () => undefined,
): Promise<BuiltExport> {
  progress('counting');
  const report = await overdueAuditFigures(ctx, input.filters);
  if (report.rows.length === 0 && input.format === 'csv') throw validation('There are no prescribers to report.');
  const reviews = input.format === 'csv' ? await overdueReviewsForExport(ctx, input.filters, (p) => progress('listing', p)) : [];
  if (input.format === 'csv') progress('writing');
  return {
    format: input.format,
    asOf: report.asOf,
    asOfDate: report.asOfDate,
    timeZone: report.timeZone,
    rows: report.rows.length,
    overdueReviews: reviews.length,
    content: input.format === 'csv' ? reportToCsv(report, reviews) : '',
  };
}

/** Records the export in the audit log (a disclosure of Part 2 records) and names the file. */
export async function recordExport(ctx: ServiceContext, actor: Actor, filters: ReportFilters, built: BuiltExport) {
  const stamp = DateTime.fromJSDate(ctx.clock.now(), { zone: built.timeZone }).toFormat("yyyyLLdd'-'HHmm");
  const filename = `medtrack-overdue-review-report-${built.asOfDate}-${stamp}.${built.format === 'csv' ? 'csv' : 'pdf'}`;
  await inTransaction(ctx, async (trx) => {
    // Who exported what, and when: disclosures of Part 2 records must be traceable.
    await appendAudit(trx, {
      at: ctx.clock.now().toISOString(),
      actorId: actor.id,
      action: `followups.export_${built.format}`,
      entityType: 'report',
      entityId: 'overdue-audit',
      after: { filters, asOf: built.asOf, rows: built.rows, overdueReviews: built.overdueReviews, filename },
    });
  });
  // Every export leaves an anchor outside the file (issue 10): a later truncation shows.
  const anchor = await currentAnchor(ctx.db, ctx.clock.now().toISOString(), 'export');
  if (anchor) ctx.anchors?.record(anchor);
  return { filename, content: built.content, notice: PART2_NOTICE };
}

/** Build and record in one call, on this connection (the command-line and bench path; the app builds on a job thread). */
export async function exportAudit(ctx: ServiceContext, actor: Actor, input: { format: 'csv' | 'print'; filters: ReportFilters }) {
  return recordExport(ctx, actor, input.filters, await buildExport(ctx, input));
}
