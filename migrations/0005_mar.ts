import { sql, type Kysely } from 'kysely';

/**
 * The nurses' medication administration record (issue 7): program days, withdrawal scores,
 * order hold periods, the PRN amount cap and a structured symptom trigger, the charge-nurse
 * flag, the administration columns the MAR shows, and the `mar_alert` review kind.
 *
 * Frozen once shipped. Conventions as in 0001 (integer ids, ISO UTC instants as text,
 * "YYYY-MM-DD" calendar dates, 0/1 booleans, JSON arrays as text).
 */

const REVIEW_KINDS = "'order_start','dose_change','taper_step','resume','routine','discharge','manual','mar_alert'";

/** Reason codes for a dose not given; the words live in the contract. */
const NOT_GIVEN_REASONS =
  "'patient_refused','patient_absent','npo','asleep','vomiting','vital_signs','sedated','prescriber_instruction','not_available','other'";

const statements = [
  // ---- orders: PRN amount cap and a symptom trigger a rule can read ----
  `ALTER TABLE orders ADD COLUMN prn_max_amount_24h REAL CHECK (prn_max_amount_24h IS NULL OR prn_max_amount_24h > 0)`,
  `ALTER TABLE orders ADD COLUMN symptom_trigger_scale TEXT CHECK (symptom_trigger_scale IN ('CIWA-Ar','COWS'))`,
  `ALTER TABLE orders ADD COLUMN symptom_trigger_min_score INTEGER CHECK (symptom_trigger_min_score IS NULL OR symptom_trigger_min_score >= 0)`,

  // ---- users: the charge nurse may correct colleagues' entries where the clinic allows it ----
  `ALTER TABLE users ADD COLUMN charge_nurse INTEGER NOT NULL DEFAULT 0 CHECK (charge_nurse IN (0,1))`,

  // ---- hold periods: which doses were not due is history, not just the current status ----
  `CREATE TABLE order_holds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    held_from TEXT NOT NULL,
    held_to TEXT CHECK (held_to IS NULL OR held_to >= held_from),
    reason TEXT,
    held_by INTEGER REFERENCES users(id),
    ended_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL
  )`,
  `CREATE INDEX order_holds_order ON order_holds (order_id, held_from)`,
  // At most one open hold per order.
  `CREATE UNIQUE INDEX order_holds_one_open ON order_holds (order_id) WHERE held_to IS NULL`,

  // ---- program days: a home patient's weekly pattern and one-off changes ----
  `CREATE TABLE program_days (
    patient_id INTEGER PRIMARY KEY REFERENCES patients(id),
    weekdays TEXT NOT NULL,
    absences TEXT NOT NULL DEFAULT '[]',
    extra_days TEXT NOT NULL DEFAULT '[]',
    updated_at TEXT NOT NULL,
    updated_by INTEGER REFERENCES users(id)
  )`,

  // ---- withdrawal scores, item by item ----
  `CREATE TABLE withdrawal_scores (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    scale TEXT NOT NULL CHECK (scale IN ('CIWA-Ar','COWS')),
    items TEXT NOT NULL,
    total INTEGER NOT NULL CHECK (total >= 0),
    band TEXT NOT NULL,
    scored_at TEXT NOT NULL,
    nurse_id INTEGER NOT NULL REFERENCES users(id),
    order_id INTEGER REFERENCES orders(id),
    note TEXT,
    recorded_at TEXT NOT NULL,
    entered_in_error_at TEXT,
    entered_in_error_by INTEGER REFERENCES users(id),
    entered_in_error_reason TEXT,
    CHECK (entered_in_error_at IS NULL OR (entered_in_error_by IS NOT NULL AND entered_in_error_reason IS NOT NULL))
  )`,
  `CREATE INDEX withdrawal_scores_patient ON withdrawal_scores (patient_id, scored_at)`,

  // ---- administrations: what the MAR shows of each entry ----
  `ALTER TABLE administrations ADD COLUMN route TEXT`,
  `ALTER TABLE administrations ADD COLUMN site TEXT`,
  `ALTER TABLE administrations ADD COLUMN prn INTEGER NOT NULL DEFAULT 0 CHECK (prn IN (0,1))`,
  `ALTER TABLE administrations ADD COLUMN late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0,1))`,
  `ALTER TABLE administrations ADD COLUMN late_reason TEXT`,
  `ALTER TABLE administrations ADD COLUMN reason_code TEXT CHECK (reason_code IN (${NOT_GIVEN_REASONS}))`,
  /** The score that justified this dose (a symptom-triggered PRN). */
  `ALTER TABLE administrations ADD COLUMN score_id INTEGER REFERENCES withdrawal_scores(id)`,
  // "Documented twice for the same scheduled time" is refused by the service; the file holds it too.
  `CREATE UNIQUE INDEX administrations_one_per_slot ON administrations (order_id, scheduled_for)
     WHERE scheduled_for IS NOT NULL AND entered_in_error_at IS NULL`,
  `CREATE INDEX administrations_corrects ON administrations (corrects_id) WHERE corrects_id IS NOT NULL`,

  // No clinical row is ever deleted.
  ...['order_holds', 'program_days', 'withdrawal_scores'].map(
    (t) => `CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t}
     BEGIN SELECT RAISE(ABORT, '${t} rows are never deleted'); END`,
  ),

  // Recorded facts are never overwritten: only the entered-in-error columns may be set, once.
  `DROP TRIGGER administrations_frozen`,
  `CREATE TRIGGER administrations_frozen BEFORE UPDATE ON administrations
     WHEN OLD.entered_in_error_at IS NOT NULL
       OR NEW.order_id IS NOT OLD.order_id OR NEW.dose_version_id IS NOT OLD.dose_version_id
       OR NEW.scheduled_for IS NOT OLD.scheduled_for OR NEW.administered_at IS NOT OLD.administered_at
       OR NEW.outcome IS NOT OLD.outcome OR NEW.amount IS NOT OLD.amount OR NEW.unit IS NOT OLD.unit
       OR NEW.nurse_id IS NOT OLD.nurse_id OR NEW.witness_id IS NOT OLD.witness_id
       OR NEW.scale IS NOT OLD.scale OR NEW.score IS NOT OLD.score OR NEW.reason IS NOT OLD.reason
       OR NEW.note IS NOT OLD.note OR NEW.override_reason IS NOT OLD.override_reason
       OR NEW.corrects_id IS NOT OLD.corrects_id OR NEW.recorded_at IS NOT OLD.recorded_at
       OR NEW.route IS NOT OLD.route OR NEW.site IS NOT OLD.site OR NEW.prn IS NOT OLD.prn
       OR NEW.late IS NOT OLD.late OR NEW.late_reason IS NOT OLD.late_reason
       OR NEW.reason_code IS NOT OLD.reason_code OR NEW.score_id IS NOT OLD.score_id
     BEGIN SELECT RAISE(ABORT, 'administrations are never edited; mark entered-in-error and add a new one'); END`,
  `CREATE TRIGGER withdrawal_scores_frozen BEFORE UPDATE ON withdrawal_scores
     WHEN OLD.entered_in_error_at IS NOT NULL
       OR NEW.patient_id IS NOT OLD.patient_id OR NEW.scale IS NOT OLD.scale OR NEW.items IS NOT OLD.items
       OR NEW.total IS NOT OLD.total OR NEW.band IS NOT OLD.band OR NEW.scored_at IS NOT OLD.scored_at
       OR NEW.nurse_id IS NOT OLD.nurse_id OR NEW.order_id IS NOT OLD.order_id OR NEW.note IS NOT OLD.note
       OR NEW.recorded_at IS NOT OLD.recorded_at
     BEGIN SELECT RAISE(ABORT, 'withdrawal scores are never edited; mark entered-in-error and record a new one'); END`,
  // A hold period is written when it starts and closed once when it ends.
  `CREATE TRIGGER order_holds_frozen BEFORE UPDATE ON order_holds
     WHEN OLD.held_to IS NOT NULL
       OR NEW.order_id IS NOT OLD.order_id OR NEW.held_from IS NOT OLD.held_from OR NEW.reason IS NOT OLD.reason
       OR NEW.held_by IS NOT OLD.held_by OR NEW.created_at IS NOT OLD.created_at
     BEGIN SELECT RAISE(ABORT, 'hold periods are never edited; only an open hold may be ended'); END`,

  // ---- followups: the 'mar_alert' kind (a CHECK change, so the table is rebuilt) ----
  `CREATE TABLE followups_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    order_id INTEGER REFERENCES orders(id),
    dose_version_id INTEGER REFERENCES dose_versions(id),
    kind TEXT NOT NULL CHECK (kind IN (${REVIEW_KINDS})),
    due_date TEXT NOT NULL CHECK (due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    assigned_prescriber_id INTEGER NOT NULL REFERENCES users(id),
    status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','completed','cancelled')),
    origin TEXT NOT NULL CHECK (origin IN ('policy','manual')),
    reason TEXT,
    completed_at TEXT,
    completed_by INTEGER REFERENCES users(id),
    outcome TEXT CHECK (outcome IN ('continue','adjust','stop')),
    note TEXT,
    cancelled_reason TEXT,
    cancelled_at TEXT,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    CHECK (status <> 'completed' OR (completed_at IS NOT NULL AND completed_by IS NOT NULL AND outcome IS NOT NULL)),
    CHECK (status <> 'cancelled' OR (cancelled_reason IS NOT NULL AND cancelled_at IS NOT NULL))
  )`,
];

