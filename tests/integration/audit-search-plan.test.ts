import crypto from 'node:crypto';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/schema';
import { AdjustableClock } from '../../main/clock';
import type { Actor } from '../../main/services/context';
import { ensureShippedFormulary } from '../../main/services/formulary';
import { searchAudit } from '../../main/services/auditSearch';
import { startOrder } from '../../main/services/orders';
import { createPatient } from '../../main/services/patients';
import { writeSetting } from '../../main/services/settings';
import { insertUser } from '../../main/services/users';
import { openTempDb, type TempDb } from '../support/tempdb';

/**
 * The audit log viewer's patient filter (issue 8 item 11) is a set of subqueries: the patient's
 * own entries, and those of each record that belongs to them (orders, their dose versions and
 * doses given, allergies, reviews, scores). On a clinic with a long history every one of them
 * must be answered through an index, never by reading the whole audit log, administrations or
 * dose versions; the plans below are of the queries the service really sends (Kysely's log),
 * on a file with ANALYZE statistics, as the app's files have.
 */
const WHOLE = ['audit_log', 'administrations', 'dose_versions', 'orders', 'followups', 'allergies', 'withdrawal_scores'];
const PATIENTS = 12;
/** Entries about other records, as years of other patients' care leave them. */
const HISTORY = 60_000;

let h: TempDb;
let db: Kysely<DB>;
let captured: Array<{ sql: string; parameters: readonly unknown[] }> = [];
const rx: Actor = { id: 2, role: 'prescriber', displayName: 'Dr. Plan' };
const nurse: Actor = { id: 3, role: 'nurse', displayName: 'Nurse Plan' };
const patientIds: number[] = [];

beforeAll(async () => {
  h = await openTempDb();
  const clock = new AdjustableClock(() => new Date('2026-10-01T14:00:00.000Z'));
  db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: h.sqlite }),
    log: (e) => {
      if (e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters });
    },
  });
  const at = clock.now().toISOString();
  await h.db.transaction().execute(async (trx) => {
    await writeSetting(trx, at, null, 'clinic.timeZone', 'America/New_York');
    await ensureShippedFormulary(trx, at);
    await insertUser(trx, at, null, { login: 'admin', displayName: 'Admin', password: 'plan-password-1', role: 'admin' });
    await insertUser(trx, at, null, { login: 'rx', displayName: 'Dr. Plan', password: 'plan-password-1', role: 'prescriber' });
    await insertUser(trx, at, null, { login: 'rn', displayName: 'Nurse Plan', password: 'plan-password-1', role: 'nurse' });
  });
  const med = await h.db.selectFrom('medications').select(['id', 'unit', 'strengths']).where('name', '=', 'Thiamine').executeTakeFirstOrThrow();
  for (let p = 0; p < PATIENTS; p++) {
    const patient = await createPatient({ db: h.db, clock }, nurse, {
      patient: { mrn: `AP-${p}`, familyName: `Auditplan${p}`, givenName: 'Test', dateOfBirth: '1980-01-01', admissionDate: '2026-09-01', dischargeDate: null, levelOfCare: '2.1', residence: 'facility' },
      allergies: [{ substance: `Substance ${p}`, reaction: 'rash', severity: 'mild' }],
      confirmedDifferentPerson: true,
    });
    patientIds.push(patient.id);
    await startOrder({ db: h.db, clock }, rx, {
      patientId: patient.id, medicationId: med.id, indication: 'plan test', route: 'oral', administeredBy: 'staff',
      amount: (JSON.parse(med.strengths) as number[])[0], unit: med.unit, frequency: 'bid', startAt: at,
      endAt: null, prn: null, symptomTrigger: null, taperSteps: [], overrideReason: null,
    });
  }
  // Doses given (rows only: the plan is about the tables' sizes, not their entries' chain).
  const adm = h.sqlite.prepare(`INSERT INTO administrations (order_id, dose_version_id, scheduled_for, administered_at, outcome, amount, unit, nurse_id, recorded_at) SELECT o.id, dv.id, ?, ?, 'given', dv.amount, dv.unit, 3, ? FROM orders o JOIN dose_versions dv ON dv.order_id = o.id`);
  for (let d = 0; d < 300; d++) {
    const when = new Date(Date.parse('2026-10-01T14:00:00.000Z') + d * 3_600_000).toISOString();
    adm.run(when, when, when);
  }
  // A long history of entries about records of patients not in this file any more than ids:
  // administrations, orders and patients far from ours. Hashes are random (unique, as the
  // one-successor index asks); the chain is not what is under test here.
  const entry = h.sqlite.prepare(`INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, before_json, after_json, reason, prev_hash, hash) VALUES (?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?)`);
  const kinds = [['administration', 'administrations.record'], ['order', 'orders.start'], ['patient', 'patients.update'], ['dose_version', 'orders.dose_change']] as const;
  h.sqlite.transaction(() => {
    for (let i = 0; i < HISTORY; i++) {
      const [type, action] = kinds[i % kinds.length];
      const when = new Date(Date.parse('2024-01-01T00:00:00.000Z') + i * 600_000).toISOString();
      entry.run(when, 3, action, type, String(100_000 + i), '{"order_id":999999}', crypto.randomBytes(16).toString('hex'), crypto.randomBytes(16).toString('hex'));
    }
  })();
  h.sqlite.exec('ANALYZE');
});
afterAll(async () => h?.cleanup());

