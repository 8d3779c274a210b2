import { DEFAULT_DOSE_TIMES, FREQUENCIES, frequencyInWords, isFrequency, type Frequency } from '../../../../main/domain/frequency';
import type { Medication } from '../../../../main/ipc/contract/formulary';
import { ROUTES, type OrderView } from '../../../../main/ipc/contract/orders';
import type { Option } from '../../components/fields';

export type Route = (typeof ROUTES)[number];
export type GivenBy = OrderView['administeredBy'];
export type OrderStatus = OrderView['status'];

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Frequencies as people read them: words only, never QD / QOD (Joint Commission do-not-use list). */
export const FREQUENCY_OPTIONS: readonly Option<Frequency>[] = FREQUENCIES.map((f) => ({ value: f, label: frequencyInWords(f) }));

export const frequencyWords = (code: string): string => (isFrequency(code) ? frequencyInWords(code) : code);

/**
 * How many doses a scheduled frequency gives on a day it is given. The clinic's dose-time
 * settings must list exactly this many times, so the default table's lengths are the rule.
 * PRN and single doses count once: the chart then shows the amount of one dose.
 */
export function dosesPerDay(frequency: string): number {
  return isFrequency(frequency) ? Math.max(1, DEFAULT_DOSE_TIMES[frequency].length) : 1;
}

export const ROUTE_OPTIONS: readonly Option<Route>[] = ROUTES.map((r) => ({ value: r, label: capitalize(r) }));
export const routeLabel = (r: string) => capitalize(r);

export const GIVEN_BY_OPTIONS: readonly Option<GivenBy>[] = [
  { value: 'staff', label: 'Staff at the facility' },
  { value: 'patient', label: 'Patient at home' },
];
export const givenByLabel = (v: GivenBy) => (v === 'staff' ? 'Staff at the facility' : 'Patient at home');

export const statusLabel = (s: string) => capitalize(s);

export const KIND_LABELS: Record<string, string> = { initial: 'Started', change: 'Dose change', taper_step: 'Taper step' };

/**
 * A unit as it should read on screen. UCUM's curly-brace units become words; "ug" is spelled
 * out, because both "µg" and "mcg" are on ISMP's error-prone list.
 */
export function unitLabel(unit: string, amount = 2): string {
  const plural = amount !== 1;
  if (unit === 'ug') return plural ? 'micrograms' : 'microgram';
  const braced = /^\{(.+)\}$/.exec(unit);
  if (braced) return plural ? `${braced[1]}s` : braced[1];
  return unit;
}

export const amountWithUnit = (amount: number, unit: string) => `${amount} ${unitLabel(unit, amount)}`;

/** "16 mg once daily". */
export const doseInWords = (d: { amount: number; unit: string; frequency: string }) => `${amountWithUnit(d.amount, d.unit)} ${frequencyWords(d.frequency)}`;

export function intervalInWords(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return minutes > 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
}

/** "as needed for anxiety, max 4 in 24 h, at least 6 h apart". */
export function prnInWords(prn: NonNullable<OrderView['prn']>): string {
  // "as needed for anxiety", but keep acronyms ("as needed for COWS >= 5") as written.
  const what = /^[A-Z][a-z]/.test(prn.indication) ? prn.indication.charAt(0).toLowerCase() + prn.indication.slice(1) : prn.indication;
  const parts = [`as needed for ${what}`, `max ${prn.maxDoses24h} in 24 h`];
  if (prn.minIntervalMinutes) parts.push(`at least ${intervalInWords(prn.minIntervalMinutes)} apart`);
  return parts.join(', ');
}

export const deaLabel = (schedule: string | null) => (schedule ? `Schedule ${schedule}` : 'Not controlled');

/** One line that tells medications apart in a list: form, strengths, class, schedule. */
export function medicationSummary(m: Medication): string {
  const strengths = `${m.strengths.join(', ')} ${unitLabel(m.unit)}`;
  return [m.form, strengths, m.drugClass, m.deaSchedule ? `schedule ${m.deaSchedule}` : null].filter(Boolean).join('; ');
}

/** True for an instant still to come (an order that starts later: its first dose is not yet in effect). */
export const isFuture = (iso: string) => Date.parse(iso) > Date.now();
