import type { Administration, Allergy, Patient } from '../../db/schema';
import { NOT_GIVEN_REASON_WORDS, type AdministrationView } from '../ipc/contract/administrations';

/** How the MAR shows entries and people; shared by Today's doses, the MAR and the end-of-shift list. */

const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'mx', 'rn', 'np', 'md', 'do', 'lpn', 'pa']);

/** "Dr. Ana Ruiz" -> "AR": the initials a MAR cell carries (titles left out). */
export function initialsOf(name: string): string {
  const words = name
    .split(/[\s.,]+/)
    .filter((w) => w.length > 0 && !TITLES.has(w.toLowerCase()));
  const letters = words.map((w) => w[0]!.toUpperCase()).join('');
  return letters.slice(0, 3) || '?';
}

export const person = (id: number, names: Map<number, string>) => {
  const name = names.get(id) ?? `user ${id}`;
  return { id, name, initials: initialsOf(name) };
};

export function administrationView(
  a: Administration,
  info: { names: Map<number, string>; medicationName: string; patientId: number; correctedById?: number | null },
): AdministrationView {
  const reasonWords = a.reason_code ? [NOT_GIVEN_REASON_WORDS[a.reason_code], a.reason].filter(Boolean).join(': ') : a.reason;
  return {
    id: a.id,
    orderId: a.order_id,
    patientId: info.patientId,
    medicationName: info.medicationName,
    scheduledFor: a.scheduled_for,
    administeredAt: a.administered_at,
    recordedAt: a.recorded_at,
    outcome: a.outcome,
    amount: a.amount,
    unit: a.unit,
    route: a.route,
    site: a.site,
    prn: a.prn === 1,
    late: a.late === 1,
    lateReason: a.late_reason,
    reasonCode: a.reason_code,
    reasonWords: reasonWords ?? null,
    reasonText: a.reason,
    note: a.note,
    overrideReason: a.override_reason,
    nurse: person(a.nurse_id, info.names),
    witness: a.witness_id === null ? null : person(a.witness_id, info.names),
    scoreId: a.score_id,
    correctsId: a.corrects_id,
    correctedById: info.correctedById ?? null,
    enteredInError:
      a.entered_in_error_at === null
        ? null
        : { at: a.entered_in_error_at, by: person(a.entered_in_error_by ?? 0, info.names), reason: a.entered_in_error_reason ?? '' },
  };
}

export function patientBanner(p: Patient, allergies: Pick<Allergy, 'substance' | 'reaction' | 'severity'>[]) {
  return {
    id: p.id,
    mrn: p.mrn,
    name: `${p.family_name}, ${p.given_name}`,
    dateOfBirth: p.date_of_birth,
    residence: p.residence,
    allergies: allergies.map((a) => ({ substance: a.substance, reaction: a.reaction, severity: a.severity })),
  };
}

export const medicationView = (m: { id: number; name: string; form: string; unit: string; dea_schedule: 'II' | 'III' | 'IV' | 'V' | null; withdrawal_management: number }) => ({
  id: m.id,
  name: m.name,
  form: m.form,
  unit: m.unit,
  deaSchedule: m.dea_schedule,
  controlled: m.dea_schedule !== null,
  withdrawalManagement: m.withdrawal_management === 1,
});

/** "8 mg" with no trailing zeros. */
export const amountText = (amount: number, unit: string) => `${Number(amount.toFixed(4))} ${unit.replace(/[{}]/g, '')}`;
