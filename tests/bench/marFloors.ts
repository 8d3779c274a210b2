/**
 * Raw-SQL floors for the nurses' calls (issue 7 "Speed", issue 11): the minimal SQL and loops a
 * careful engineer would write for the same answer on the same file, with the bench clinic's
 * rules hard-wired (New York at a fixed -5 h, day shift 07:00-19:00, twice-daily doses at
 * 09:00 and 21:00, default on-time window), so they measure the data work, not the rules.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

const H = 3_600_000;
const DAY = 24 * H;
const OFFSET = -5 * H;
const iso = (ms: number) => new Date(ms).toISOString();
const localDateOf = (ms: number) => iso(ms + OFFSET).slice(0, 10);
/** The day shift around `now` (07:00-19:00 New York), as UTC instants. */
export function dayShift(now: Date): { start: string; end: string; date: string } {
  const date = localDateOf(now.getTime());
  const midnight = Date.parse(`${date}T00:00:00Z`) - OFFSET;
  return { start: iso(midnight + 7 * H), end: iso(midnight + 19 * H), date };
}
const bidSlots = (date: string) => [9, 21].map((h) => Date.parse(`${date}T00:00:00Z`) - OFFSET + h * H);

interface OrderRow {
  id: number;
  patient_id: number;
  route: string;
  indication: string;
  name: string;
  form: string;
  strengths: string;
  dea_schedule: string | null;
  dv_id: number;
  amount: number;
  unit: string;
  frequency: string;
}

const ORDERS_WITH_DOSE = `SELECT o.id, o.patient_id, o.route, o.indication, m.name, m.form, m.strengths, m.dea_schedule, dv.id AS dv_id, dv.amount, dv.unit, dv.frequency
  FROM orders o JOIN medications m ON m.id = o.medication_id
  JOIN dose_versions dv ON dv.id = (SELECT id FROM dose_versions WHERE order_id = o.id AND voided_at IS NULL AND effective_from <= ? ORDER BY effective_from DESC, id DESC LIMIT 1)`;

/**
 * Today's doses: the day shift's due doses of every attending patient, with what was
 * documented. The same narrow work as the product (services/shiftData.ts): who is in the
 * program in a few columns, attendance decided once per pattern, the attending patients'
 * orders with the version in effect, the shift's entries by their scheduled time, and full rows
 * and allergies only for the patients listed.
 */
