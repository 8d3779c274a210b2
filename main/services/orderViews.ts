import { IANAZone } from 'luxon';
import type { DoseVersion as DoseRow, Order } from '../../db/schema';
import { nextDoseStep, type DoseVersion } from '../domain/doses';
import { frequencyInWords, isFrequency } from '../domain/frequency';
import { doseShownAt, orderStatusAt, plannedTaperSteps } from '../domain/orders';
import type { DoseVersionView, OrderDetail, OrderView } from '../ipc/contract/orders';
import type { ServiceContext, Trx } from './context';
import { notFound } from './errors';
import { toMedication } from './formulary';
import { getSetting } from './settings';

type Db = ServiceContext['db'] | Trx;

export const asDomainDose = (v: DoseRow): DoseVersion & { row: DoseRow } => ({
  id: v.id,
  amount: v.amount,
  unit: v.unit,
  frequency: v.frequency,
  effectiveFrom: v.effective_from,
  voidedAt: v.voided_at,
  kind: v.kind,
  row: v,
});

/** The order's status as people should read it now (domain/orders.ts orderStatusAt). */
export const statusNow = (order: Pick<Order, 'status' | 'end_at'>, now: Date): Order['status'] => orderStatusAt({ status: order.status, endAt: order.end_at }, now);

export type SymptomTrigger = { scale: 'CIWA-Ar' | 'COWS'; minScore: number };

/**
 * "CIWA-Ar >= 10", "COWS 8", "COWS > 8" (at least 9): a symptom trigger written as a scale and
 * the lowest qualifying score. Null for text that names no scale and score.
 */
export function readSymptomTrigger(text: string | null): SymptomTrigger | null {
  if (text === null) return null;
  const m = /^\s*(CIWA-?Ar|COWS)\s*(>=|≥|>|at least)?\s*(\d{1,2})\s*$/i.exec(text);
  if (!m) return null;
  return { scale: m[1].toUpperCase() === 'COWS' ? 'COWS' : 'CIWA-Ar', minScore: Number(m[3]) + (m[2] === '>' ? 1 : 0) };
}

/**
 * The trigger a symptom-triggered PRN is checked against: the structured columns (migration
 * 0005), or for orders written before them, their text read the same way.
 */
export function symptomTriggerOf(o: Pick<Order, 'symptom_trigger' | 'symptom_trigger_scale' | 'symptom_trigger_min_score'>): SymptomTrigger | null {
  if (o.symptom_trigger_scale !== null && o.symptom_trigger_min_score !== null) return { scale: o.symptom_trigger_scale, minScore: o.symptom_trigger_min_score };
  return readSymptomTrigger(o.symptom_trigger);
}

export const wordsFor = (frequency: string): string => (isFrequency(frequency) ? frequencyInWords(frequency) : frequency);

function doseView(v: DoseRow, names: Map<number, string>): DoseVersionView {
  return {
    id: v.id,
    kind: v.kind,
    amount: v.amount,
    unit: v.unit,
    frequency: v.frequency,
    frequencyWords: wordsFor(v.frequency),
    effectiveFrom: v.effective_from,
    reason: v.reason,
    authorName: names.get(v.author_id) ?? `user ${v.author_id}`,
    createdAt: v.created_at,
    previousVersionId: v.previous_version_id,
    voidedAt: v.voided_at,
    voidReason: v.void_reason,
  };
}

async function userNames(db: Db): Promise<Map<number, string>> {
  return new Map((await db.selectFrom('users').select(['id', 'display_name']).execute()).map((u) => [u.id, u.display_name]));
}

/** Rows a caller has already read for these orders, so they are not read again. */
interface AlreadyRead {
  names?: Map<number, string>;
  /** Every dose version of the orders, in any order. */
  versions?: DoseRow[];
}

