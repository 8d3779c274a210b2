import type { Administration, Patient } from '../../db/schema';
import { doseInEffect } from '../domain/doses';
import { DOSE_STATUS_WORDS, dueDoseStatus, shiftBounds } from '../domain/doseStatus';
import { addDays, localDate } from '../domain/followups';
import { frequencyInWords } from '../domain/frequency';
import { nextPrnAllowedAt } from '../domain/prn';
import { dosesDue } from '../domain/schedule';
import type { DueDoseView, EndOfShift, PrnOrderView, TodayDoses } from '../ipc/contract/administrations';
import type { ServiceContext } from './context';
import { asScheduleDose, givenBetween, groupBy, sameIngredient, scheduleOrder, userNames, type LoadedOrder } from './marData';
import { patientRows, shiftEntries, shiftOrders, shiftPatients } from './shiftData';
import { administrationView, medicationView, patientBanner } from './marViews';
import { symptomTriggerOf } from './orderViews';
import { getAllSettings } from './settings';

/**
 * Today's doses and the end-of-shift list: every due staff-given dose of the shift, read with a
 * fixed number of narrow queries (shiftData.ts: who is in the program, the shift's orders,
 * versions and holds, its entries, users, the listed patients and their allergies), then laid
 * out by the schedule rule.
 */

const DAY_MS = 86_400_000;

/** localeCompare's order, with the collator built once (localeCompare builds one per call: most of a 1,000-dose sort). */
const byName = new Intl.Collator();
/** UTC ISO instants of one format sort by their characters. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Each distinct name's place in byName's order (names the collator calls equal share one): a sort of many rows compares numbers. */
function ranks(names: readonly string[]): Map<string, number> {
  const sorted = [...new Set(names)].sort(byName.compare);
  const out = new Map<string, number>();
  sorted.forEach((n, i) => out.set(n, i > 0 && byName.compare(sorted[i - 1], n) === 0 ? out.get(sorted[i - 1])! : i));
  return out;
}

/** A pure function's answers for one request, by argument. */
function remembered<K, V>(fn: (k: K) => V): (k: K) => V {
  const seen = new Map<K, V>();
  return (k) => {
    if (seen.has(k)) return seen.get(k) as V;
    const v = fn(k);
    seen.set(k, v);
    return v;
  };
}

export interface DosesFilter {
  patientId?: number;
  residence?: 'facility' | 'home';
  controlledOnly: boolean;
  at?: string;
}

interface ShiftDoses {
  now: string;
  zone: string;
  window: number;
  shift: { start: string; end: string; label: string };
  due: DueDoseView[];
  loaded: LoadedOrder[];
  /** The patients listed (a due dose or a PRN order), by name. */
  patients: Patient[];
  names: Map<number, string>;
}

