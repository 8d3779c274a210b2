import type { Administration, DoseVersion as DoseRow, Medication, Order, OrderHold, Patient } from '../../db/schema';
import type { DoseVersion } from '../domain/doses';
import { isFrequency, type Frequency } from '../domain/frequency';
import type { ProgramDays, ScheduleOrder } from '../domain/schedule';
import type { ServiceContext, Trx } from './context';

/**
 * Set-based loading for the nurses' screens: Today's doses, the end-of-shift list and the MAR
 * read the orders, dose versions, holds, program days and administrations of a window in a few
 * queries, whatever the number of patients (issue 7: no per-row queries).
 */
type Db = ServiceContext['db'] | Trx;

export interface LoadedOrder {
  order: Order;
  med: Medication;
  versions: DoseRow[];
  holds: OrderHold[];
}

export const asScheduleDose = (v: DoseRow): DoseVersion => ({
  id: v.id,
  amount: v.amount,
  unit: v.unit,
  frequency: v.frequency,
  effectiveFrom: v.effective_from,
  voidedAt: v.voided_at,
  kind: v.kind,
});

/** The order as the schedule rule reads it. */
export function scheduleOrder(o: LoadedOrder): ScheduleOrder {
  const first = o.versions.find((v) => v.voided_at === null);
  const frequency: Frequency = first && isFrequency(first.frequency) ? first.frequency : 'daily';
  return {
    id: o.order.id,
    frequency,
    administeredBy: o.order.administered_by,
    startAt: o.order.start_at,
    endAt: o.order.end_at,
    status: o.order.status,
    statusChangedAt: o.order.status_changed_at,
    holds: o.holds.map((h) => ({ from: h.held_from, to: h.held_to })),
    prn: o.order.prn === 1,
  };
}

export function programDaysOf(row: { weekdays: string; absences: string; extra_days: string } | undefined): ProgramDays | null {
  if (!row) return null;
  return { weekdays: JSON.parse(row.weekdays) as number[], absences: JSON.parse(row.absences) as string[], extraDays: JSON.parse(row.extra_days) as string[] };
}

/** Patients in the program on a clinic-local date: admitted by then and not discharged before it. */
export async function patientsOn(db: Db, date: string, filter: { patientId?: number; residence?: 'facility' | 'home' } = {}): Promise<Patient[]> {
  let q = db
    .selectFrom('patients')
    .selectAll()
    .where('admission_date', '<=', date)
    .where((eb) => eb.or([eb('discharge_date', 'is', null), eb('discharge_date', '>=', date)]))
    .orderBy('family_name')
    .orderBy('given_name');
  if (filter.patientId !== undefined) q = q.where('id', '=', filter.patientId);
  if (filter.residence !== undefined) q = q.where('residence', '=', filter.residence);
  return q.execute();
}

/**
 * The staff-given orders of these patients that could have a dose in [from, to): started
 * before `to`, not ended before `from`, and active, held, or stopped no earlier than `from`;
 * only the PRN or only the scheduled ones when `only` says so.
 */
export async function staffOrders(db: Db, patientIds: number[], from: string, to: string, only?: { prn: boolean }): Promise<LoadedOrder[]> {
  if (patientIds.length === 0) return [];
  let q = db.selectFrom('orders');
  if (only) q = q.where('prn', '=', only.prn ? 1 : 0);
  const orders = await q
    .selectAll()
    .where('patient_id', 'in', patientIds)
    .where('administered_by', '=', 'staff')
    .where('start_at', '<', to)
    .where((eb) => eb.or([eb('end_at', 'is', null), eb('end_at', '>', from)]))
    .where((eb) => eb.or([eb('status', 'in', ['active', 'held']), eb('status_changed_at', '>', from)]))
    .orderBy('id')
    .execute();
  return withDetails(db, orders, from);
}

/** Medications, dose versions and hold periods of these orders, in three queries. */
export async function withDetails(db: Db, orders: Order[], holdsFrom?: string): Promise<LoadedOrder[]> {
  if (orders.length === 0) return [];
  const ids = orders.map((o) => o.id);
  let holdsQ = db.selectFrom('order_holds').selectAll().where('order_id', 'in', ids);
  if (holdsFrom !== undefined) holdsQ = holdsQ.where((eb) => eb.or([eb('held_to', 'is', null), eb('held_to', '>', holdsFrom)]));
  const [meds, versions, holds] = await Promise.all([
    db.selectFrom('medications').selectAll().where('id', 'in', [...new Set(orders.map((o) => o.medication_id))]).execute(),
    db.selectFrom('dose_versions').selectAll().where('order_id', 'in', ids).orderBy('effective_from').orderBy('id').execute(),
    holdsQ.orderBy('held_from').execute(),
  ]);
  const medById = new Map(meds.map((m) => [m.id, m]));
  const versionsBy = groupBy(versions, (v) => v.order_id);
  const holdsBy = groupBy(holds, (h) => h.order_id);
  return orders.map((order) => ({ order, med: medById.get(order.medication_id)!, versions: versionsBy.get(order.id) ?? [], holds: holdsBy.get(order.id) ?? [] }));
}

export async function programDaysFor(db: Db, patientIds: number[]): Promise<Map<number, ProgramDays>> {
  if (patientIds.length === 0) return new Map();
  const rows = await db.selectFrom('program_days').selectAll().where('patient_id', 'in', patientIds).execute();
  return new Map(rows.map((r) => [r.patient_id, programDaysOf(r)!]));
}

/** Entries documenting dose times in [from, to) for these orders, entered-in-error ones included. */
export async function scheduledEntries(db: Db, orderIds: number[], from: string, to: string): Promise<Administration[]> {
  if (orderIds.length === 0) return [];
  return db
    .selectFrom('administrations')
    .selectAll()
    .where('order_id', 'in', orderIds)
    .where('scheduled_for', '>=', from)
    .where('scheduled_for', '<', to)
    .orderBy('id')
    .execute();
}

/** Given doses (not entered in error) of these orders with administered_at in (from, to]. */
export async function givenBetween(db: Db, orderIds: number[], from: string, to: string): Promise<Administration[]> {
  if (orderIds.length === 0) return [];
  return db
    .selectFrom('administrations')
    .selectAll()
    .where('order_id', 'in', orderIds)
    .where('outcome', '=', 'given')
    .where('entered_in_error_at', 'is', null)
    .where('administered_at', '>', from)
    .where('administered_at', '<=', to)
    .orderBy('administered_at')
    .execute();
}

export async function userNames(db: Db): Promise<Map<number, string>> {
  return new Map((await db.selectFrom('users').select(['id', 'display_name']).execute()).map((u) => [u.id, u.display_name]));
}

export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

export const ingredientsOf = (m: Pick<Medication, 'ingredients'>): string[] => (JSON.parse(m.ingredients) as string[]).map((i) => i.toLowerCase().trim());

/** Orders sharing an ingredient and unit with `med`: their given doses count toward its 24-hour amount cap. */
export function sameIngredient(med: Medication, others: readonly { order: Order; med: Medication }[]): number[] {
  const mine = new Set(ingredientsOf(med));
  return others.filter((o) => o.med.unit === med.unit && ingredientsOf(o.med).some((i) => mine.has(i))).map((o) => o.order.id);
}
