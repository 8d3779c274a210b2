import { DateTime } from 'luxon';
import type { Administration } from '../../db/schema';
import { doseInEffect } from '../domain/doses';
import { DOSE_STATUS_WORDS, dueDoseStatus, shiftInstants } from '../domain/doseStatus';
import { localDate } from '../domain/followups';
import { frequencyInWords, isFrequency } from '../domain/frequency';
import { dosesDue } from '../domain/schedule';
import type { MarView } from '../ipc/contract/administrations';
import { appendAudit } from './audit';
import { inTransaction, type Actor, type ServiceContext } from './context';
import { notFound } from './errors';
import { asScheduleDose, groupBy, programDaysFor, scheduleOrder, staffOrders, userNames } from './marData';
import { administrationView, amountText, initialsOf, patientBanner } from './marViews';
import { symptomTriggerOf } from './orderViews';
import { getAllSettings } from './settings';

/**
 * The medication administration record of one patient (issue 7 item 8): days by dose times,
 * each cell with its due dose and every entry made for it (corrections struck through on
 * screen), PRN doses and withdrawal scores in their own rows. A fixed number of queries.
 */

/** Printed on every page: the federal confidentiality rule for substance use disorder records. */
export const PART2_NOTICE =
  'This record contains information about substance use disorder treatment protected by federal confidentiality rules (42 CFR Part 2). ' +
  'Federal rules prohibit any further disclosure of this information unless it is expressly permitted by the written consent of the person ' +
  'to whom it pertains or as otherwise permitted by 42 CFR Part 2.';

export interface MarRange {
  patientId: number;
  days: number;
  endDate?: string;
}

