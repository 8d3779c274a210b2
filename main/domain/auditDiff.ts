import { formatDate, formatInstant } from './display';
import { fieldLabel } from './auditWords';

/**
 * An audit entry's before and after as people read a change (issue 8 item 11): one line per
 * field that differs, "Due date: 3 Jun 2026 → 10 Jun 2026", with times in the clinic zone,
 * people and patients by name, and bookkeeping columns left out. Pure: the service passes the
 * names it looked up.
 */
export interface Change {
  field: string;
  before: string;
  after: string;
}

export interface DiffContext {
  zone: string;
  /** Staff by id, for prescriber_id, nurse_id, *_by and the like. */
  userName(id: number): string | undefined;
  patientName(id: number): string | undefined;
  medicationName(id: number): string | undefined;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PERSON = /(_by|^nurse_id|^witness_id|^author_id|^prescriber_id|^assigned_prescriber_id|^actor_id)$/;
const FLAG = /^(active|prn|charge_nurse|controlled|withdrawal_management|is_[a-z_]+)$/;

/** One value in words. */
export function valueInWords(field: string, value: unknown, ctx: DiffContext): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (PERSON.test(field)) return ctx.userName(value) ?? `a staff member no longer listed`;
    if (field === 'patient_id') return ctx.patientName(value) ?? 'a patient';
    if (field === 'medication_id') return ctx.medicationName(value) ?? 'a medication';
    if (FLAG.test(field)) return value ? 'Yes' : 'No';
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') {
    if (INSTANT.test(value)) return formatInstant(value, ctx.zone);
    if (DATE.test(value)) return formatDate(value);
    // Stored JSON lists ("[\"Mon\",\"Wed\"]") read as lists.
    if (/^[[{]/.test(value)) {
      try {
        return valueInWords(field, JSON.parse(value) as unknown, ctx);
      } catch {
        return value;
      }
    }
    return value.replace(/^([a-z]+)_([a-z_]+)$/, (w) => w.replace(/_/g, ' '));
  }
  if (Array.isArray(value)) return value.length ? value.map((v) => valueInWords(field, v, ctx)).join(', ') : 'none';
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([k]) => fieldLabel(k) !== null)
      .map(([k, v]) => `${fieldLabel(k)}: ${valueInWords(k, v, ctx)}`)
      .join('; ');
  }
  return String(value);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The fields that changed. A record's first entry (nothing before) lists what it was created
 * with; a setting (a plain value, not a row) is one line labelled `valueLabel`.
 */
export function describeChanges(before: unknown, after: unknown, ctx: DiffContext, valueLabel = 'Value'): Change[] {
  if (!isRecord(before) && !isRecord(after)) {
    if (before === undefined && after === undefined) return [];
    if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) return [];
    return [{ field: valueLabel, before: valueInWords('', before, ctx), after: valueInWords('', after, ctx) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const out: Change[] = [];
  for (const key of keys) {
    const label = fieldLabel(key);
    if (label === null) continue;
    if (JSON.stringify(b[key] ?? null) === JSON.stringify(a[key] ?? null)) continue;
    out.push({ field: label, before: valueInWords(key, b[key], ctx), after: valueInWords(key, a[key], ctx) });
  }
  return out;
}