/**
 * The plan lines that read one of the patient's tables whole: a SCAN, or (the next page's
 * "id < ?") a walk down the audit log's primary key through every older entry.
 */
function wholeTableScans(sql: string, parameters: readonly unknown[]): string[] {
  const names = new Set(WHOLE);
  for (const m of sql.matchAll(/"(\w+)"\s+as\s+"(\w+)"/g)) if (WHOLE.includes(m[1])) names.add(m[2]);
  const plan = h.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(parameters as unknown[])) as Array<{ detail: string }>;
  return plan.map((p) => p.detail).filter((d) => {
    const m = /^SCAN (\w+)/.exec(d);
    return (m !== null && names.has(m[1])) || /^SEARCH audit_log USING INTEGER PRIMARY KEY \(rowid<\?\)/.test(d);
  });
}

const filters: Array<[string, () => Parameters<typeof searchAudit>[1]]> = [
  ['the patient alone', () => ({ patientId: patientIds[3], limit: 50 })],
  ['the patient and a kind of action', () => ({ patientId: patientIds[3], kind: 'orders.', limit: 50 })],
  ['the patient and a person', () => ({ patientId: patientIds[3], actorId: rx.id, limit: 50 })],
  ['the patient and a date range', () => ({ patientId: patientIds[3], from: '2026-10-01', to: '2026-10-01', limit: 50 })],
  ['the patient, the next page', () => ({ patientId: patientIds[3], beforeId: 1_000_000, limit: 50 })],
];

describe("the audit log's patient filter at size", () => {
  it.each(filters)('%s reads no table whole', async (_name, q) => {
    captured = [];
    await searchAudit(db, q());
    const onAudit = captured.filter((c) => /^\s*select/i.test(c.sql) && /from "audit_log"/.test(c.sql));
    // The count and the page.
    expect(onAudit.length).toBe(2);
    const scans = onAudit.flatMap((c) => wholeTableScans(c.sql, c.parameters).map((d) => `${d}  <=  ${c.sql.slice(0, 200)}`));
    if (process.env.SHOW_PLAN) for (const c of onAudit) console.log(c.sql, '\n', (h.sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.parameters as unknown[])) as Array<{ detail: string }>).map((p) => p.detail).join('\n'));
    expect(scans).toEqual([]);
  });

  it("finds exactly the patient's own entries among the history", async () => {
    const r = await searchAudit(db, { patientId: patientIds[3], limit: 50 });
    // Created (with one allergy), one order started with its starting dose and its review.
    expect(r.entries.map((e) => e.action).sort()).toEqual(['orders.start', 'orders.dose_initial', 'followups.schedule', 'patients.add_allergy', 'patients.create'].sort());
    expect(r.total).toBe(r.entries.length);
    expect(r.entries.every((e) => e.patient?.id === patientIds[3])).toBe(true);
  });
});
