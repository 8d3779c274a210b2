import { DateTime } from 'luxon';
import { isProgramDay, type ProgramDays } from '../domain/schedule';
import { administrationsContract } from '../ipc/contract/administrations';
import { programDaysContract } from '../ipc/contract/programDays';
import { recordAdministration } from '../services/administrations';
import { updateProgramDays } from '../services/programDays';
import { updateSettings } from '../services/settings';
import { verifyWitness, type PublicUser } from '../services/users';
import type { DemoContext } from './index';
import { DEMO_PASSWORD } from './index';
import { HISTORY_DAYS, parseIn, type DemoRecordInput, type MarDemoEnv } from './marEnv';
import { addRounds } from './marRounds';
import { addScoresAndPrn } from './marScenarios';
import type { DemoEvent, When } from './orders';

/**
 * The nurses' MAR history in the demo clinic: two weeks of rounds at the clinic's dose times,
 * each documenting the doses due through the real services (Today's doses to find them, the
 * administration service to log them), so every rule a nurse meets (dose in effect, holds,
 * program days, PRN limits, witnesses) also shaped the demo. Events join the prescribers'
 * timeline (reviews.ts), so a dose is logged with the orders as they stood at that moment and
 * the MAR alerts it raises are worked like any other review.
 *
 * Deterministic: what happens to each dose depends on its order and time, not on the build's
 * clock, so two builds on different days show the same picture.
 *
 * This file sets the scene (the timeline's clock, program days, who is on shift, logging a dose
 * with a witness); marRounds.ts adds the rounds, marScenarios.ts the scores and PRN doses.
 */

/**
 * Weekly attendance of home patients, by patient index, as days before the demo's today (a
 * weekly pattern all the same): the picture does not depend on the weekday the demo is built on.
 */
const PATTERNS: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4],
  [0, 2, 4],
  [0, 1, 3, 4],
  [1, 2, 3],
];

export async function marEvents(demo: DemoContext, realNow: Date): Promise<DemoEvent[]> {
  const { ctx, zone } = demo;
  const events: DemoEvent[] = [];
  const local = ([daysAgo, time]: When): DateTime => {
    const [hour, minute] = time.split(':').map(Number);
    return demo.today.minus({ days: daysAgo }).set({ hour, minute });
  };
  /** Events after the moment of building do not happen (not clamped: those doses are still to come). */
  const at = (when: When, run: () => Promise<void>) => {
    const t = local(when).toJSDate();
    if (t.getTime() <= realNow.getTime()) events.push({ at: t, run });
  };
  const atInstant = (t: Date, run: () => Promise<void>) => {
    if (t.getTime() <= realNow.getTime()) events.push({ at: t, run });
  };

  const patients = await ctx.db
    .selectFrom('patients')
    .select(['id', 'residence', 'admission_date', 'discharge_date'])
    .orderBy('id')
    .execute();
  const indexOf = new Map(demo.patientIds.map((id, i) => [id, i]));
  const orderOf = async (patient: number, med: string) => {
    const row = await ctx.db
      .selectFrom('orders')
      .innerJoin('medications', 'medications.id', 'orders.medication_id')
      .select('orders.id')
      .where('orders.patient_id', '=', demo.patientIds[patient])
      .where('medications.name', '=', med)
      .orderBy('orders.id', 'desc')
      .executeTakeFirst();
    return row?.id ?? null;
  };
  const mustOrder = async (patient: number, med: string) => {
    const id = await orderOf(patient, med);
    if (id === null) throw new Error(`Demo patient ${patient} has no ${med} order`);
    return id;
  };
  // Home patients' attendance: a weekly pattern, and a couple of one-off changes (an absence on a
  // program day, an extra day off the pattern).
  const day = (n: number) => demo.today.minus({ days: n });
  const programDays = new Map<number, ProgramDays>();
  for (const p of patients) {
    const i = indexOf.get(p.id) ?? 0;
    if (p.residence !== 'home' || p.discharge_date !== null) continue;
    const weekdays = [...new Set(PATTERNS[i % PATTERNS.length].map((k) => day(k).weekday))].sort((a, b) => a - b);
    const absences = i % 6 === 1 ? [day(4)].filter((x) => weekdays.includes(x.weekday)).map((x) => x.toISODate()!) : [];
    const extraDays = i % 6 === 2 ? [day(6)].filter((x) => !weekdays.includes(x.weekday)).map((x) => x.toISODate()!) : [];
    programDays.set(i, { weekdays, absences, extraDays });
  }
  /** Whether a patient is at the program on a day: residents always, home patients on program days. */
  const attends = (patient: number, daysAgo: number) => {
    const pd = programDays.get(patient);
    return pd === undefined || isProgramDay(day(daysAgo).toISODate()!, pd);
  };

  // The clinic lets a nurse give a dose despite a recorded allergy, with a reason, where the
  // prescriber has already weighed it (patient 33's chlordiazepoxide): set before the history.
  at([HISTORY_DAYS + 1, '07:00'], async () => {
    await updateSettings(ctx, demo.actor('admin'), { 'mar.allergyOverride': true });
  });

  // ---- Program days of home patients, set when they were admitted ----
  for (const [i, pd] of programDays) {
    const p = patients.find((x) => x.id === demo.patientIds[i])!;
    const admitted = DateTime.fromISO(p.admission_date, { zone });
    const daysAgo = Math.min(HISTORY_DAYS + 1, Math.round(demo.today.diff(admitted, 'days').days));
    at([daysAgo, '07:30'], async () => {
      const input = parseIn(programDaysContract['programDays.update'].input, {
        patientId: p.id,
        weekdays: [...pd.weekdays],
        absences: [...pd.absences],
        extraDays: [...pd.extraDays],
        reason: 'Attendance plan agreed at admission',
      });
      await updateProgramDays(ctx, demo.actor('nurse1'), input);
    });
  }

  /** Day shift: nurse1 and nurse3 on alternate days, each witnessed by the other; nights nurse2 witnessed by nurse1. */
  const staffAt = (t: DateTime) => {
    const dayShift = t.hour >= 7 && t.hour < 19;
    const even = Math.round(demo.today.diff(t.startOf('day'), 'days').days) % 2 === 0;
    const giver = dayShift ? (even ? 'nurse1' : 'nurse3') : 'nurse2';
    const witness = giver === 'nurse1' ? 'nurse3' : 'nurse1';
    return { giver, witness };
  };

  // Each witness types their password once (a real check, scrypt and all) and is reused after:
  // two hundred password checks would add minutes to every demo build.
  const verified = new Map<string, PublicUser>();
  const witnessFor = async (giver: string, witness: string) => {
    let w = verified.get(witness);
    if (!w) {
      w = await verifyWitness(ctx, demo.actor(giver), witness, DEMO_PASSWORD);
      verified.set(witness, w);
    }
    return w;
  };
  const record = async (giver: string, input: DemoRecordInput, witness: string | null = null) => {
    const opts = witness ? { verifiedWitness: await witnessFor(giver, witness) } : {};
    return recordAdministration(ctx, demo.actor(giver), parseIn(administrationsContract['administrations.record'].input, input), opts);
  };

  const env: MarDemoEnv = {
    demo,
    local,
    at,
    atInstant,
    orderOf,
    mustOrder,
    attends,
    staffAt,
    record,
  };
  // The order events are added in matters for ties in the timeline: rounds, then scores and PRN doses.
  await addRounds(env);
  addScoresAndPrn(env);
  return events;
}