/** Builds the views of many orders with one query per table (the medication list screen). */
export async function orderViews(db: Db, orders: Order[], now: Date, known: AlreadyRead = {}): Promise<OrderView[]> {
  if (orders.length === 0) return [];
  const ids = orders.map((o) => o.id);
  const [versions, meds, userNamesById, reviews] = await Promise.all([
    known.versions ? [...known.versions].sort((a, b) => a.id - b.id) : db.selectFrom('dose_versions').selectAll().where('order_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('medications').selectAll().where('id', 'in', [...new Set(orders.map((o) => o.medication_id))]).execute(),
    known.names ?? userNames(db),
    db
      .selectFrom('followups')
      .select(['order_id', (eb) => eb.fn.min<string>('due_date').as('due')])
      .where('order_id', 'in', ids)
      .where('status', '=', 'scheduled')
      .groupBy('order_id')
      .execute(),
  ]);
  const medById = new Map(meds.map((m) => [m.id, m]));
  const reviewByOrder = new Map(reviews.map((r) => [r.order_id, r.due]));
  const nowIso = now.toISOString();
  return orders.map((o) => {
    const own = versions.filter((v) => v.order_id === o.id).map(asDomainDose);
    const current = doseShownAt(own, nowIso);
    const next = nextDoseStep(own, nowIso);
    const planned = plannedTaperSteps(own, nowIso).length;
    return {
      id: o.id,
      patientId: o.patient_id,
      medication: toMedication(medById.get(o.medication_id)!),
      prescriberId: o.prescriber_id,
      prescriberName: userNamesById.get(o.prescriber_id) ?? '',
      indication: o.indication,
      route: o.route,
      administeredBy: o.administered_by,
      prn:
        o.prn === 1
          ? { indication: o.prn_indication ?? '', maxDoses24h: o.prn_max_doses_24h ?? 0, minIntervalMinutes: o.prn_min_interval_minutes, maxAmount24h: o.prn_max_amount_24h }
          : null,
      symptomTrigger: o.symptom_trigger,
      symptomTriggerRule: symptomTriggerOf(o),
      startAt: o.start_at,
      endAt: o.end_at,
      status: statusNow(o, now),
      statusReason: o.status_reason,
      statusChangedAt: o.status_changed_at,
      safetyOverrideReason: o.safety_override_reason,
      doseNow: current ? doseView(current.row, userNamesById) : null,
      nextStep: next ? doseView(next.row, userNamesById) : null,
      plannedSteps: planned,
      nextReviewDue: reviewByOrder.get(o.id) ?? null,
    };
  });
}

/**
 * The clinic-zone date of stored UTC instants, with the zone's offset looked up once per UTC
 * day (an order's doses given fall on a few dozen days) rather than a luxon DateTime per dose.
 * The offset is trusted for the day only when it is the same at both ends; on a DST-change
 * day each instant is looked up.
 */
function localDayOf(zone: string): (iso: string) => string {
  const tz = IANAZone.create(zone);
  const memo = new Map<number, number | null>();
  return (iso) => {
    const ms = Date.parse(iso);
    const day = Math.floor(ms / 86_400_000);
    let offset = memo.get(day);
    if (offset === undefined) {
      const start = tz.offset(day * 86_400_000);
      offset = start === tz.offset((day + 1) * 86_400_000 - 1) ? start : null;
      memo.set(day, offset);
    }
    return new Date(ms + (offset ?? tz.offset(ms)) * 60_000).toISOString().slice(0, 10);
  };
}

/**
 * A patient's medication list, newest start first: every order, or only those active or held
 * now (an order past its end reads as completed, so it drops out of the short list).
 */
export async function patientOrders(ctx: ServiceContext, input: { patientId: number; includeInactive: boolean }): Promise<OrderView[]> {
  let q = ctx.db.selectFrom('orders').selectAll().where('patient_id', '=', input.patientId).orderBy('start_at', 'desc');
  if (!input.includeInactive) q = q.where('status', 'in', ['active', 'held']);
  const views = await orderViews(ctx.db, await q.execute(), ctx.clock.now());
  return input.includeInactive ? views : views.filter((v) => v.status === 'active' || v.status === 'held');
}

export async function orderDetail(db: Db, orderId: number, now: Date): Promise<OrderDetail> {
  const order = await db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
  if (!order) throw notFound('That order');
  const names = await userNames(db);
  const versions = await db.selectFrom('dose_versions').selectAll().where('order_id', '=', orderId).orderBy('effective_from').orderBy('id').execute();
  const [view] = await orderViews(db, [order], now, { names, versions });
  const zone = await getSetting(db, 'clinic.timeZone');
  const given = await db
    .selectFrom('administrations')
    .select(['administered_at', 'amount'])
    .where('order_id', '=', orderId)
    .where('outcome', '=', 'given')
    .where('entered_in_error_at', 'is', null)
    .execute();
  const byDay = new Map<string, number>();
  const dayOf = localDayOf(zone);
  for (const g of given) {
    const day = dayOf(g.administered_at);
    byDay.set(day, (byDay.get(day) ?? 0) + (g.amount ?? 0));
  }
  return {
    ...view,
    versions: versions.map((v) => doseView(v, names)),
    // ISO dates sort by their characters (localeCompare builds a collator per comparison).
    givenByDay: [...byDay].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, amount]) => ({ date, amount })),
  };
}
