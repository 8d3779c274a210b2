import { DateTime } from 'luxon';
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { AuditEntry as Row, DB } from '../../db/schema';
import { startsWith } from '../../db/dialect';
import { describeChanges, type Change } from '../domain/auditDiff';
import { actionWords, entityWords } from '../domain/auditWords';
import { getSetting, settingLabel } from './settings';

/**
 * The audit log viewer's query (issue 8 item 11): filtered by person, patient, kind of action and
 * clinic-calendar date range, newest first, in pages with the true total (never a silent cap),
 * each entry in words with its record named, its patient, a link and a readable difference.
 */
export interface AuditSearch {
  actorId?: number;
  patientId?: number;
  /** An action prefix from ACTION_GROUPS ("orders.", "followups."). */
  kind?: string;
  /** Clinic calendar dates, inclusive. */
  from?: string;
  to?: string;
  beforeId?: number;
  limit: number;
}

export type AuditLink = { view: 'order' | 'patient'; id: number } | { view: 'formulary' | 'users' | 'settings'; id: null };

export interface AuditEntryInWords {
  id: number;
  at: string;
  actorName: string;
  action: string;
  actionWords: string;
  entityWords: string;
  subject: string | null;
  patient: { id: number; name: string; mrn: string } | null;
  link: AuditLink | null;
  reason: string | null;
  changes: Change[];
}

type Eb = ExpressionBuilder<DB, 'audit_log'>;

/** Entries about one patient: the patient, and every record that belongs to them. */
function aboutPatient(eb: Eb, patientId: number): Expression<SqlBool> {
  const ids = (table: 'orders' | 'allergies' | 'followups' | 'withdrawal_scores') =>
    eb.selectFrom(table).select((s) => s.cast<string>('id', 'text').as('id')).where('patient_id', '=', patientId);
  const ofOrders = (table: 'dose_versions' | 'administrations') =>
    eb
      .selectFrom(table)
      .innerJoin('orders', 'orders.id', `${table}.order_id`)
      .select((s) => s.cast<string>(`${table}.id`, 'text').as('id'))
      .where('orders.patient_id', '=', patientId);
  const of = (type: string, sub: Expression<SqlBool>) => eb.and([eb('entity_type', '=', type), sub]);
  return eb.or([
    of('patient', eb('entity_id', '=', String(patientId))),
    of('program_days', eb('entity_id', '=', String(patientId))),
    of('order', eb('entity_id', 'in', ids('orders'))),
    of('allergy', eb('entity_id', 'in', ids('allergies'))),
    of('followup', eb('entity_id', 'in', ids('followups'))),
    of('withdrawal_score', eb('entity_id', 'in', ids('withdrawal_scores'))),
    of('dose_version', eb('entity_id', 'in', ofOrders('dose_versions'))),
    of('administration', eb('entity_id', 'in', ofOrders('administrations'))),
  ]);
}

export async function searchAudit(db: Kysely<DB>, q: AuditSearch) {
  const zone = await getSetting(db, 'clinic.timeZone');
  const filtered = (eb: Eb) => {
    const parts: Expression<SqlBool>[] = [];
    if (q.actorId) parts.push(eb('actor_id', '=', q.actorId));
    if (q.kind) parts.push(startsWith('action', q.kind));
    if (q.from) parts.push(eb('at', '>=', DateTime.fromISO(q.from, { zone }).startOf('day').toUTC().toISO()!));
    if (q.to) parts.push(eb('at', '<', DateTime.fromISO(q.to, { zone }).plus({ days: 1 }).startOf('day').toUTC().toISO()!));
    if (q.patientId) parts.push(aboutPatient(eb, q.patientId));
    return eb.and(parts);
  };
  const total = Number(
    (await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where(filtered).executeTakeFirstOrThrow()).n,
  );
  let page = db.selectFrom('audit_log').selectAll().where(filtered).orderBy('id', 'desc').limit(q.limit + 1);
  if (q.beforeId) page = page.where('id', '<', q.beforeId);
  const rows = await page.execute();
  const more = rows.length > q.limit;
  const shown = rows.slice(0, q.limit);
  const entries = await inWords(db, shown, zone);
  return { entries, total, nextBeforeId: more ? shown[shown.length - 1].id : null, timeZone: zone };
}

const parse = (json: string | null): unknown => {
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return null;
  }
};

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);

