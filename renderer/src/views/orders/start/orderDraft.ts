import type { Frequency } from '../../../../../main/domain/frequency';
import type { InputOf } from '../../../../../main/ipc/contract';
import type { Medication } from '../../../../../main/ipc/contract/formulary';
import { ApiError } from '../../../api';
import { parseAmount } from '../fields';
import { ROUTE_OPTIONS, type GivenBy, type Route } from '../labels';
import { toTaperSteps, type StepDraft } from '../taper/draft';
import { localToInstant, nowLocal } from '../time';

/** The start-order form as its inputs hold it. */
export interface OrderDraft {
  medicationId: string;
  amount: string;
  frequency: Frequency;
  route: Route;
  administeredBy: GivenBy | '';
  startLocal: string;
  endLocal: string;
  indication: string;
  symptomTrigger: string;
  prn: boolean;
  prnIndication: string;
  prnMax: string;
  /** Most of the ingredient in 24 h across every order of it; empty = no amount cap. */
  prnMaxAmount: string;
  prnInterval: string;
  prnIntervalUnit: 'minutes' | 'hours';
  withTaper: boolean;
  steps: StepDraft[];
}

export function emptyDraft(zone: string): OrderDraft {
  return {
    medicationId: '',
    amount: '',
    frequency: 'daily',
    route: 'oral',
    administeredBy: '',
    startLocal: nowLocal(zone),
    endLocal: '',
    indication: '',
    symptomTrigger: '',
    prn: false,
    prnIndication: '',
    prnMax: '',
    prnMaxAmount: '',
    prnInterval: '',
    prnIntervalUnit: 'hours',
    withTaper: false,
    steps: [],
  };
}

/** The route a formulary form implies ("sublingual tablet" -> sublingual), else oral. */
export function routeForForm(form: string): Route {
  const lower = form.toLowerCase();
  if (lower.includes('patch')) return 'transdermal';
  return ROUTE_OPTIONS.find((o) => lower.includes(o.value))?.value ?? 'oral';
}

const intOrNaN = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

/**
 * What orders.start takes. Values the person left empty are sent as they are (empty or NaN),
 * so main's rules decide and friendlierErrors below rephrases the refusals.
 */
export function toStartInput(d: OrderDraft, patientId: number, med: Medication, zone: string, overrideReason: string | null): InputOf<'orders.start'> {
  const interval = intOrNaN(d.prnInterval);
  return {
    patientId,
    medicationId: med.id,
    indication: d.indication,
    route: d.route,
    administeredBy: d.administeredBy as GivenBy,
    amount: parseAmount(d.amount),
    unit: med.unit,
    frequency: d.frequency,
    startAt: localToInstant(d.startLocal, zone) ?? '',
    endAt: d.endLocal ? (localToInstant(d.endLocal, zone) ?? d.endLocal) : null,
    prn: d.prn
      ? {
          indication: d.prnIndication,
          maxDoses24h: intOrNaN(d.prnMax),
          minIntervalMinutes: d.prnIntervalUnit === 'hours' ? Math.round(interval * 60) : interval,
          maxAmount24h: d.prnMaxAmount.trim() === '' ? null : parseAmount(d.prnMaxAmount),
        }
      : null,
    symptomTrigger: d.symptomTrigger.trim() || null,
    taperSteps: d.withTaper ? [...toTaperSteps(d.steps, zone)].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)) : [],
    overrideReason,
  };
}

/** For inputs left empty, main's type messages ("expected number") say less than this. */
const EMPTY_MESSAGES: Record<string, (d: OrderDraft) => string | null> = {
  amount: (d) => (d.amount.trim() === '' ? 'Enter the dose.' : null),
  administeredBy: (d) => (d.administeredBy === '' ? 'Choose who gives it.' : null),
  startAt: (d) => (d.startLocal === '' ? 'Enter the start date and time.' : null),
  'prn.maxDoses24h': (d) => (d.prnMax.trim() === '' ? 'Enter the maximum doses in 24 hours.' : null),
  'prn.minIntervalMinutes': (d) => (d.prnInterval.trim() === '' ? 'Enter the minimum time between doses.' : null),
};

export function friendlierErrors(err: unknown, d: OrderDraft): never {
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION') throw err;
  const fields = Object.entries(err.fields).map(([path, message]) => ({ path, message: EMPTY_MESSAGES[path]?.(d) ?? message }));
  throw new ApiError({ code: err.code, message: err.message, fields, warnings: err.warnings });
}
