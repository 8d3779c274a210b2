import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/schema';
import { AdjustableClock } from '../../main/clock';
import type { Actor, ServiceContext } from '../../main/services/context';
import { ensureShippedFormulary } from '../../main/services/formulary';
import { counts, forPatient, worklist } from '../../main/services/followups';
import { overdueAuditFigures, overdueAuditReviews } from '../../main/services/followupAudit';
import { orderDetail, patientOrders } from '../../main/services/orderViews';
import { startOrder } from '../../main/services/orders';
import { createPatient, listPatients } from '../../main/services/patients';
import { writeSetting } from '../../main/services/settings';
import { recordAdministration } from '../../main/services/administrations';
import { todaysDoses } from '../../main/services/doses';
import { marForPatient } from '../../main/services/mar';
import { insertUser } from '../../main/services/users';
import { openTempDb, type TempDb } from '../support/tempdb';

/**
 * The screens people wait on must stay flat as history grows: each of their queries, as the
 * services really send them (captured through Kysely's log), is planned on an index and never
 * reads the whole of administrations, followups or the audit log. Run on a small clinic with
 * ANALYZE, as the app's files are.
 */
const GROWING = ['administrations', 'followups', 'audit_log'];
let h: TempDb;
let captured: Array<{ sql: string; parameters: readonly unknown[] }> = [];
let ctx: ServiceContext;
const rx: Actor = { id: 2, role: 'prescriber', displayName: 'Dr. Plan' };
let patientId = 0;
let orderId = 0;

beforeAll(async () => {
  h = await openTempDb();
  const clock = new AdjustableClock(() => new Date('2026-10-01T14:00:00.000Z'));
  const logged = new Kysely<DB>({
    dialect: new SqliteDialect({ database: h.sqlite }),
    log: (e) => {
      if (e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters });
    },
  });
  ctx = { db: logged, clock };
  const at = clock.now().toISOString();
  await h.db.transaction().execute(async (trx) => {
    await writeSetting(trx, at, null, 'clinic.timeZone', 'America/New_York');
    await ensureShippedFormulary(trx, at);
    await insertUser(trx, at, null, { login: 'admin', displayName: 'Admin', password: 'plan-password-1', role: 'admin' });
    await insertUser(trx, at, null, { login: 'rx', displayName: 'Dr. Plan', password: 'plan-password-1', role: 'prescriber' });
    await insertUser(trx, at, null, { login: 'rn', displayName: 'Nurse Plan', password: 'plan-password-1', role: 'nurse' });
  });
  const meds = (await h.db.selectFrom('medications').select(['id', 'unit', 'strengths', 'name']).where('name', 'in', ['Diazepam', 'Thiamine', 'Gabapentin']).execute());
  for (let p = 0; p < 30; p++) {
    const patient = await createPatient({ db: h.db, clock }, nurse, {
      // One in three lives at the facility, so Today's doses and the MAR have doses due.
      patient: { mrn: `Q-${p}`, familyName: `Planfamily${p}`, givenName: 'Test', dateOfBirth: '1980-01-01', admissionDate: '2026-09-01', dischargeDate: null, levelOfCare: '2.1', residence: p % 3 === 0 ? 'facility' : 'home' },
      allergies: [],
      // Planfamily1 and Planfamily2, born the same day, are one letter apart: synthetic, not one person.
      confirmedDifferentPerson: true,
    });
    for (const m of meds) {
      const o = await startOrder({ db: h.db, clock }, rx, {
        patientId: patient.id, medicationId: m.id, indication: 'plan test', route: 'oral', administeredBy: 'staff',
        amount: (JSON.parse(m.strengths) as number[])[0], unit: m.unit, frequency: 'bid', startAt: clock.now().toISOString(),
        endAt: null, prn: null, symptomTrigger: null, taperSteps: [], overrideReason: 'plan test: the overlap is deliberate',
      });
      patientId = patient.id;
      orderId = o.id;
    }
  }
  // Doses given, with their audit entries' worth of rows, so the tables are not trivially small.
  const adm = h.sqlite.prepare(`INSERT INTO administrations (order_id, dose_version_id, scheduled_for, administered_at, outcome, amount, unit, nurse_id, recorded_at) SELECT o.id, dv.id, ?, ?, 'given', dv.amount, dv.unit, 3, ? FROM orders o JOIN dose_versions dv ON dv.order_id = o.id`);
  for (let d = 0; d < 40; d++) {
    const when = new Date(Date.parse('2026-10-01T14:00:00.000Z') + d * 86_400_000).toISOString();
    adm.run(when, when, when);
  }
  // A year of closed reviews before that, as a clinic accumulates: the screens must not read them.
  const old = h.sqlite.prepare(`INSERT INTO followups (patient_id, order_id, kind, due_date, assigned_prescriber_id, status, origin, completed_at, completed_by, outcome, created_at) VALUES (?, NULL, 'manual', ?, 2, 'completed', 'manual', ?, 2, 'continue', ?)`);
  for (let i = 0; i < 3000; i++) {
    const due = new Date(Date.parse('2025-06-01') + (i % 365) * 86_400_000).toISOString().slice(0, 10);
    old.run((i % 30) + 1, due, `${due}T18:00:00.000Z`, `${due}T12:00:00.000Z`);
  }
  h.sqlite.exec('ANALYZE');
  clock.set(new Date('2026-11-10T15:00:00.000Z'));
});
afterAll(async () => h?.cleanup());