async function shiftDoses(ctx: ServiceContext, filter: DosesFilter): Promise<ShiftDoses> {
  const db = ctx.db;
  const settings = await getAllSettings(db);
  const zone = settings['clinic.timeZone'];
  const now = ctx.clock.now().toISOString();
  const at = filter.at ?? now;
  const shift = shiftBounds(at, zone, settings['mar.shiftStarts']);
  const window = settings['mar.onTimeWindowMinutes'];
  const dates: string[] = [];
  for (let d = localDate(shift.start, zone); d <= localDate(new Date(Date.parse(shift.end) - 1), zone); d = addDays(d, 1)) dates.push(d);
  // Only what the shift needs (shiftData.ts): scheduled orders of the patients who can have a
  // dose in it (residents, home patients on a program day), PRN orders of everyone in the
  // program, those of the last 24 h too (PRN limits look back that far), and the shift's entries.
  const inProgram = await shiftPatients(db, { start: shift.start, end: shift.end, dates, programDate: dates[0] }, filter);
  const byId = new Map(inProgram.map((p) => [p.id, p]));
  const dosing = inProgram.filter((p) => p.doses).map((p) => p.id);
  const dayBefore = new Date(Date.parse(now) - DAY_MS).toISOString();
  const [scheduledOrders, prnAll, entries, names] = await Promise.all([
    shiftOrders(db, dosing, shift.start, shift.end, false),
    shiftOrders(db, filter.patientId === undefined ? null : [filter.patientId], dayBefore < shift.start ? dayBefore : shift.start, shift.end, true),
    shiftEntries(db, shift.start, shift.end),
    userNames(db),
  ]);
  const prnOrders = prnAll.filter((o) => byId.has(o.order.patient_id));
  const loadedAll = [...scheduledOrders, ...prnOrders].sort((a, b) => a.order.id - b.order.id);
  const loaded = filter.controlledOnly ? loadedAll.filter((o) => o.med.dea_schedule !== null) : loadedAll;
  const scheduled = loaded.filter((o) => o.order.prn === 0);
  const live = new Map<string, Administration>();
  for (const e of entries) if (e.entered_in_error_at === null) live.set(`${e.order_id}|${e.scheduled_for}`, e);

  // The rules are called, never restated; with hundreds of doses at a few dose times, the
  // answers that depend only on the dose time, the medication or the frequency are asked once.
  const statusOf = (scheduledFor: string, entry: Administration | null) =>
    dueDoseStatus({
      scheduledFor,
      now,
      onTimeWindowMinutes: window,
      documented: entry ? { outcome: entry.outcome, administeredAt: entry.administered_at } : null,
      shiftEnd: shift.end,
    });
  const undocumented = remembered((scheduledFor: string) => statusOf(scheduledFor, null));
  const medView = remembered(medicationView);
  const frequencyWords = remembered(frequencyInWords);
  const due: DueDoseView[] = [];
  for (const o of scheduled) {
    const patient = byId.get(o.order.patient_id)!;
    const doses = dosesDue({
      order: scheduleOrder(o),
      versions: o.versions.map(asScheduleDose),
      residence: patient.residence,
      programDays: patient.programDays,
      zone,
      doseTimes: settings['doses.times'],
      from: shift.start,
      to: shift.end,
    });
    for (const d of doses) {
      const entry = live.get(`${o.order.id}|${d.scheduledFor}`) ?? null;
      const status = entry ? statusOf(d.scheduledFor, entry) : undocumented(d.scheduledFor);
      due.push({
        key: `${o.order.id}|${d.scheduledFor}`,
        orderId: o.order.id,
        patientId: patient.id,
        medication: medView(o.med),
        route: o.order.route,
        indication: o.order.indication,
        scheduledFor: d.scheduledFor,
        localDate: d.localDate,
        localTime: d.localTime,
        doseVersionId: d.doseVersionId,
        amount: d.amount,
        unit: d.unit,
        frequencyWords: frequencyWords(d.frequency),
        status,
        statusWords: DOSE_STATUS_WORDS[status],
        documented: entry ? administrationView(entry, { names, medicationName: o.med.name, patientId: patient.id }) : null,
      });
    }
  }
  const medRank = ranks(due.map((d) => d.medication.name));
  due.sort((a, b) => byCodeUnits(a.scheduledFor, b.scheduledFor) || medRank.get(a.medication.name)! - medRank.get(b.medication.name)!);
  // Full rows (banners, names) only of the patients listed: on most days most have no dose.
  const listed = new Set<number>([...due.map((d) => d.patientId), ...prnOrders.map((o) => o.order.patient_id)]);
  const patients = await patientRows(db, [...listed]);
  return { now, zone, window, shift, due, loaded: loadedAll, patients, names };
}

export async function todaysDoses(ctx: ServiceContext, _actor: unknown, filter: DosesFilter): Promise<TodayDoses> {
  const s = await shiftDoses(ctx, filter);
  const prnOrders = s.loaded.filter(
    (o) => o.order.prn === 1 && o.order.status === 'active' && (o.order.end_at === null || o.order.end_at > s.now) && o.order.start_at <= s.now && (!filter.controlledOnly || o.med.dea_schedule !== null),
  );
  const prn = await prnViews(ctx, s, prnOrders);
  const dueBy = groupBy(s.due, (d) => d.patientId);
  const prnBy = groupBy(prn, (p) => p.patientId);
  const listed = s.patients.filter((p) => dueBy.has(p.id) || prnBy.has(p.id));
  // Banners only for the patients listed: on most days most of the program has no dose.
  const allergies = listed.length
    ? await ctx.db.selectFrom('allergies').select(['patient_id', 'substance', 'reaction', 'severity']).where('patient_id', 'in', listed.map((p) => p.id)).where('status', '=', 'active').execute()
    : [];
  const allergiesBy = groupBy(allergies, (a) => a.patient_id);
  const patients = listed
    .map((p) => {
      const times = groupBy(dueBy.get(p.id) ?? [], (d) => d.scheduledFor);
      return {
        patient: patientBanner(p, allergiesBy.get(p.id) ?? []),
        times: [...times].map(([scheduledFor, doses]) => ({ scheduledFor, localTime: doses[0].localTime, doses })),
        prn: prnBy.get(p.id) ?? [],
      };
    });
  return {
    now: s.now,
    timeZone: s.zone,
    onTimeWindowMinutes: s.window,
    shift: s.shift,
    patients,
    counts: {
      due: s.due.length,
      documented: s.due.filter((d) => d.documented !== null).length,
      late: s.due.filter((d) => d.status === 'late').length,
    },
  };
}

