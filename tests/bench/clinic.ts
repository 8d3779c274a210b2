/**
 * Builds the bench's clinic: deterministic (same parameters, same rows), through the real
 * services where a person would act (clinic setup, staff, patients, orders with their policy
 * reviews and audit entries), with bulk phases for history (doses given, past reviews) that
 * write what the services would, audit chain included, in batched transactions.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey, openClinicDatabase, type ClinicDatabase } from '../../db/open';
import { AdjustableClock } from '../../main/clock';
import { createClinic, unwrapKey } from '../../main/app/clinicFile';
import { entryHash, GENESIS_HASH } from '../../main/services/audit';
import type { ServiceContext, Trx } from '../../main/services/context';
import { createPatient } from '../../main/services/patients';
import { startOrder } from '../../main/services/orders';
import { updateProgramDays } from '../../main/services/programDays';
import { insertUser } from '../../main/services/users';

export interface ClinicParams {
  patients: number;
  /** Days of history behind "now" (doses given twice a day on every order). */
  historyDays: number;
  /** Reviews per patient over that history (most completed, some open and late). */
  reviewsPerPatient: number;
}

export const BENCH_NOW = '2026-11-27T15:00:00.000Z';
export const BENCH_PASSPHRASE = 'bench-recovery-passphrase';
export const ORDERS_PER_PATIENT = 5;
export const PRESCRIBERS = 12;
// Bump when the builder changes what it writes, so cached clinics are rebuilt.
const BUILDER_VERSION = 4;

export interface BuiltClinic {
  dir: string;
  encrypted: string;
  plaintext: string;
  key: Buffer;
  meta: { params: ClinicParams; buildSeconds: number; rows: Record<string, number>; bytes: { encrypted: number; plaintext: number } };
}

/** The cache key. The schema version is not in it: opening a working copy migrates it, as the app would. */
export const paramsHash = (p: ClinicParams): string =>
  crypto.createHash('sha256').update(JSON.stringify({ p, BUILDER_VERSION })).digest('hex').slice(0, 16);