/** The plan lines that read a growing table whole ("SCAN t", by name or by its alias). */
function scansOfGrowingTables(sql: string, parameters: readonly unknown[]): string[] {
  // The newest row by rowid (the audit chain's head): planned as a SCAN, but it stops at one row.
  if (/order by "id" desc limit \?$/.test(sql) && parameters[parameters.length - 1] === 1) return [];
  const names = new Set(GROWING);
  for (const m of sql.matchAll(/"(\w+)"\s+as\s+"(\w+)"/g)) if (GROWING.includes(m[1])) names.add(m[2]);
  const plan = h.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(parameters as unknown[])) as Array<{ detail: string }>;
  return plan.map((p) => p.detail).filter((d) => {
    const m = /^SCAN (\w+)/.exec(d);
    return m !== null && names.has(m[1]);
  });
}

const screens: Array<[string, () => Promise<unknown>]> = [
  ['patient search', () => listPatients(ctx, { query: 'Planfamily1', includeDischarged: false })],
  ["a patient's medication list", () => patientOrders(ctx, { patientId, includeInactive: false })],
  ['one order with doses given', () => orderDetail(ctx.db, orderId, ctx.clock.now())],
  ["my worklist", () => worklist(ctx, rx, { scope: 'mine', includeUpcoming: true })],
  ["the team's worklist without upcoming", () => worklist(ctx, rx, { scope: 'everyone', includeUpcoming: false })],
  ['review counts', () => counts(ctx, rx)],
  ["a patient's reviews", () => forPatient(ctx, patientId)],
  ["the director's audit figures", () => overdueAuditFigures(ctx, {})],
  ["the audit drill-down, one prescriber's page", () => overdueAuditReviews(ctx, { prescriberId: rx.id }, { offset: 0, limit: 50 })],
  ["Today's doses", () => todaysDoses(ctx, nurse, { controlledOnly: false })],
  ["a resident's MAR, 7 days", () => marForPatient(ctx, { patientId: residentId, days: 7 })],
  ['logging a due dose', () => logOneDose()],
];

const nurse: Actor = { id: 3, role: 'nurse', displayName: 'Nurse Plan' };
const residentId = 1; // patient 0 of the loop lives at the facility
let logged = 0;
/** A resident's 09:00 dose of an order not yet documented today (Thiamine or Gabapentin: no witness needed). */
async function logOneDose() {
  const orders = await h.db
    .selectFrom('orders as o')
    .innerJoin('patients as p', 'p.id', 'o.patient_id')
    .innerJoin('medications as m', 'm.id', 'o.medication_id')
    .select('o.id')
    .where('p.residence', '=', 'facility')
    .where('m.dea_schedule', 'is', null)
    .orderBy('o.id')
    .execute();
  const { id } = orders[logged++];
  return recordAdministration(ctx, nurse, {
    orderId: id, scheduledFor: '2026-11-10T14:00:00.000Z', outcome: 'given', amount: null, route: null, site: null, administeredAt: null,
    reasonCode: null, reasonText: null, lateReason: null, overrideReason: null, note: null, witness: null, scoreId: null,
  });
}