export function todaysDosesFloor(d: Database.Database, now: Date) {
  const shift = dayShift(now);
  const weekday = ((new Date(`${shift.date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const inProgram = d
    .prepare(`SELECT p.id, p.residence, pd.weekdays, pd.absences, pd.extra_days FROM patients p LEFT JOIN program_days pd ON pd.patient_id = p.id
      WHERE p.admission_date <= ? AND (p.discharge_date IS NULL OR p.discharge_date >= ?)`)
    .raw()
    .all(shift.date, shift.date) as Array<[number, string, string | null, string | null, string | null]>;
  const seen = new Map<string, boolean>();
  const attends = (residence: string, weekdays: string | null, absences: string | null, extra: string | null) => {
    if (residence === 'facility') return true;
    if (weekdays === null) return false;
    const key = `${weekdays}|${absences}|${extra}`;
    let hit = seen.get(key);
    if (hit === undefined) {
      hit = !(JSON.parse(absences!) as string[]).includes(shift.date) && ((JSON.parse(extra!) as string[]).includes(shift.date) || (JSON.parse(weekdays) as number[]).includes(weekday));
      seen.set(key, hit);
    }
    return hit;
  };
  const ids = JSON.stringify(inProgram.filter((p) => attends(p[1], p[2], p[3], p[4])).map((p) => p[0]));
  const orders = d
    .prepare(`${ORDERS_WITH_DOSE} WHERE o.patient_id IN (SELECT value FROM json_each(?)) AND o.administered_by = 'staff' AND o.prn = 0 AND o.status = 'active' AND o.start_at < ? AND (o.end_at IS NULL OR o.end_at > ?) ORDER BY o.id`)
    .all(now.toISOString(), ids, shift.end, shift.start) as OrderRow[];
  const entries = d.prepare(`SELECT * FROM administrations WHERE scheduled_for >= ? AND scheduled_for < ? AND entered_in_error_at IS NULL`).all(shift.start, shift.end) as Array<{ order_id: number; scheduled_for: string }>;
  const names = new Map(d.prepare('SELECT id, display_name FROM users').raw().all() as Array<[number, string]>);
  const documented = new Map(entries.map((e) => [`${e.order_id}|${e.scheduled_for}`, e]));
  const lo = Date.parse(shift.start);
  const hi = Date.parse(shift.end);
  const nowMs = now.getTime();
  const due = [];
  for (const o of orders) {
    for (const slot of bidSlots(shift.date)) {
      if (slot < lo || slot >= hi) continue;
      const at = iso(slot);
      const entry = documented.get(`${o.id}|${at}`) ?? null;
      const status = entry ? 'documented' : nowMs < slot - H ? 'not_yet_due' : nowMs <= slot + H ? 'due_now' : 'late';
      due.push({ orderId: o.id, patientId: o.patient_id, medication: o.name, amount: o.amount, unit: o.unit, scheduledFor: at, status, entry });
    }
  }
  const listed = JSON.stringify([...new Set(due.map((x) => x.patientId))]);
  const patients = d.prepare('SELECT * FROM patients WHERE id IN (SELECT value FROM json_each(?)) ORDER BY family_name, given_name').all(listed);
  const allergies = d.prepare(`SELECT patient_id, substance, reaction, severity FROM allergies WHERE patient_id IN (SELECT value FROM json_each(?)) AND status = 'active'`).all(listed);
  return { due, patients, allergies, names: names.size };
}

/** Logging one scheduled dose: read what the checks need, insert the entry and its audit entry, durable commit. */
export function logDoseFloor(d: Database.Database, entryHash: (e: Record<string, unknown>) => string, input: { orderId: number; scheduledFor: string; nurseId: number; at: string }) {
  return d.transaction(() => {
    const o = d.prepare(`${ORDERS_WITH_DOSE} WHERE o.id = ?`).get(input.at, input.orderId) as OrderRow;
    d.prepare('SELECT discharge_date, residence FROM patients WHERE id = ?').get(o.patient_id);
    d.prepare('SELECT 1 FROM order_holds WHERE order_id = ? AND held_from <= ? AND (held_to IS NULL OR held_to > ?)').get(input.orderId, input.at, input.at);
    d.prepare('SELECT substance FROM allergies WHERE patient_id = ? AND status = ?').all(o.patient_id, 'active');
    if (d.prepare('SELECT id FROM administrations WHERE order_id = ? AND scheduled_for = ? AND entered_in_error_at IS NULL').get(input.orderId, input.scheduledFor)) throw new Error('already documented');
    const row = d
      .prepare(`INSERT INTO administrations (order_id, dose_version_id, scheduled_for, administered_at, outcome, amount, unit, route, nurse_id, recorded_at) VALUES (?, ?, ?, ?, 'given', ?, ?, ?, ?, ?) RETURNING *`)
      .get(o.id, o.dv_id, input.scheduledFor, input.at, o.amount, o.unit, o.route, input.nurseId, input.at);
    const prev = (d.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string }).hash;
    const e = { prev_hash: prev, at: input.at, actor_id: input.nurseId, action: 'administrations.record', entity_type: 'administration', entity_id: String((row as { id: number }).id), before_json: null, after_json: JSON.stringify(row), reason: null };
    d.prepare('INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, before_json, after_json, reason, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(e.at, e.actor_id, e.action, e.entity_type, e.entity_id, e.before_json, e.after_json, e.reason, e.prev_hash, entryHash(e));
    return row;
  })();
}

/** One patient's MAR for `days` days ending today: cells by order, dose time and day, with their entries. */
export function marFloor(d: Database.Database, now: Date, patientId: number, days: number) {
  const today = localDateOf(now.getTime());
  const first = Date.parse(`${today}T00:00:00Z`) - OFFSET - (days - 1) * DAY;
  const from = iso(first);
  const to = iso(first + days * DAY);
  const patient = d.prepare('SELECT * FROM patients WHERE id = ?').get(patientId);
  const allergies = d.prepare(`SELECT substance, reaction, severity FROM allergies WHERE patient_id = ? AND status = 'active'`).all(patientId);
  const orders = d
    .prepare(`${ORDERS_WITH_DOSE} WHERE o.patient_id = ? AND o.administered_by = 'staff' AND o.start_at < ? AND (o.end_at IS NULL OR o.end_at > ?) ORDER BY m.name`)
    .all(now.toISOString(), patientId, to, from) as OrderRow[];
  const entries = d
    .prepare(`SELECT * FROM administrations WHERE order_id IN (SELECT value FROM json_each(?))
      AND ((scheduled_for >= ? AND scheduled_for < ?) OR (scheduled_for IS NULL AND administered_at >= ? AND administered_at < ?)) ORDER BY id`)
    .all(JSON.stringify(orders.map((o) => o.id)), from, to, from, to) as Array<{ order_id: number; scheduled_for: string }>;
  const scores = d.prepare('SELECT * FROM withdrawal_scores WHERE patient_id = ? AND scored_at >= ? AND scored_at < ? ORDER BY scored_at').all(patientId, from, to);
  const names = new Map(d.prepare('SELECT id, display_name FROM users').raw().all() as Array<[number, string]>);
  const bySlot = new Map<string, unknown[]>();
  for (const e of entries) {
    const k = `${e.order_id}|${e.scheduled_for}`;
    const list = bySlot.get(k);
    if (list) list.push(e);
    else bySlot.set(k, [e]);
  }
  const rows = orders.flatMap((o) =>
    [9, 21].map((hour) => ({
      orderId: o.id,
      medication: o.name,
      hour,
      cells: Array.from({ length: days }, (_, i) => {
        const at = iso(first + i * DAY + hour * H);
        return { date: localDateOf(first + i * DAY), entries: bySlot.get(`${o.id}|${at}`) ?? [] };
      }),
    })),
  );
  return { patient, allergies, rows, scores, names: names.size };
}

/**
 * Logging one PRN dose now: the scheduled dose's reads and writes, plus the PRN window: every
 * order of the patient sharing an ingredient (and unit), their given doses of the last 24 h by
 * the order-and-time index, the dose count, the minimum interval and the amount cap.
 */
export function logPrnDoseFloor(d: Database.Database, entryHash: (e: Record<string, unknown>) => string, input: { orderId: number; nurseId: number; at: string }) {
  return d.transaction(() => {
    const o = d.prepare(`${ORDERS_WITH_DOSE} WHERE o.id = ?`).get(input.at, input.orderId) as OrderRow;
    const limits = d.prepare('SELECT prn_max_doses_24h, prn_max_amount_24h, prn_min_interval_minutes FROM orders WHERE id = ?').get(input.orderId) as { prn_max_doses_24h: number | null; prn_max_amount_24h: number | null; prn_min_interval_minutes: number | null };
    d.prepare('SELECT discharge_date, residence FROM patients WHERE id = ?').get(o.patient_id);
    d.prepare('SELECT 1 FROM order_holds WHERE order_id = ? AND held_from <= ? AND (held_to IS NULL OR held_to > ?)').get(input.orderId, input.at, input.at);
    d.prepare('SELECT substance FROM allergies WHERE patient_id = ? AND status = ?').all(o.patient_id, 'active');
    const mine = d.prepare('SELECT ingredients, unit FROM medications m JOIN orders o ON o.medication_id = m.id WHERE o.id = ?').get(input.orderId) as { ingredients: string; unit: string };
    const ingredients = new Set((JSON.parse(mine.ingredients) as string[]).map((i) => i.toLowerCase()));
    const same = (d.prepare('SELECT o.id, m.ingredients, m.unit FROM orders o JOIN medications m ON m.id = o.medication_id WHERE o.patient_id = ?').all(o.patient_id) as Array<{ id: number; ingredients: string; unit: string }>)
      .filter((x) => x.unit === mine.unit && (JSON.parse(x.ingredients) as string[]).some((i) => ingredients.has(i.toLowerCase())))
      .map((x) => x.id);
    const since = iso(Date.parse(input.at) - DAY);
    const given = d
      .prepare(`SELECT order_id, administered_at, amount FROM administrations WHERE order_id IN (SELECT value FROM json_each(?)) AND outcome = 'given' AND entered_in_error_at IS NULL AND administered_at > ? AND administered_at <= ?`)
      .all(JSON.stringify(same), since, input.at) as Array<{ order_id: number; administered_at: string; amount: number | null }>;
    const own = given.filter((g) => g.order_id === input.orderId);
    const total = given.reduce((s, g) => s + (g.amount ?? 0), 0) + o.amount;
    if (limits.prn_max_doses_24h !== null && own.length >= limits.prn_max_doses_24h) throw new Error('PRN count reached');
    if (limits.prn_max_amount_24h !== null && total > limits.prn_max_amount_24h) throw new Error('PRN amount cap reached');
    const last = own.reduce((m, g) => (g.administered_at > m ? g.administered_at : m), '');
    if (limits.prn_min_interval_minutes !== null && last && Date.parse(input.at) - Date.parse(last) < limits.prn_min_interval_minutes * 60_000) throw new Error('PRN interval');
    const row = d
      .prepare(`INSERT INTO administrations (order_id, dose_version_id, scheduled_for, administered_at, outcome, amount, unit, route, prn, nurse_id, recorded_at) VALUES (?, ?, NULL, ?, 'given', ?, ?, ?, 1, ?, ?) RETURNING *`)
      .get(o.id, o.dv_id, input.at, o.amount, o.unit, o.route, input.nurseId, input.at);
    const prev = (d.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string }).hash;
    const e = { prev_hash: prev, at: input.at, actor_id: input.nurseId, action: 'administrations.record', entity_type: 'administration', entity_id: String((row as { id: number }).id), before_json: null, after_json: JSON.stringify(row), reason: null };
    d.prepare('INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, before_json, after_json, reason, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(e.at, e.actor_id, e.action, e.entity_type, e.entity_id, e.before_json, e.after_json, e.reason, e.prev_hash, entryHash(e));
    return row;
  })();
}
