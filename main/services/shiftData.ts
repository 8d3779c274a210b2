import type { Administration, DoseVersion as DoseRow, Medication, Order, OrderHold, Patient } from '../../db/schema';
import { dosesFallOn, type ProgramDays } from '../domain/schedule';
import type { ServiceContext } from './context';
import { groupBy, programDaysOf, type LoadedOrder } from './marData';

/**
 * What one shift of Today's doses and the end-of-shift list needs, and no more (issue 7
 * "Speed": a whole program's screen in a few milliseconds, flat as history grows):
 * - who is in the program that day, as a few narrow columns, and, by the domain's
 *   `dosesFallOn` (asked once per distinct attendance pattern, not once per patient), who can
 *   have a staff-given dose in the shift;
 * - only those patients' scheduled orders that can have a dose in the shift;
 * - only the dose versions that can be in effect at some instant of the shift (the domain's
 *   `dosesDue` still decides which one is);
 * - the shift's entries by the index on the scheduled time, whatever the program's history.
 * The sets are passed to SQL as subqueries, not as lists of thousands of ids.
 */
type Db = ServiceContext['db'];

export interface ShiftWindow {
  /** UTC instants [start, end). */
  start: string;
  end: string;
  /** Clinic-local dates the shift touches (a night shift runs into the next). */
  dates: readonly string[];
  /** The clinic-local date whose admissions decide who is in the program. */
  programDate: string;
}

export interface ShiftPatient {
  id: number;
  residence: 'facility' | 'home';
  programDays: ProgramDays | null;
}

/**
 * Patients admitted on the program date (not discharged before it), narrow columns only, with
 * `doses` telling whether a staff-given dose can fall due for them in the shift.
 */
export async function shiftPatients(db: Db, w: ShiftWindow, filter: { patientId?: number; residence?: 'facility' | 'home' }): Promise<Array<ShiftPatient & { doses: boolean }>> {
  let q = db
    .selectFrom('patients as p')
    .leftJoin('program_days as pd', 'pd.patient_id', 'p.id')
    .select(['p.id', 'p.residence', 'pd.weekdays', 'pd.absences', 'pd.extra_days'])
    .where('p.admission_date', '<=', w.programDate)
    .where((eb) => eb.or([eb('p.discharge_date', 'is', null), eb('p.discharge_date', '>=', w.programDate)]));
  if (filter.patientId !== undefined) q = q.where('p.id', '=', filter.patientId);
  if (filter.residence !== undefined) q = q.where('p.residence', '=', filter.residence);
  const rows = await q.execute();
  // Most patients share one of a few attendance patterns: parse and decide each pattern once.
  const seen = new Map<string, { programDays: ProgramDays | null; doses: boolean }>();
  return rows.map((r) => {
    const key = r.weekdays === null ? r.residence : `${r.residence}|${r.weekdays}|${r.absences}|${r.extra_days}`;
    let hit = seen.get(key);
    if (hit === undefined) {
      const programDays = r.weekdays === null ? null : programDaysOf({ weekdays: r.weekdays, absences: r.absences ?? '[]', extra_days: r.extra_days ?? '[]' });
      hit = { programDays, doses: w.dates.some((d) => dosesFallOn(d, r.residence, programDays)) };
      seen.set(key, hit);
    }
    return { id: r.id, residence: r.residence, programDays: hit.programDays, doses: hit.doses };
  });
}

/**
 * Staff-given orders that can have a dose in [from, to): started before `to`, not ended by
 * `from`, and active, held, or stopped after `from`; scheduled or PRN as asked; of these
 * patients when given (else of anyone: the caller keeps those in the program).
 */
function ordersIn(db: Db, from: string, to: string, prn: boolean, patientIds: readonly number[] | null) {
  let q = db
    .selectFrom('orders')
    .where('prn', '=', prn ? 1 : 0)
    .where('administered_by', '=', 'staff')
    .where('start_at', '<', to)
    .where((eb) => eb.or([eb('end_at', 'is', null), eb('end_at', '>', from)]))
    .where((eb) => eb.or([eb('status', 'in', ['active', 'held']), eb('status_changed_at', '>', from)]));
  if (patientIds !== null) q = q.where('patient_id', 'in', patientIds.length ? [...patientIds] : [-1]);
  return q;
}

/**
 * The scheduled orders of these patients for the window, each with its medication, the dose
 * versions that can be in effect in it and its holds that reach into it.
 *
 * A version is left out only when it is voided (never in effect) or can be in effect at no
 * instant of [from, to): it starts at or after `to`, or a later non-voided version took effect
 * by `from`. Ties at one instant are all kept, so the domain's rule (the later entry wins)
 * still decides. PRN orders come with every version: their dose is read at "now".
 */
export async function shiftOrders(db: Db, patientIds: readonly number[] | null, from: string, to: string, prn: boolean): Promise<LoadedOrder[]> {
  const orders = await ordersIn(db, from, to, prn, patientIds).selectAll().orderBy('id').execute();
  if (orders.length === 0) return [];
  const ids = ordersIn(db, from, to, prn, patientIds).select('id');
  let versionsQ = db.selectFrom('dose_versions as dv').selectAll('dv').where('dv.order_id', 'in', ids).where('dv.voided_at', 'is', null);
  if (!prn) {
    versionsQ = versionsQ
      .where('dv.effective_from', '<', to)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('dose_versions as later')
              .select('later.id')
              .whereRef('later.order_id', '=', 'dv.order_id')
              .where('later.voided_at', 'is', null)
              .whereRef('later.effective_from', '>', 'dv.effective_from')
              .where('later.effective_from', '<=', from),
          ),
        ),
      );
  }
  const [meds, versions, holds] = await Promise.all([
    db.selectFrom('medications').selectAll().where('id', 'in', [...new Set(orders.map((o) => o.medication_id))]).execute(),
    versionsQ.orderBy('dv.order_id').orderBy('dv.effective_from').orderBy('dv.id').execute(),
    db
      .selectFrom('order_holds')
      .selectAll()
      .where('order_id', 'in', ids)
      .where('held_from', '<', to)
      .where((eb) => eb.or([eb('held_to', 'is', null), eb('held_to', '>', from)]))
      .orderBy('held_from')
      .execute(),
  ]);
  return assemble(orders, meds, versions, holds);
}

function assemble(orders: Order[], meds: Medication[], versions: DoseRow[], holds: OrderHold[]): LoadedOrder[] {
  const medById = new Map(meds.map((m) => [m.id, m]));
  const versionsBy = groupBy(versions, (v) => v.order_id);
  const holdsBy = groupBy(holds, (h) => h.order_id);
  return orders.map((order) => ({ order, med: medById.get(order.medication_id)!, versions: versionsBy.get(order.id) ?? [], holds: holdsBy.get(order.id) ?? [] }));
}

/** Every entry documenting a dose time in [from, to), entered-in-error ones included, by the index on the scheduled time. */
export async function shiftEntries(db: Db, from: string, to: string): Promise<Administration[]> {
  return db.selectFrom('administrations').selectAll().where('scheduled_for', '>=', from).where('scheduled_for', '<', to).orderBy('id').execute();
}

/** Full rows (for the banners and names) of the patients a screen lists, by name. */
export async function patientRows(db: Db, ids: readonly number[]): Promise<Patient[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('patients').selectAll().where('id', 'in', [...ids]).orderBy('family_name').orderBy('given_name').execute();
}
