/**
 * Speed figures for the screens people wait on, on a clinic-sized encrypted file. Run with
 * `npm run bench` (optionally `-- --administrations 1000000`). Prints figures; asserts nothing.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openClinicDatabase } from '../../db/open';
import { AdjustableClock } from '../../main/clock';
import { createPatient, listPatients } from '../../main/services/patients';
import { orderDetail, orderViews } from '../../main/services/orderViews';
import { counts, worklist } from '../../main/services/followups';
import { overdueAudit } from '../../main/services/followupAudit';
import { ensureShippedFormulary } from '../../main/services/formulary';
import { inTransaction, type Actor } from '../../main/services/context';
import { writeSetting } from '../../main/services/settings';

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '2000' },
    administrations: { type: 'string', default: '1000000' },
    reviews: { type: 'string', default: '60000' },
    runs: { type: 'string', default: '30' },
  },
});
const N = { patients: Number(values.patients), administrations: Number(values.administrations), reviews: Number(values.reviews), runs: Number(values.runs) };
for (const [k, v] of Object.entries(N)) if (!Number.isInteger(v) || v < 1) throw new Error(`--${k} must be a positive whole number`);

async function time(label: string, runs: number, fn: () => Promise<unknown> | unknown): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(2);
  console.log(`${label.padEnd(58)} median ${p(0.5).padStart(8)} ms   p95 ${p(0.95).padStart(8)} ms   (${runs} runs)`);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrack-bench-'));
  const file = path.join(dir, 'bench.db');
  const key = crypto.randomBytes(32);
  const clock = new AdjustableClock(() => new Date('2026-11-27T15:00:00.000Z'));
  console.log(`Building ${file}: ${N.patients} patients, ${N.administrations} administrations, ${N.reviews} reviews ...`);
  const t0 = Date.now();
  const h = await openClinicDatabase({ file, key, create: true });
  const at = clock.now().toISOString();
  await inTransaction({ db: h.db, clock }, async (trx) => {
    await writeSetting(trx, at, null, 'clinic.timeZone', 'America/New_York');
    await ensureShippedFormulary(trx, at);
  });
  const s = h.sqlite;
  // Bulk rows go in with plain SQL: the services' per-row audit would make setup take hours.
  s.exec('BEGIN');
  const user = s.prepare(`INSERT INTO users (login, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, 'x', ?, ?)`);
  for (let i = 0; i < 12; i++) user.run(`prescriber${i}`, `Bench Prescriber ${i}`, 'prescriber', at, at);
  user.run('nurse', 'Bench Nurse', 'nurse', at, at);
  const pat = s.prepare(`INSERT INTO patients (mrn, family_name, given_name, date_of_birth, admission_date, level_of_care, residence, created_at, created_by, updated_at) VALUES (?, ?, ?, '1980-01-01', '2026-10-01', '2.1', 'home', ?, 1, ?)`);
  for (let i = 0; i < N.patients; i++) pat.run(`B-${i}`, `Benchfamily${i}`, `Benchgiven${i}`, at, at);
  const ord = s.prepare(`INSERT INTO orders (patient_id, medication_id, prescriber_id, indication, route, administered_by, start_at, status, created_at, created_by) VALUES (?, ?, ?, 'bench', 'oral', 'staff', '2026-10-01T13:00:00.000Z', 'active', ?, 1)`);
  const dose = s.prepare(`INSERT INTO dose_versions (order_id, kind, amount, unit, frequency, effective_from, reason, author_id, created_at) VALUES (?, ?, ?, 'mg', 'qid', ?, 'bench', 1, ?)`);
  const orders = N.patients * 5;
  for (let o = 1; o <= orders; o++) {
    ord.run(((o - 1) % N.patients) + 1, (o % 20) + 1, (o % 12) + 1, at);
    dose.run(o, 'initial', 25, '2026-10-01T13:00:00.000Z', at);
    dose.run(o, 'taper_step', 20, '2026-12-01T14:00:00.000Z', at);
  }
  const adm = s.prepare(`INSERT INTO administrations (order_id, dose_version_id, administered_at, outcome, amount, unit, nurse_id, recorded_at) VALUES (?, ?, ?, 'given', 25, 'mg', 13, ?)`);
  const start = Date.parse('2026-10-01T13:00:00.000Z');
  for (let i = 0; i < N.administrations; i++) {
    const o = (i % orders) + 1;
    const when = new Date(start + Math.floor(i / orders) * 6 * 3600_000).toISOString();
    adm.run(o, o * 2 - 1, when, when);
  }
  const fu = s.prepare(`INSERT INTO followups (patient_id, order_id, kind, due_date, assigned_prescriber_id, status, origin, completed_at, completed_by, outcome, created_at) VALUES (?, ?, 'manual', ?, ?, ?, 'manual', ?, ?, ?, ?)`);
  for (let i = 0; i < N.reviews; i++) {
    const o = (i % orders) + 1;
    const due = new Date(Date.parse('2026-06-01') + (i % 240) * 86400_000).toISOString().slice(0, 10);
    const open = i % 7 === 0;
    fu.run(((o - 1) % N.patients) + 1, null, due, (i % 12) + 1, open ? 'scheduled' : 'completed', open ? null : `${due}T20:00:00.000Z`, open ? null : 1, open ? null : 'continue', at);
  }
  s.exec('COMMIT');
  s.pragma('wal_checkpoint(TRUNCATE)');
  await h.close();
  console.log(`Built in ${((Date.now() - t0) / 1000).toFixed(1)} s; file ${(fs.statSync(file).size / 1e6).toFixed(0)} MB (encrypted)\n`);

  let handle = await openClinicDatabase({ file, key });
  await time('Open file, verify key, check schema', 20, async () => {
    await handle.close();
    handle = await openClinicDatabase({ file, key });
  });
  const ctx = { db: handle.db, clock };
  const actor: Actor = { id: 1, role: 'prescriber', displayName: 'Bench Prescriber 0' };
  const nurse: Actor = { id: 13, role: 'nurse', displayName: 'Bench Nurse' };
  await time('Patients: search by name (patients.list)', N.runs, () => listPatients(ctx, { query: 'Benchfamily1234', includeDischarged: false }));
  const someOrders = await handle.db.selectFrom('orders').selectAll().where('patient_id', '=', 1234).execute();
  await time("Medication list of one patient (orders.listForPatient)", N.runs, () => orderViews(handle.db, someOrders, clock.now()));
  await time('One order with history and doses given (orders.get)', N.runs, () => orderDetail(handle.db, someOrders[0].id, clock.now()));
  await time(`Review worklist, one prescriber (followups.worklist)`, N.runs, () => worklist(ctx, actor, { scope: 'mine', includeUpcoming: true }));
  await time(`Review counts for the navigation (followups.counts)`, N.runs, () => counts(ctx, actor));
  await time(`Director's overdue audit over ${N.reviews} reviews`, 10, () => overdueAudit(ctx, {}));
  let i = 0;
  await time('Audited write, durable (patients.create, synchronous=FULL)', N.runs, () =>
    createPatient(ctx, nurse, {
      patient: { mrn: `W-${i++}`, familyName: 'Writer', givenName: 'Bench', dateOfBirth: '1990-01-01', admissionDate: '2026-11-01', dischargeDate: null, levelOfCare: '2.1', residence: 'home' },
      allergies: [],
    }),
  );
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
