/**
 * The nurses' calls (issue 7 "Speed"): Today's doses for the whole program, one resident's
 * 7-day MAR, logging one due scheduled dose and logging one PRN dose, each beside its raw-SQL
 * floor on the same file and the product on the plaintext twin.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { RecordAdministrationInput } from '../../main/ipc/contract/administrations';
import { recordAdministration } from '../../main/services/administrations';
import { entryHash } from '../../main/services/audit';
import type { Actor, ServiceContext } from '../../main/services/context';
import { todaysDoses } from '../../main/services/doses';
import { marForPatient } from '../../main/services/mar';
import { startOrder } from '../../main/services/orders';
import { residenceOf } from './clinic';
import { dayShift, logDoseFloor, logPrnDoseFloor, marFloor, todaysDosesFloor } from './marFloors';
import { measure, type Row } from './measure';

/** A given dose, everything else at the contract's defaults. */
const LOG_DEFAULTS: Omit<RecordAdministrationInput, 'orderId' | 'scheduledFor'> = {
  outcome: 'given',
  amount: null,
  route: null,
  site: null,
  administeredAt: null,
  reasonCode: null,
  reasonText: null,
  lateReason: null,
  overrideReason: null,
  note: null,
  witness: null,
  scoreId: null,
};

/** The facility resident whose id is nearest below `patientId` (residents get doses every day). */
const residentNear = (patientId: number): number => {
  for (let id = patientId; id > 1; id--) if (residenceOf(id - 1) === 'facility') return id;
  return 1;
};

export interface NurseEnv {
  n: number;
  now: Date;
  patientId: number;
  nurse: Actor;
  prescriber: Actor;
  ctx: () => ServiceContext;
  pctx: ServiceContext;
  enc: () => Database.Database;
  plain: Database.Database;
}

/** Takes the next id of a list, with a clear message when the clinic is too small for the runs. */
const next = (list: number[]) => {
  const id = list.shift();
  if (id === undefined) throw new Error("The bench clinic has too few residents' orders for this many runs: use fewer --runs or more --patients.");
  return id;
};

export async function nurseRows(e: NurseEnv): Promise<Row[]> {
  const { n, now, nurse } = e;
  const rows: Row[] = [];
  rows.push(
    await measure("Today's doses, whole program (doses.today)", n, {
      product: () => todaysDoses(e.ctx(), nurse, { controlledOnly: false }),
      floor: () => todaysDosesFloor(e.enc(), now),
      plain: () => todaysDoses(e.pctx, nurse, { controlledOnly: false }),
    }),
  );
  const resident = residentNear(e.patientId);
  rows.push(
    await measure("One resident's MAR, 7 days (mar.forPatient)", n, {
      product: () => marForPatient(e.ctx(), { patientId: resident, days: 7 }),
      floor: () => marFloor(e.enc(), now, resident, 7),
      plain: () => marForPatient(e.pctx, { patientId: resident, days: 7 }),
    }),
  );

  // Each run logs a different order's 09:00 dose, so none is refused as documented twice;
  // product and floor share the encrypted file's list.
  const nineAm = new Date(Date.parse(`${dayShift(now).date}T14:00:00Z`)).toISOString();
  const dueOrders = (d: Database.Database) =>
    (d.prepare(`SELECT o.id FROM orders o JOIN patients p ON p.id = o.patient_id JOIN medications m ON m.id = o.medication_id
      WHERE p.residence = 'facility' AND m.dea_schedule IS NULL AND o.status = 'active' AND o.prn = 0 ORDER BY o.id`).all() as Array<{ id: number }>).map((o) => o.id);
  const encOrders = dueOrders(e.enc());
  const plainOrders = dueOrders(e.plain);
  const logInput = (orderId: number) => ({ ...LOG_DEFAULTS, orderId, scheduledFor: nineAm });
  rows.push(
    await measure('Log one due dose (administrations.record, audited, synchronous=FULL)', n, {
      product: () => recordAdministration(e.ctx(), nurse, logInput(next(encOrders))),
      floor: () => logDoseFloor(e.enc(), entryHash as (x: Record<string, unknown>) => string, { orderId: next(encOrders), scheduledFor: nineAm, nurseId: nurse.id, at: now.toISOString() }),
      plain: () => recordAdministration(e.pctx, nurse, logInput(next(plainOrders))),
    }),
  );

  // PRN doses: a hydroxyzine PRN order per resident, started through the real service (residents
  // with a scheduled hydroxyzine order too make the amount cap sum across both). Each run logs a
  // dose now on a different order, so the minimum interval never refuses it.
  const prnOrders = async (c: ServiceContext, d: Database.Database, count: number) => {
    const med = d.prepare(`SELECT id, unit FROM medications WHERE name = 'Hydroxyzine'`).get() as { id: number; unit: string };
    const residents = (d.prepare(`SELECT id FROM patients WHERE residence = 'facility' ORDER BY id`).all() as Array<{ id: number }>).map((p) => p.id);
    if (residents.length < count) throw new Error(`The PRN rows need ${count} residents; the bench clinic has ${residents.length}: use fewer --runs or more --patients.`);
    const ids: number[] = [];
    for (const patientId of residents.slice(0, count)) {
      const o = await startOrder(c, e.prescriber, {
        patientId, medicationId: med.id, indication: 'bench', route: 'oral', administeredBy: 'staff', amount: 25, unit: med.unit, frequency: 'prn',
        startAt: now.toISOString(), endAt: null, prn: { indication: 'Anxiety', maxDoses24h: 4, minIntervalMinutes: 240, maxAmount24h: 200 },
        symptomTrigger: null, taperSteps: [], overrideReason: 'bench: same ingredient on purpose',
      });
      ids.push(o.id);
    }
    return ids;
  };
  const encPrn = await prnOrders(e.ctx(), e.enc(), 2 * n + 2);
  const plainPrn = await prnOrders(e.pctx, e.plain, n + 1);
  rows.push(
    await measure('Log one PRN dose (administrations.record: PRN window across ingredient, audited, FULL)', n, {
      product: () => recordAdministration(e.ctx(), nurse, { ...LOG_DEFAULTS, orderId: next(encPrn), scheduledFor: null }),
      floor: () => logPrnDoseFloor(e.enc(), entryHash as (x: Record<string, unknown>) => string, { orderId: next(encPrn), nurseId: nurse.id, at: now.toISOString() }),
      plain: () => recordAdministration(e.pctx, nurse, { ...LOG_DEFAULTS, orderId: next(plainPrn), scheduledFor: null }),
    }),
  );
  return rows;
}
