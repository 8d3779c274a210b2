import { classifierAt, isOverdueBand } from '../domain/overdue';
import type { Actor, ServiceContext } from './context';
import { statusNow } from './orderViews';
import { pagePatients } from './patients';
import { getSetting } from './settings';

export interface PrescriberPatientsQuery {
  query: string;
  onlyMine: boolean;
  offset: number;
  limit: number;
}

/**
 * The prescriber's patient list: one row per current patient with what needs attention
 * (active and held orders, the next taper step, the next review and how late any are), a page
 * at a time with the true total. Only the page's patients are read beyond the count, so the
 * list costs the same at 200 patients as at 8,000.
 */
export async function prescriberPatients(ctx: ServiceContext, actor: Actor, q: PrescriberPatientsQuery) {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const zone = await getSetting(ctx.db, 'clinic.timeZone');
  const bandOf = classifierAt(now, zone, await getSetting(ctx.db, 'reviews.overdue'));
  // The same search (and order) as the patients list, so both screens find the same people.
  const page = await pagePatients(ctx, {
    query: q.query,
    includeDischarged: false,
    offset: q.offset,
    limit: q.limit,
    inCareOf: q.onlyMine ? { prescriberId: actor.id, nowIso } : undefined,
  });
  const patients = page.patients;
  if (patients.length === 0) return { total: page.total, offset: page.offset, rows: [] };
  const ids = patients.map((p) => p.id);
  const [orders, steps, reviews, allergies] = await Promise.all([
    ctx.db
      .selectFrom('orders')
      .innerJoin('medications', 'medications.id', 'orders.medication_id')
      .select(['orders.id', 'orders.patient_id', 'orders.status', 'orders.end_at', 'orders.safety_override_reason', 'medications.name', 'medications.dea_schedule', 'medications.withdrawal_management'])
      .where('orders.patient_id', 'in', ids)
      .where('orders.status', 'in', ['active', 'held'])
      .execute(),
    ctx.db
      .selectFrom('dose_versions')
      .innerJoin('orders', 'orders.id', 'dose_versions.order_id')
      .innerJoin('medications', 'medications.id', 'orders.medication_id')
      .select(['orders.patient_id', 'dose_versions.effective_from', 'dose_versions.amount', 'dose_versions.unit', 'medications.name'])
      .where('orders.patient_id', 'in', ids)
      .where('orders.status', '=', 'active')
      .where('dose_versions.kind', '=', 'taper_step')
      .where('dose_versions.voided_at', 'is', null)
      .where('dose_versions.effective_from', '>', nowIso)
      .orderBy('dose_versions.effective_from')
      .execute(),
    ctx.db
      .selectFrom('followups')
      .select(['patient_id', 'due_date'])
      .where('patient_id', 'in', ids)
      .where('status', '=', 'scheduled')
      .orderBy('due_date')
      .execute(),
    ctx.db.selectFrom('allergies').select('patient_id').where('patient_id', 'in', ids).where('status', '=', 'active').execute(),
  ]);
  const rows = patients.map((p) => {
    const own = orders.filter((o) => o.patient_id === p.id && statusNow(o, now) !== 'completed');
    const active = own.filter((o) => o.status === 'active');
    const held = own.filter((o) => o.status === 'held');
    const step = steps.find((s) => s.patient_id === p.id);
    const openReviews = reviews.filter((r) => r.patient_id === p.id);
    const late = openReviews.filter((r) => isOverdueBand(bandOf(r.due_date))).length;
    const flags: string[] = [];
    if (allergies.some((a) => a.patient_id === p.id)) flags.push('allergies');
    if (own.some((o) => o.dea_schedule)) flags.push('controlled substance');
    if (own.some((o) => o.withdrawal_management === 1)) flags.push('withdrawal management');
    if (held.length) flags.push('held order');
    if (own.some((o) => o.safety_override_reason)) flags.push('safety override');
    if (late) flags.push('overdue review');
    // A stored due date no rule can read (damaged, out of range): flagged, never a failed list.
    if (openReviews.some((r) => bandOf(r.due_date) === 'needs_attention')) flags.push('review date needs attention');
    return {
        patientId: p.id,
        mrn: p.mrn,
        name: `${p.familyName}, ${p.givenName}`,
        residence: p.residence,
        activeOrders: active.length,
        heldOrders: held.length,
        nextTaperStep: step ? { at: step.effective_from, medication: step.name, amount: step.amount, unit: step.unit } : null,
        nextReviewDue: openReviews[0]?.due_date ?? null,
      overdueReviews: late,
      flags,
    };
  });
  return { total: page.total, offset: page.offset, rows };
}