describe('hot queries use their indexes', () => {
  it.each(screens)('%s reads no growing table whole', async (_name, run) => {
    captured = [];
    await run();
    const selects = captured.filter((q) => /^\s*select/i.test(q.sql));
    expect(selects.length).toBeGreaterThan(0);
    const scans = selects.flatMap((q) => scansOfGrowingTables(q.sql, q.parameters).map((d) => `${d}  <=  ${q.sql.slice(0, 160)}`));
    expect(scans).toEqual([]);
  });

  it('finds the next review of each order on the followups_order index', async () => {
    captured = [];
    await patientOrders(ctx, { patientId, includeInactive: false });
    const next = captured.find((q) => /"followups"/.test(q.sql) && /"order_id" in/i.test(q.sql));
    expect(next).toBeDefined();
    const plan = (h.sqlite.prepare(`EXPLAIN QUERY PLAN ${next!.sql}`).all(...(next!.parameters as unknown[])) as Array<{ detail: string }>).map((p) => p.detail).join('\n');
    expect(plan).toMatch(/followups_order/);
  });

  it.each([
    ["Today's doses", () => todaysDoses(ctx, nurse, { controlledOnly: false })],
    ["a resident's MAR", () => marForPatient(ctx, { patientId: residentId, days: 7 })],
    ['logging a due dose', () => logOneDose()],
  ] as Array<[string, () => Promise<unknown>]>)('%s reads administrations only through an index', async (_name, run) => {
    captured = [];
    await run();
    const reads = captured.filter((q) => /^\s*select/i.test(q.sql) && /"administrations"/.test(q.sql));
    expect(reads.length).toBeGreaterThan(0);
    for (const q of reads) {
      const plan = (h.sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as Array<{ detail: string }>).map((p) => p.detail);
      const onAdministrations = plan.filter((d) => /\badministrations\b/.test(d));
      expect(onAdministrations.length, q.sql).toBeGreaterThan(0);
      for (const d of onAdministrations) expect(d, q.sql).toMatch(/^SEARCH administrations USING (COVERING INDEX |INDEX |INTEGER PRIMARY KEY)/);
    }
  });
});

describe("Today's doses reads only the shift", () => {
  it("reads the shift's entries by scheduled time, and orders and dose versions of the dosing patients by their indexes", async () => {
    captured = [];
    await todaysDoses(ctx, nurse, { controlledOnly: false });
    const planOf = (pattern: RegExp) => {
      const q = captured.find((c) => pattern.test(c.sql));
      expect(q, String(pattern)).toBeDefined();
      return (h.sqlite.prepare(`EXPLAIN QUERY PLAN ${q!.sql}`).all(...(q!.parameters as unknown[])) as Array<{ detail: string }>).map((p) => p.detail).join('\n');
    };
    // The entries: a range on the scheduled time, not a list of every order of the program.
    expect(planOf(/from "administrations" where "scheduled_for" >=/)).toMatch(/SEARCH administrations USING INDEX administrations_scheduled \(scheduled_for>\? AND scheduled_for<\?\)/);
    // Dose versions: of the shift's orders (found by patient), superseded ones skipped on the order's index.
    const versions = planOf(/from "dose_versions" as "dv"/);
    expect(versions).toMatch(/SEARCH dv USING INDEX dose_versions_order/);
    expect(versions).toMatch(/SEARCH orders USING INDEX orders_patient/);
    expect(versions).toMatch(/SEARCH later USING (COVERING )?INDEX dose_versions_order/);
    expect(versions).not.toMatch(/SCAN/);
  });
});