/** PRN orders with their counts and when the next dose is allowed (one query for the 24 h of doses). */
async function prnViews(ctx: ServiceContext, s: ShiftDoses, prnOrders: LoadedOrder[]): Promise<PrnOrderView[]> {
  if (prnOrders.length === 0) return [];
  const dayBefore = new Date(Date.parse(s.now) - DAY_MS).toISOString();
  const dayAfter = new Date(Date.parse(s.now) + DAY_MS).toISOString();
  const patientIds = [...new Set(prnOrders.map((o) => o.order.patient_id))];
  // Every order of these patients with an ingredient in common counts toward an amount cap, home ones included.
  const allOrders = await ctx.db.selectFrom('orders').selectAll().where('patient_id', 'in', patientIds).execute();
  const meds = await ctx.db.selectFrom('medications').selectAll().where('id', 'in', [...new Set(allOrders.map((o) => o.medication_id))]).execute();
  const medById = new Map(meds.map((m) => [m.id, m]));
  const withMeds = allOrders.map((o) => ({ order: o, med: medById.get(o.medication_id)! }));
  const given = await givenBetween(ctx.db, allOrders.map((o) => o.id), dayBefore, dayAfter);
  const givenBy = groupBy(given, (g) => g.order_id);
  return prnOrders.map((o) => {
    const dose = doseInEffect(o.versions.map(asScheduleDose), s.now);
    const own = givenBy.get(o.order.id) ?? [];
    const ingredientIds = sameIngredient(o.med, withMeds.filter((x) => x.order.patient_id === o.order.patient_id));
    const ingredient = ingredientIds.flatMap((id) => givenBy.get(id) ?? []).filter((g) => g.administered_at <= s.now);
    const limits = { maxDoses24h: o.order.prn_max_doses_24h, maxAmount24h: o.order.prn_max_amount_24h, minIntervalMinutes: o.order.prn_min_interval_minutes, symptomTrigger: null };
    const next = dose
      ? nextPrnAllowedAt({
          now: s.now,
          zone: s.zone,
          order: limits,
          amount: dose.amount,
          unit: dose.unit.replace(/[{}]/g, ''),
          priorDosesThisOrder: own.map((g) => g.administered_at),
          ingredientDoses: ingredient.map((g) => ({ at: g.administered_at, amount: g.amount ?? 0 })),
        })
      : null;
    const ownPast = own.filter((g) => g.administered_at <= s.now);
    return {
      orderId: o.order.id,
      patientId: o.order.patient_id,
      medication: medicationView(o.med),
      route: o.order.route,
      indication: o.order.prn_indication ?? o.order.indication,
      amount: dose?.amount ?? null,
      unit: dose?.unit ?? o.med.unit,
      maxDoses24h: o.order.prn_max_doses_24h,
      maxAmount24h: o.order.prn_max_amount_24h,
      minIntervalMinutes: o.order.prn_min_interval_minutes,
      symptomTrigger: symptomTriggerOf(o.order),
      dosesLast24h: ownPast.length,
      amountLast24h: Math.round(ingredient.reduce((sum, g) => sum + (g.amount ?? 0), 0) * 1e6) / 1e6,
      lastGivenAt: ownPast.length ? ownPast[ownPast.length - 1].administered_at : null,
      allowedNow: next?.allowedNow ?? false,
      notAllowedReason: next === null ? 'No dose is in effect for this order now.' : next.allowedNow ? null : next.message,
      nextAllowedAt: next?.nextAllowedAt ?? null,
    };
  });
}

/** Every dose due in the shift with nothing documented, across the program. */
export async function endOfShift(ctx: ServiceContext, filter: { at?: string }): Promise<EndOfShift> {
  const s = await shiftDoses(ctx, { controlledOnly: false, at: filter.at });
  const byId = new Map(s.patients.map((p) => [p.id, p]));
  return {
    now: s.now,
    timeZone: s.zone,
    shift: s.shift,
    doses: s.due
      .filter((d) => d.documented === null)
      .map((d) => {
        const p = byId.get(d.patientId)!;
        return { ...d, patientName: `${p.family_name}, ${p.given_name}`, mrn: p.mrn };
      })
      // A nurse works the list patient by patient.
      .sort((a, b) => byName.compare(a.patientName, b.patientName) || byCodeUnits(a.scheduledFor, b.scheduledFor)),
  };
}
