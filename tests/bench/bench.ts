/**
 * The measuring instrument for issue 11. `npm run bench -- [--patients N] [--history X]
 * [--runs N] [--json FILE] [--growth [--factors 0.25,1,4]] [--skip-backup]` times each call people wait on beside its raw-SQL floor
 * (the minimal SQL a careful engineer would write for the same information, same file, driver,
 * pragmas and key, same connection), interleaved run by run, on the encrypted file and on its
 * plaintext twin. Prints figures; asserts nothing (tests/integration/query-plans.test.ts
 * guards the plans).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey, openClinicDatabase } from '../../db/open';
import { migrateToLatest } from '../../db/migrate';
import { AdjustableClock } from '../../main/clock';
import { bandCutoffs } from '../../main/domain/overdue';
import type { Actor, ServiceContext } from '../../main/services/context';
import { counts, worklist } from '../../main/services/followups';
import { exportAudit, overdueAuditFigures, overdueAuditReviews } from '../../main/services/followupAudit';
import { orderDetail, patientOrders } from '../../main/services/orderViews';
import { createPatient, listPatients } from '../../main/services/patients';
import { entryHash } from '../../main/services/audit';
import { backupClinicFile } from '../../main/app/backup';
import { BENCH_NOW, BENCH_PASSPHRASE, clinicFor, ORDERS_PER_PATIENT, workingCopy, type ClinicParams } from './clinic';
import { auditFiguresFloor } from './floors';
import { fmt, loadSamples, machine, measure, openPlain, ratio, table, type Row } from './measure';
import { nurseRows } from './nurseCalls';

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '2000' },
    history: { type: 'string', default: '1' },
    runs: { type: 'string', default: '30' },
    json: { type: 'string' },
    growth: { type: 'boolean', default: false },
    factors: { type: 'string', default: '0.25,1,4' },
    'skip-backup': { type: 'boolean', default: false },
  },
});
const factors = values.factors.split(',').map(Number);
if (factors.some((f) => !(f > 0 && f <= 16))) throw new Error('--factors must be history factors between 0 and 16, e.g. 0.25,1,4');
const patients = Number(values.patients);
const history = Number(values.history);
const runs = Number(values.runs);
if (!Number.isInteger(patients) || patients < 20) throw new Error('--patients must be a whole number of at least 20');
if (!(history > 0 && history <= 16)) throw new Error('--history must be a factor between 0 and 16 (1 = 50 days of doses, 30 reviews a patient)');
if (!Number.isInteger(runs) || runs < 3) throw new Error('--runs must be a whole number of at least 3');

/** 1x history: 50 days of twice-daily doses on 5 orders a patient (1M at 2,000 patients), 30 reviews a patient (60k). */
const paramsFor = (factor: number): ClinicParams => ({ patients, historyDays: Math.round(50 * factor), reviewsPerPatient: Math.round(30 * factor) });