/** Names every record a page of entries mentions, with a handful of batched reads. */
async function inWords(db: Kysely<DB>, rows: readonly Row[], zone: string): Promise<AuditEntryInWords[]> {
  const idsOf = (type: string) => [...new Set(rows.filter((r) => r.entity_type === type && r.entity_id !== null).map((r) => Number(r.entity_id)).filter(Number.isInteger))];
  const orderIdsFromRows = rows.map((r) => num((parse(r.after_json) as Record<string, unknown> | null)?.order_id ?? (parse(r.before_json) as Record<string, unknown> | null)?.order_id)).filter((n): n is number => n !== null);
  const orderIds = [...new Set([...idsOf('order'), ...orderIdsFromRows])];
  const [users, patients, meds, orders, followups, allergies, scores] = await Promise.all([
    db.selectFrom('users').select(['id', 'display_name']).execute(),
    db.selectFrom('patients').select(['id', 'given_name', 'family_name', 'mrn']).where('id', 'in', [0, ...patientIdsOf(rows)]).execute(),
    db.selectFrom('medications').select(['id', 'name']).execute(),
    db.selectFrom('orders').select(['id', 'patient_id', 'medication_id']).where('id', 'in', [0, ...orderIds]).execute(),
    db.selectFrom('followups').select(['id', 'patient_id', 'order_id']).where('id', 'in', [0, ...idsOf('followup')]).execute(),
    db.selectFrom('allergies').select(['id', 'patient_id', 'substance']).where('id', 'in', [0, ...idsOf('allergy')]).execute(),
    db.selectFrom('withdrawal_scores').select(['id', 'patient_id']).where('id', 'in', [0, ...idsOf('withdrawal_score')]).execute(),
  ]);
  const userName = new Map(users.map((u) => [u.id, u.display_name]));
  const medName = new Map(meds.map((m) => [m.id, m.name]));
  const orderById = new Map(orders.map((o) => [o.id, o]));
  // Patients of orders, reviews, allergies and scores that the first read did not cover.
  const morePatients = [...orders, ...followups, ...allergies, ...scores].map((r) => r.patient_id).filter((id) => !patients.some((p) => p.id === id));
  if (morePatients.length) patients.push(...(await db.selectFrom('patients').select(['id', 'given_name', 'family_name', 'mrn']).where('id', 'in', [...new Set(morePatients)]).execute()));
  const patientById = new Map(patients.map((p) => [p.id, { id: p.id, name: `${p.family_name}, ${p.given_name}`, mrn: p.mrn }]));
  const ctx = { zone, userName: (id: number) => userName.get(id), patientName: (id: number) => patientById.get(id)?.name, medicationName: (id: number) => medName.get(id) };

  return rows.map((r) => {
    const before = parse(r.before_json);
    const after = parse(r.after_json);
    const rec = ((after ?? before) ?? {}) as Record<string, unknown>;
    const id = r.entity_id !== null && /^\d+$/.test(r.entity_id) ? Number(r.entity_id) : null;
    let patientId: number | null = null;
    let subject: string | null = null;
    let link: AuditLink | null = null;
    const orderText = (orderId: number | null) => {
      const o = orderId === null ? undefined : orderById.get(orderId);
      return o ? (medName.get(o.medication_id) ?? 'a medication') : null;
    };
    switch (r.entity_type) {
      case 'order': {
        const o = id === null ? undefined : orderById.get(id);
        patientId = o?.patient_id ?? null;
        subject = orderText(id) ? `${orderText(id)} order` : 'An order';
        if (id !== null) link = { view: 'order', id };
        break;
      }
      case 'dose_version':
      case 'administration': {
        const orderId = num(rec.order_id);
        patientId = orderId === null ? null : (orderById.get(orderId)?.patient_id ?? null);
        const med = orderText(orderId);
        subject = med ? `${med} ${r.entity_type === 'dose_version' ? 'dose' : 'dose given'}` : entityWords(r.entity_type);
        if (orderId !== null) link = { view: 'order', id: orderId };
        break;
      }
      case 'followup': {
        const f = followups.find((x) => x.id === id);
        patientId = f?.patient_id ?? num(rec.patient_id);
        const med = orderText(f?.order_id ?? num(rec.order_id));
        subject = med ? `Review of ${med}` : 'Review';
        break;
      }
      case 'allergy': {
        const a = allergies.find((x) => x.id === id);
        patientId = a?.patient_id ?? num(rec.patient_id);
        subject = a ? `Allergy to ${a.substance}` : 'Allergy';
        break;
      }
      case 'withdrawal_score':
        patientId = scores.find((x) => x.id === id)?.patient_id ?? num(rec.patient_id);
        subject = 'Withdrawal score';
        break;
      case 'patient':
      case 'program_days':
        patientId = id;
        subject = r.entity_type === 'patient' ? 'Patient record' : 'Program days';
        break;
      case 'medication':
        subject = id !== null ? (medName.get(id) ?? 'A medication') : 'A medication';
        link = { view: 'formulary', id: null };
        break;
      case 'user':
        subject = id !== null ? (userName.get(id) ?? 'A user account') : 'A user account';
        link = { view: 'users', id: null };
        break;
      case 'setting':
        subject = settingLabel(r.entity_id ?? '');
        link = { view: 'settings', id: null };
        break;
      case 'report':
        subject = 'Overdue-review report';
        break;
    }
    const patient = patientId === null ? null : (patientById.get(patientId) ?? null);
    if (patient && !link) link = { view: 'patient', id: patient.id };
    return {
      id: r.id,
      at: r.at,
      actorName: r.actor_id === null ? 'Medtrack (automatic)' : (userName.get(r.actor_id) ?? 'A staff member no longer listed'),
      action: r.action,
      actionWords: actionWords(r.action),
      entityWords: entityWords(r.entity_type),
      subject,
      patient,
      link,
      reason: r.reason,
      changes: r.entity_type === 'report' ? [] : describeChanges(before, after, ctx, r.entity_type === 'setting' ? settingLabel(r.entity_id ?? '') : 'Value'),
    };
  });
}

/** Patients named directly (patient and program-days entries, or a patient_id in the record). */
function patientIdsOf(rows: readonly Row[]): number[] {
  const out = new Set<number>();
  for (const r of rows) {
    if ((r.entity_type === 'patient' || r.entity_type === 'program_days') && r.entity_id && /^\d+$/.test(r.entity_id)) out.add(Number(r.entity_id));
    const rec = (parse(r.after_json) ?? parse(r.before_json)) as Record<string, unknown> | null;
    const pid = num(rec?.patient_id);
    if (pid !== null) out.add(pid);
  }
  return [...out];
}