export async function marForPatient(ctx: ServiceContext, input: MarRange): Promise<MarView> {
  const db = ctx.db;
  const settings = await getAllSettings(db);
  const zone = settings['clinic.timeZone'];
  const nowIso = ctx.clock.now().toISOString();
  const patient = await db.selectFrom('patients').selectAll().where('id', '=', input.patientId).executeTakeFirst();
  if (!patient) throw notFound('That patient');
  const end = DateTime.fromISO(input.endDate ?? localDate(nowIso, zone), { zone }).startOf('day');
  const first = end.minus({ days: input.days - 1 });
  const dates = Array.from({ length: input.days }, (_, i) => first.plus({ days: i }).toISODate()!);
  const from = first.toUTC().toISO()!;
  const to = end.plus({ days: 1 }).toUTC().toISO()!;

  const [allergies, loaded, programDays, names, scores] = await Promise.all([
    db.selectFrom('allergies').select(['substance', 'reaction', 'severity']).where('patient_id', '=', patient.id).where('status', '=', 'active').execute(),
    staffOrders(db, [patient.id], from, to),
    programDaysFor(db, [patient.id]),
    userNames(db),
    db.selectFrom('withdrawal_scores').selectAll().where('patient_id', '=', patient.id).where('scored_at', '>=', from).where('scored_at', '<', to).orderBy('scored_at').execute(),
  ]);
  const orderIds = loaded.map((o) => o.order.id);
  const entries: Administration[] = orderIds.length
    ? await db
        .selectFrom('administrations')
        .selectAll()
        .where('order_id', 'in', orderIds)
        .where((eb) =>
          eb.or([
            eb.and([eb('scheduled_for', '>=', from), eb('scheduled_for', '<', to)]),
            eb.and([eb('scheduled_for', 'is', null), eb('administered_at', '>=', from), eb('administered_at', '<', to)]),
          ]),
        )
        .orderBy('id')
        .execute()
    : [];
  const correctedBy = new Map(entries.filter((e) => e.corrects_id !== null).map((e) => [e.corrects_id!, e.id]));
  const people = new Set<number>();
  const viewOf = (e: Administration, medicationName: string) => {
    people.add(e.nurse_id);
    if (e.witness_id !== null) people.add(e.witness_id);
    if (e.entered_in_error_by !== null) people.add(e.entered_in_error_by);
    return administrationView(e, { names, medicationName, patientId: patient.id, correctedById: correctedBy.get(e.id) ?? null });
  };
  const entriesBy = groupBy(entries, (e) => e.order_id);
  // Each stored instant's clinic day and wall time, worked out once (a cell looks them up).
  const wall = new Map<string, { day: string; time: string }>();
  const wallOf = (iso: string) => {
    let w = wall.get(iso);
    if (w === undefined) {
      const dt = DateTime.fromISO(iso, { zone });
      w = { day: dt.toISODate()!, time: dt.toFormat('HH:mm') };
      wall.set(iso, w);
    }
    return w;
  };
  const dayOf = (iso: string) => wallOf(iso).day;
  // The end of the shift each dose time belongs to, asked of shiftInstants once per dose time (the
  // orders of a MAR share a few dose times; building the shift per cell was most of the MAR's time).
  const shiftEnds = new Map<string, string>();
  const shiftEndOf = (iso: string) => {
    let e = shiftEnds.get(iso);
    if (e === undefined) {
      e = new Date(shiftInstants(iso, zone, settings['mar.shiftStarts']).endMs).toISOString();
      shiftEnds.set(iso, e);
    }
    return e;
  };
  const timeOf = (iso: string) => wallOf(iso).time;

  const rows: MarView['rows'] = [];
  for (const o of loaded) {
    const own = entriesBy.get(o.order.id) ?? [];
    const dose = doseInEffect(o.versions.map(asScheduleDose), to < nowIso ? to : nowIso) ?? doseInEffect(o.versions.map(asScheduleDose), to);
    const doseText = dose ? `${amountText(dose.amount, dose.unit)} ${isFrequency(dose.frequency) ? frequencyInWords(dose.frequency) : dose.frequency}` : '';
    const base = {
      orderId: o.order.id,
      medicationName: o.med.name,
      doseText,
      route: o.order.route,
      controlled: o.med.dea_schedule !== null,
      // For a correction's score choice (the same as the dose dialog's).
      withdrawalManagement: o.med.withdrawal_management === 1,
      symptomTrigger: symptomTriggerOf(o.order),
    };
    if (o.order.prn === 1) {
      const byDay = groupBy(own, (e) => dayOf(e.administered_at));
      rows.push({ ...base, localTime: null, prn: true, cells: dates.map((date) => ({ date, due: null, entries: (byDay.get(date) ?? []).map((e) => viewOf(e, o.med.name)) })) });
      continue;
    }
    const due = dosesDue({
      order: scheduleOrder(o),
      versions: o.versions.map(asScheduleDose),
      residence: patient.residence,
      programDays: programDays.get(patient.id) ?? null,
      zone,
      doseTimes: settings['doses.times'],
      from,
      to,
    });
    const bySlot = groupBy(own.filter((e) => e.scheduled_for !== null), (e) => e.scheduled_for!);
    // Rows by wall time: the due doses' times, and the times of any entry no longer matching a due dose.
    const times = new Set([...due.map((d) => d.localTime), ...[...bySlot.keys()].map(timeOf)]);
    const dueAt = new Map<string, (typeof due)[number]>();
    for (const d of due) if (!dueAt.has(`${d.localDate}|${d.localTime}`)) dueAt.set(`${d.localDate}|${d.localTime}`, d);
    const slotAt = new Map<string, string>();
    for (const k of bySlot.keys()) {
      const at = `${dayOf(k)}|${timeOf(k)}`;
      if (!slotAt.has(at)) slotAt.set(at, k); // the first, as find() took it
    }
    for (const time of [...times].sort()) {
      const cells = dates.map((date) => {
        const d = dueAt.get(`${date}|${time}`);
        const slot = d?.scheduledFor ?? slotAt.get(`${date}|${time}`);
        const cellEntries = slot ? (bySlot.get(slot) ?? []) : [];
        const live = cellEntries.find((e) => e.entered_in_error_at === null);
        const status = d
          ? dueDoseStatus({
              scheduledFor: d.scheduledFor,
              now: nowIso,
              onTimeWindowMinutes: settings['mar.onTimeWindowMinutes'],
              documented: live ? { outcome: live.outcome, administeredAt: live.administered_at } : null,
              shiftEnd: shiftEndOf(d.scheduledFor),
            })
          : null;
        return {
          date,
          due: d && status ? { scheduledFor: d.scheduledFor, amount: d.amount, unit: d.unit, status, statusWords: DOSE_STATUS_WORDS[status] } : null,
          entries: cellEntries.map((e) => viewOf(e, o.med.name)),
        };
      });
      rows.push({ ...base, localTime: time, prn: false, cells });
    }
  }
  rows.sort((a, b) => a.medicationName.localeCompare(b.medicationName) || Number(a.prn) - Number(b.prn) || (a.localTime ?? '').localeCompare(b.localTime ?? ''));

  const scoreRows = (['CIWA-Ar', 'COWS'] as const)
    .filter((scale) => scores.some((s) => s.scale === scale))
    .map((scale) => {
      const byDay = groupBy(scores.filter((s) => s.scale === scale), (s) => dayOf(s.scored_at));
      return {
        scale,
        cells: dates.map((date) => ({
          date,
          scores: (byDay.get(date) ?? []).map((s) => {
            people.add(s.nurse_id);
            return {
              id: s.id,
              scale: s.scale,
              total: s.total,
              band: s.band,
              bandLabel: s.band.replace('_', ' '),
              scoredAt: s.scored_at,
              nurseInitials: initialsOf(names.get(s.nurse_id) ?? ''),
              enteredInError: s.entered_in_error_at !== null,
            };
          }),
        })),
      };
    });

  return {
    clinicName: settings['clinic.name'],
    timeZone: zone,
    notice: PART2_NOTICE,
    generatedAt: nowIso,
    patient: patientBanner(patient, allergies),
    dates,
    rows,
    scoreRows,
    legend: [...people].map((id) => ({ initials: initialsOf(names.get(id) ?? ''), name: names.get(id) ?? `user ${id}` })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Printing the MAR discloses the record on paper: it is audited (who, which patient, which days). */
export async function recordMarPrint(ctx: ServiceContext, actor: Actor, input: MarRange & { paper: 'A4' | 'Letter' }): Promise<{ ok: true }> {
  const patient = await ctx.db.selectFrom('patients').select('id').where('id', '=', input.patientId).executeTakeFirst();
  if (!patient) throw notFound('That patient');
  await inTransaction(ctx, async (trx) => {
    await appendAudit(trx, {
      at: ctx.clock.now().toISOString(),
      actorId: actor.id,
      action: 'mar.print',
      entityType: 'patient',
      entityId: patient.id,
      after: { days: input.days, endDate: input.endDate ?? null, paper: input.paper },
    });
  });
  return { ok: true };
}