/** A context whose every transaction is the one open batch: many service calls, one commit. */
function batchContext(trx: Trx, clock: AdjustableClock): ServiceContext {
  const db = new Proxy(trx, {
    get(target, prop) {
      if (prop === 'transaction') return () => ({ execute: (fn: (t: Trx) => unknown) => fn(target) });
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { db: db as unknown as ServiceContext['db'], clock };
}

async function inBatches(h: ClinicDatabase, clock: AdjustableClock, n: number, size: number, fn: (ctx: ServiceContext, i: number) => Promise<unknown>) {
  for (let start = 0; start < n; start += size) {
    await h.db.transaction().execute(async (trx) => {
      const ctx = batchContext(trx, clock);
      for (let i = start; i < Math.min(n, start + size); i++) await fn(ctx, i);
    });
  }
}

/** One patient in twenty lives at the facility (doses every day); the rest come from home. */
export const residenceOf = (i: number): 'facility' | 'home' => (i % 20 === 0 ? 'facility' : 'home');

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Appends hash-chained entries for bulk rows, exactly as appendAudit would. */
function auditWriter(s: Database.Database) {
  let prev = (s.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
  const ins = s.prepare(
    'INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, before_json, after_json, reason, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return (at: string, actorId: number, action: string, entityType: string, entityId: number, before: unknown, after: unknown) => {
    const e = { prev_hash: prev, at, actor_id: actorId, action, entity_type: entityType, entity_id: String(entityId), before_json: before === null ? null : JSON.stringify(before), after_json: JSON.stringify(after), reason: null };
    const hash = entryHash(e);
    ins.run(e.at, e.actor_id, e.action, e.entity_type, e.entity_id, e.before_json, e.after_json, e.reason, e.prev_hash, hash);
    prev = hash;
  };
}

async function build(file: string, p: ClinicParams): Promise<Record<string, number>> {
  const now = Date.parse(BENCH_NOW);
  const historyStart = now - p.historyDays * 86_400_000;
  const clock = new AdjustableClock(() => new Date(historyStart));
  const h = await createClinic(file, {
    clinicName: 'Bench clinic',
    timeZone: 'America/New_York',
    admin: { login: 'admin', displayName: 'Bench Admin', password: 'bench-admin-password' },
    recoveryPassphrase: BENCH_PASSPHRASE,
  }, clock);
  try {
    const at = clock.now().toISOString();
    const staff = await h.db.transaction().execute(async (trx) => {
      const rx = [];
      for (let i = 0; i < PRESCRIBERS; i++) rx.push(await insertUser(trx, at, 1, { login: `prescriber${i}`, displayName: `Bench Prescriber ${String(i).padStart(2, '0')}`, password: 'bench-password-1', role: 'prescriber' }));
      const nurse = await insertUser(trx, at, 1, { login: 'nurse', displayName: 'Bench Nurse', password: 'bench-password-1', role: 'nurse' });
      return { rx, nurse };
    });
    const nurseActor = { id: staff.nurse.id, role: 'nurse' as const, displayName: staff.nurse.display_name };
    await inBatches(h, clock, p.patients, 500, (ctx, i) =>
      createPatient(ctx, nurseActor, {
        patient: { mrn: `B-${i}`, familyName: `Benchfamily${i}`, givenName: `Benchgiven${i}`, dateOfBirth: '1980-01-01', admissionDate: day(historyStart), dischargeDate: null, levelOfCare: '2.1', residence: residenceOf(i) },
        allergies: [],
      }),
    );
    // Home patients attend on their program days (through the audited service): most on Monday
    // and Wednesday, one in twenty also on Friday, BENCH_NOW's day. With the residents that is
    // about a tenth of the clinic on Today's doses (1,000 doses at 2,000 patients).
    await inBatches(h, clock, p.patients, 500, async (ctx, i) => {
      if (residenceOf(i) === 'home') await updateProgramDays(ctx, nurseActor, { patientId: i + 1, weekdays: i % 20 === 10 ? [1, 3, 5] : [1, 3], absences: [], extraDays: [], reason: null });
    });
    const meds = h.sqlite.prepare(`SELECT id, unit, strengths FROM medications WHERE name IN ('Thiamine','Folic acid','Gabapentin','Clonidine','Naltrexone','Hydroxyzine','Trazodone','Chlordiazepoxide','Diazepam','Acamprosate') ORDER BY id`).all() as Array<{ id: number; unit: string; strengths: string }>;
    const orders = p.patients * ORDERS_PER_PATIENT;
    const startAt = new Date(historyStart).toISOString();
    await inBatches(h, clock, orders, 500, (ctx, o) => {
      const med = meds[o % meds.length];
      const rx = staff.rx[o % PRESCRIBERS];
      return startOrder(ctx, { id: rx.id, role: 'prescriber', displayName: rx.display_name }, {
        patientId: Math.floor(o / ORDERS_PER_PATIENT) + 1,
        medicationId: med.id,
        indication: 'bench',
        route: 'oral',
        administeredBy: 'staff',
        amount: (JSON.parse(med.strengths) as number[])[0],
        unit: med.unit,
        frequency: 'bid',
        startAt,
        endAt: null,
        prn: null,
        symptomTrigger: null,
        taperSteps: [],
        overrideReason: 'bench: same ingredient on purpose',
      });
    });

    // History: two doses given a day on every order, each with its audit entry.
    const s = h.sqlite;
    const audit = auditWriter(s);
    const doses = s.prepare('SELECT order_id, id FROM dose_versions').all() as Array<{ order_id: number; id: number }>;
    const doseOf = new Map(doses.map((d) => [d.order_id, d.id]));
    const adm = s.prepare(`INSERT INTO administrations (order_id, dose_version_id, scheduled_for, administered_at, outcome, amount, unit, nurse_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, 'mg', ?, ?) RETURNING *`);
    const orderRows = s.prepare('SELECT o.id, dv.amount FROM orders o JOIN dose_versions dv ON dv.order_id = o.id ORDER BY o.id').all() as Array<{ id: number; amount: number }>;
    s.exec('BEGIN');
    let n = 0;
    for (let d = 0; d < p.historyDays; d++) {
      for (const slot of [13, 21]) {
        const when = new Date(historyStart + d * 86_400_000 + (slot - 13) * 3_600_000).toISOString();
        if (Date.parse(when) >= now) continue;
        for (const o of orderRows) {
          const outcome = (o.id + d + slot) % 17 === 0 ? 'refused' : 'given';
          const row = adm.get(o.id, doseOf.get(o.id), when, when, outcome, outcome === 'given' ? o.amount : null, staff.nurse.id, when);
          audit(when, staff.nurse.id, 'administrations.record', 'administration', (row as { id: number }).id, null, row);
          if (++n % 50_000 === 0) {
            s.exec('COMMIT');
            s.exec('BEGIN');
          }
        }
      }
    }
    s.exec('COMMIT');

    // Past and open reviews beyond the policy ones: due across the history and the month ahead;
    // those due before today mostly completed (some late), one in seven still open.
    const fu = s.prepare(`INSERT INTO followups (patient_id, order_id, kind, due_date, assigned_prescriber_id, status, origin, reason, completed_at, completed_by, outcome, created_at, created_by) VALUES (?, ?, 'manual', ?, ?, ?, 'manual', 'bench', ?, ?, ?, ?, ?) RETURNING *`);
    const reviews = p.patients * p.reviewsPerPatient;
    const span = p.historyDays + 30;
    s.exec('BEGIN');
    for (let i = 0; i < reviews; i++) {
      const patient = (i % p.patients) + 1;
      const order = (patient - 1) * ORDERS_PER_PATIENT + (i % ORDERS_PER_PATIENT) + 1;
      const rx = staff.rx[i % PRESCRIBERS];
      const dueMs = historyStart + Math.floor((i * span) / reviews) * 86_400_000;
      const due = day(dueMs);
      const past = dueMs + 86_400_000 < now;
      const open = !past || i % 7 === 0;
      const createdAt = new Date(Math.max(historyStart, dueMs - 7 * 86_400_000)).toISOString();
      const completedAt = open ? null : new Date(dueMs + ((i % 5) - 1) * 86_400_000 + 19 * 3_600_000).toISOString();
      const row = fu.get(patient, open ? null : order, due, rx.id, open ? 'scheduled' : 'completed', completedAt, open ? null : rx.id, open ? null : 'continue', createdAt, rx.id) as Record<string, unknown>;
      audit(createdAt, rx.id, 'followups.schedule', 'followup', row.id as number, null, { ...row, status: 'scheduled', completed_at: null, completed_by: null, outcome: null });
      if (!open) audit(completedAt!, rx.id, 'followups.complete', 'followup', row.id as number, { ...row, status: 'scheduled', completed_at: null, completed_by: null, outcome: null }, row);
      if (i % 50_000 === 49_999) {
        s.exec('COMMIT');
        s.exec('BEGIN');
      }
    }
    s.exec('COMMIT');
    s.pragma('wal_checkpoint(TRUNCATE)');
    s.exec('ANALYZE');
    const count = (t: string) => (s.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return Object.fromEntries(['patients', 'orders', 'dose_versions', 'administrations', 'followups', 'audit_log'].map((t) => [t, count(t)]));
  } finally {
    await h.close();
  }
}

/** The plaintext twin: a copy in rollback-journal mode, rekeyed to no key. */
function plaintextTwin(encrypted: string, key: Buffer, out: string): void {
  fs.copyFileSync(encrypted, out);
  const s = new Database(out);
  applyKey(s, key);
  s.pragma('journal_mode = DELETE');
  s.pragma(`rekey = ''`);
  s.close();
  const again = new Database(out);
  again.pragma('journal_mode = WAL');
  again.close();
}

export function cacheRoot(): string {
  return process.env.MEDTRACK_BENCH_CACHE ?? path.join(process.cwd(), '.bench-cache');
}

/** Builds the clinic, or reuses the one built with the same parameters. */
export async function clinicFor(p: ClinicParams, log: (line: string) => void): Promise<BuiltClinic> {
  const dir = path.join(cacheRoot(), paramsHash(p));
  const encrypted = path.join(dir, 'clinic.db');
  const plaintext = path.join(dir, 'plaintext.db');
  const metaFile = path.join(dir, 'meta.json');
  if (fs.existsSync(metaFile)) {
    log(`Reusing the clinic in ${dir}`);
  } else {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    log(`Building ${JSON.stringify(p)} in ${dir} ...`);
    const t0 = Date.now();
    const rows = await build(encrypted, p);
    plaintextTwin(encrypted, unwrapKey(encrypted, BENCH_PASSPHRASE), plaintext);
    const meta = { params: p, buildSeconds: (Date.now() - t0) / 1000, rows, bytes: { encrypted: fs.statSync(encrypted).size, plaintext: fs.statSync(plaintext).size } };
    fs.writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    log(`Built in ${meta.buildSeconds.toFixed(0)} s`);
  }
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as BuiltClinic['meta'];
  return { dir, encrypted, plaintext, key: unwrapKey(encrypted, BENCH_PASSPHRASE), meta };
}

/** A fresh working copy (the bench writes: audited writes, the CLI's audit entry). */
export function workingCopy(c: BuiltClinic, into: string): { encrypted: string; plaintext: string } {
  fs.mkdirSync(into, { recursive: true });
  const out = { encrypted: path.join(into, 'clinic.db'), plaintext: path.join(into, 'plaintext.db') };
  fs.copyFileSync(c.encrypted, out.encrypted);
  fs.copyFileSync(`${c.encrypted}.keys.json`, `${out.encrypted}.keys.json`);
  fs.copyFileSync(c.plaintext, out.plaintext);
  return out;
}

export { openClinicDatabase };