async function benchOne(factor: number, opts: { full: boolean; log: (s: string) => void }) {
  const built = await clinicFor(paramsFor(factor), opts.log);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrack-bench-run-'));
  try {
    const files = workingCopy(built, work);
    const key = built.key;
    const clock = new AdjustableClock(() => new Date(BENCH_NOW));
    const now = clock.now();
    let enc = await openClinicDatabase({ file: files.encrypted, key });
    enc.sqlite.exec('ANALYZE'); // a cached clinic may have been migrated just now
    const plain = openPlain(files.plaintext);
    await migrateToLatest({ db: plain.db, file: files.plaintext });
    plain.sqlite.exec('ANALYZE');
    const ctx = (): ServiceContext => ({ db: enc.db, clock });
    const pctx: ServiceContext = { db: plain.db, clock };
    const s = () => enc.sqlite;
    const rx: Actor = { id: 2, role: 'prescriber', displayName: 'Bench Prescriber 00' };
    const nurse: Actor = { id: 2 + 12, role: 'nurse', displayName: 'Bench Nurse' };
    const patientId = Math.max(1, Math.floor(patients * 0.617));
    const orderId = (patientId - 1) * ORDERS_PER_PATIENT + 1;
    const rows: Row[] = [];
    const n = runs;

    if (opts.full) {
      rows.push(
        await measure('Open file, verify key, schema check', Math.min(n, 20), {
          product: async () => {
            await enc.close();
            enc = await openClinicDatabase({ file: files.encrypted, key });
          },
          floor: () => {
            const d = new Database(files.encrypted, { fileMustExist: true });
            applyKey(d, key);
            d.prepare('SELECT count(*) FROM sqlite_master').get();
            d.pragma('journal_mode = WAL');
            d.pragma('synchronous = FULL');
            d.prepare('SELECT max(version) FROM schema_migrations').get();
            d.close();
          },
        }),
      );
    }

    const term = `Benchfamily${patientId}`;
    const searchFloor = (d: Database.Database) =>
      d.prepare(`SELECT p.*, (SELECT count(*) FROM allergies a WHERE a.patient_id = p.id AND a.status = 'active') AS allergy_count FROM patients p
        WHERE (p.mrn LIKE ? OR p.family_name LIKE ? OR p.given_name LIKE ?) AND p.discharge_date IS NULL ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE LIMIT 500`);
    rows.push(
      await measure('Patient search by name (patients.list)', n, {
        product: () => listPatients(ctx(), { query: term, includeDischarged: false }),
        floor: () => searchFloor(s()).all(`%${term}%`, `%${term}%`, `%${term}%`),
        plain: () => listPatients(pctx, { query: term, includeDischarged: false }),
      }),
    );

    const medListFloor = (d: Database.Database) => {
      const orders = d.prepare(`SELECT * FROM orders WHERE patient_id = ? AND status IN ('active','held') ORDER BY start_at DESC`).all(patientId) as Array<{ id: number; medication_id: number }>;
      const ids = orders.map((o) => o.id);
      const marks = ids.map(() => '?').join(',');
      d.prepare(`SELECT * FROM dose_versions WHERE order_id IN (${marks})`).all(...ids);
      d.prepare(`SELECT * FROM medications WHERE id IN (${marks})`).all(...orders.map((o) => o.medication_id));
      d.prepare('SELECT id, display_name FROM users').all();
      return d.prepare(`SELECT order_id, min(due_date) FROM followups WHERE order_id IN (${marks}) AND status = 'scheduled' GROUP BY order_id`).all(...ids);
    };
    rows.push(
      await measure("One patient's medication list (orders.listForPatient)", n, {
        product: () => patientOrders(ctx(), { patientId, includeInactive: false }),
        floor: () => medListFloor(s()),
        plain: () => patientOrders(pctx, { patientId, includeInactive: false }),
      }),
    );

    const detailFloor = (d: Database.Database) => {
      const o = d.prepare('SELECT * FROM orders WHERE id = ?').get(orderId) as { medication_id: number };
      d.prepare('SELECT * FROM dose_versions WHERE order_id = ? ORDER BY effective_from, id').all(orderId);
      d.prepare('SELECT * FROM medications WHERE id = ?').get(o.medication_id);
      d.prepare('SELECT id, display_name FROM users').all();
      d.prepare(`SELECT min(due_date) FROM followups WHERE order_id = ? AND status = 'scheduled'`).get(orderId);
      // Grouped by New York date (a fixed -5 h: the floor need not be right about DST).
      return d.prepare(`SELECT substr(datetime(administered_at, '-5 hours'), 1, 10) AS day, sum(amount) FROM administrations WHERE order_id = ? AND outcome = 'given' AND entered_in_error_at IS NULL GROUP BY day`).all(orderId);
    };
    rows.push(
      await measure('One order with history and doses given (orders.get)', n, {
        product: () => orderDetail(enc.db, orderId, now),
        floor: () => detailFloor(s()),
        plain: () => orderDetail(plain.db, orderId, now),
      }),
    );

    const cut = bandCutoffs(now, 'America/New_York', { graceHours: 0, criticalAfterDays: 7, dueSoonDays: 3 });
    const worklistFloor = (d: Database.Database) =>
      (d.prepare(`SELECT f.*, p.family_name, p.given_name, p.mrn, u.display_name AS prescriber_name, m.name AS medication_name, m.drug_class, cu.display_name AS completed_by_name
        FROM followups f JOIN patients p ON p.id = f.patient_id JOIN users u ON u.id = f.assigned_prescriber_id LEFT JOIN orders o ON o.id = f.order_id
        LEFT JOIN medications m ON m.id = o.medication_id LEFT JOIN users cu ON cu.id = f.completed_by
        WHERE f.status = 'scheduled' AND f.assigned_prescriber_id = ? ORDER BY f.due_date, f.id`).all(rx.id) as Array<{ due_date: string }>).map((r) => ({ ...r, band: r.due_date <= cut.overdueThrough ? 'late' : 'not' }));
    rows.push(
      await measure("One prescriber's review worklist (followups.worklist)", n, {
        product: () => worklist(ctx(), rx, { scope: 'mine', includeUpcoming: true }),
        floor: () => worklistFloor(s()),
        plain: () => worklist(pctx, rx, { scope: 'mine', includeUpcoming: true }),
      }),
    );

    const countsFloor = (d: Database.Database) =>
      d.prepare(`SELECT due_date, count(*), sum(assigned_prescriber_id = ?) FROM followups WHERE status = 'scheduled' GROUP BY due_date`).all(rx.id);
    rows.push(
      await measure('Review counts for the navigation (followups.counts)', n, {
        product: () => counts(ctx(), rx),
        floor: () => countsFloor(s()),
        plain: () => counts(pctx, rx),
      }),
    );

    rows.push(
      await measure("Director's overdue audit, figures (followups.audit)", Math.min(n, 15), {
        product: () => overdueAuditFigures(ctx(), {}),
        floor: () => auditFiguresFloor(s(), now),
        plain: () => overdueAuditFigures(pctx, {}),
      }),
    );
    const pageFloor = (d: Database.Database) =>
      d.prepare(`SELECT f.*, p.family_name, p.given_name, p.mrn, u.display_name AS prescriber_name, m.name AS medication_name, m.drug_class, cu.display_name AS completed_by_name
        FROM followups f JOIN patients p ON p.id = f.patient_id JOIN users u ON u.id = f.assigned_prescriber_id LEFT JOIN orders o ON o.id = f.order_id
        LEFT JOIN medications m ON m.id = o.medication_id LEFT JOIN users cu ON cu.id = f.completed_by
        WHERE f.assigned_prescriber_id = ? AND (f.due_date >= ? OR (f.status = 'scheduled' AND f.due_date <= ?)) ORDER BY f.due_date, f.id LIMIT 50`).all(rx.id, cut.today.slice(0, 8) + '01', cut.overdueThrough);
    rows.push(
      await measure("Director's audit drill-down, one prescriber, first 50", Math.min(n, 15), {
        product: () => overdueAuditReviews(ctx(), { prescriberId: rx.id }, { offset: 0, limit: 50 }),
        floor: () => pageFloor(s()),
        plain: () => overdueAuditReviews(pctx, { prescriberId: rx.id }, { offset: 0, limit: 50 }),
      }),
    );

    const director: Actor = { id: 1, role: 'admin', displayName: 'Bench Admin' };
    rows.push(
      await measure("Director's audit as CSV (followups.export, audited)", Math.min(n, 15), {
        product: () => exportAudit(ctx(), director, { format: 'csv', filters: {} }),
        floor: () => {
          const figures = auditFiguresFloor(s(), now);
          return figures.map((f) => Object.values(f).join(',')).join('\r\n');
        },
      }),
    );

    rows.push(...(await nurseRows({ n, now, patientId, nurse, prescriber: rx, ctx, pctx, enc: s, plain: plain.sqlite })));

    let w = 0;
    const rawWrite = (d: Database.Database) => {
      const at = now.toISOString();
      d.transaction(() => {
        const row = d.prepare(`INSERT INTO patients (mrn, family_name, given_name, date_of_birth, admission_date, level_of_care, residence, created_at, created_by, updated_at) VALUES (?, 'Writer', 'Floor', '1990-01-01', '2026-11-01', '2.1', 'home', ?, ?, ?) RETURNING *`).get(`F-${w++}`, at, nurse.id, at) as { id: number };
        const prev = (d.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string }).hash;
        const e = { prev_hash: prev, at, actor_id: nurse.id, action: 'patients.create', entity_type: 'patient', entity_id: String(row.id), before_json: null, after_json: JSON.stringify(row), reason: null };
        d.prepare('INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, before_json, after_json, reason, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(e.at, e.actor_id, e.action, e.entity_type, e.entity_id, e.before_json, e.after_json, e.reason, e.prev_hash, entryHash(e));
      })();
    };
    rows.push(
      await measure('One audited durable write (patients.create, synchronous=FULL)', n, {
        product: () =>
          createPatient(ctx(), nurse, {
            patient: { mrn: `W-${w++}`, familyName: 'Writer', givenName: 'Bench', dateOfBirth: '1990-01-01', admissionDate: '2026-11-01', dischargeDate: null, levelOfCare: '2.1', residence: 'home' },
            allergies: [],
            confirmedDifferentPerson: true, // every bench writer shares one name and birth date
          }),
        floor: () => rawWrite(s()),
        plain: () =>
          createPatient(pctx, nurse, {
            patient: { mrn: `P-${w++}`, familyName: 'Writer', givenName: 'Plain', dateOfBirth: '1990-01-01', admissionDate: '2026-11-01', dischargeDate: null, levelOfCare: '2.1', residence: 'home' },
            allergies: [],
            confirmedDifferentPerson: true, // every bench writer shares one name and birth date
          }),
      }),
    );

    if (opts.full) {
      let b = 0;
      const target = () => path.join(work, `backup-${b++}.db`);
      const cleanup = () => fs.readdirSync(work).filter((f) => f.startsWith('backup-')).forEach((f) => fs.rmSync(path.join(work, f), { force: true }));
      await enc.close();
      if (!values['skip-backup']) rows.push(
        await measure('Backup (medtrack backup: VACUUM INTO, then check the copy)', 2, {
          product: async () => {
            await backupClinicFile(files.encrypted, target(), key);
            cleanup();
          },
          floor: () => {
            const d = new Database(files.encrypted, { fileMustExist: true });
            applyKey(d, key);
            d.prepare('VACUUM INTO ?').run(target());
            d.close();
            cleanup();
          },
        }, false),
      );
      const ppFile = path.join(work, 'passphrase.txt');
      fs.writeFileSync(ppFile, BENCH_PASSPHRASE, { mode: 0o600 });
      const bin = path.join(process.cwd(), 'bin', 'medtrack.js');
      const floorScript = path.join(__dirname, 'cliFloor.js');
      rows.push(
        await measure('Cold `medtrack report overdue` (whole process)', 5, {
          product: () => {
            const r = spawnSync(process.execPath, [bin, 'report', 'overdue', '--db', files.encrypted, '--passphrase-file', ppFile], { encoding: 'utf8' });
            if (r.status !== 0) throw new Error(`medtrack report overdue failed: ${r.stderr}`);
          },
          floor: () => execFileSync(process.execPath, [floorScript, files.encrypted, ppFile], { encoding: 'utf8' }),
        }),
      );
      enc = await openClinicDatabase({ file: files.encrypted, key });
    }
    await enc.close();
    plain.sqlite.close();
    return { built, rows };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function main() {
  const log = (line: string) => console.error(line);
  const t0 = Date.now();
  const { built, rows } = await benchOne(history, { full: true, log });
  const m = machine();
  const out: Record<string, unknown> = { at: new Date().toISOString(), params: built.meta.params, rows: built.meta.rows, bytes: built.meta.bytes, buildSeconds: built.meta.buildSeconds, machine: m, results: rows };
  console.log(`\n${patients} patients, ${built.meta.rows.administrations} administrations, ${built.meta.rows.followups} reviews, ${built.meta.rows.audit_log} audit entries; file ${(built.meta.bytes.encrypted / 1e6).toFixed(0)} MB encrypted`);
  const load = { min: Math.min(...loadSamples), max: Math.max(...loadSamples), mean: loadSamples.reduce((a, b) => a + b, 0) / loadSamples.length };
  out.loadDuringRun = load;
  console.log(`${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; Node ${m.node}, SQLite ${m.sqlite}, driver ${m.driver}`);
  console.log(`1-minute load average during the run: ${load.min.toFixed(1)}-${load.max.toFixed(1)} (mean ${load.mean.toFixed(1)}) on ${m.cores} cores\n`);
  console.log(table(rows));
  if (values.growth) {
    const growth: Array<{ factor: number; administrations: number; reviews: number; rows: Row[] }> = [];
    for (const f of factors) {
      const r = f === history ? { built, rows } : await benchOne(f, { full: false, log });
      growth.push({ factor: f, administrations: r.built.meta.rows.administrations, reviews: r.built.meta.rows.followups, rows: r.rows });
    }
    const calls = growth[0].rows.map((r) => r.call);
    console.log(`\nGrowth with history at ${patients} patients (product median, ms):\n`);
    console.log(`| call | ${growth.map((g) => `${g.factor}x (${g.administrations} doses, ${g.reviews} reviews)`).join(' | ')} | ${factors[factors.length - 1]}x / ${factors[0]}x |`);
    console.log(`| --- | ${growth.map(() => '---:').join(' | ')} | ---: |`);
    for (const c of calls) {
      const ms = growth.map((g) => g.rows.find((r) => r.call === c)!.product.median);
      console.log(`| ${c} | ${ms.map(fmt).join(' | ')} | ${ratio(ms[ms.length - 1], ms[0])} |`);
    }
    out.growth = growth;
  }
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(out, null, 2));
  console.error(`\nBench finished in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