/**
 * The reviews table's indexes and triggers as they stand (0001's, and those later migrations
 * added or dropped), read before the rebuild and created again on the new table verbatim.
 */
async function followupsIndexesAndTriggers(db: Kysely<any>): Promise<string[]> {
  const rows = await sql<{ sql: string }>`SELECT sql FROM sqlite_master
    WHERE tbl_name = 'followups' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`.execute(db);
  return rows.rows.map((r) => r.sql);
}

const copyFollowups = [
  `INSERT INTO followups_new (id, patient_id, order_id, dose_version_id, kind, due_date, assigned_prescriber_id, status, origin, reason,
     completed_at, completed_by, outcome, note, cancelled_reason, cancelled_at, created_at, created_by)
   SELECT id, patient_id, order_id, dose_version_id, kind, due_date, assigned_prescriber_id, status, origin, reason,
     completed_at, completed_by, outcome, note, cancelled_reason, cancelled_at, created_at, created_by FROM followups`,
  // No table references followups, and DROP TABLE fires no triggers, so nothing is lost here.
  `DROP TABLE followups`,
  `ALTER TABLE followups_new RENAME TO followups`,
];

export async function up(db: Kysely<any>): Promise<void> {
  const keep = await followupsIndexesAndTriggers(db);
  for (const statement of [...statements, ...copyFollowups, ...keep]) {
    await sql.raw(statement).execute(db);
  }
  // Orders written before this migration keep their free-text trigger as it is (rewriting the rows
  // would make them differ from their audit entries' state hashes); main reads the text when the
  // structured columns are empty (services/orderViews.ts symptomTriggerOf).

  // Hold history from the audit log (orders.hold / orders.resume / orders.discontinue), then
  // the current hold of any held order the log does not cover.
  const events = (await db
    .selectFrom('audit_log')
    .select(['at', 'actor_id', 'action', 'entity_id', 'reason'])
    .where('entity_type', '=', 'order')
    .where('action', 'in', ['orders.hold', 'orders.resume', 'orders.discontinue'])
    .orderBy('id')
    .execute()) as { at: string; actor_id: number | null; action: string; entity_id: string; reason: string | null }[];
  const open = new Map<number, { from: string; by: number | null; reason: string | null }>();
  const closed: { orderId: number; from: string; to: string; by: number | null; endedBy: number | null; reason: string | null }[] = [];
  for (const e of events) {
    const orderId = Number(e.entity_id);
    if (e.action === 'orders.hold') {
      if (!open.has(orderId)) open.set(orderId, { from: e.at, by: e.actor_id, reason: e.reason });
    } else {
      const h = open.get(orderId);
      if (h) closed.push({ orderId, from: h.from, to: e.at, by: h.by, endedBy: e.actor_id, reason: h.reason });
      open.delete(orderId);
    }
  }
  const now = new Date().toISOString();
  for (const c of closed) {
    await db
      .insertInto('order_holds')
      .values({ order_id: c.orderId, held_from: c.from, held_to: c.to, reason: c.reason, held_by: c.by, ended_by: c.endedBy, created_at: now })
      .execute();
  }
  const held = (await db.selectFrom('orders').select(['id', 'held_since', 'status_changed_at', 'status_changed_by', 'status_reason']).where('status', '=', 'held').execute()) as {
    id: number;
    held_since: string | null;
    status_changed_at: string | null;
    status_changed_by: number | null;
    status_reason: string | null;
  }[];
  for (const o of held) {
    const from = o.held_since ?? o.status_changed_at ?? open.get(o.id)?.from;
    if (!from) continue;
    await db
      .insertInto('order_holds')
      .values({ order_id: o.id, held_from: from, held_to: null, reason: o.status_reason, held_by: o.status_changed_by, ended_by: null, created_at: now })
      .execute();
  }
}
