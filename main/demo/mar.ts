import { DateTime } from 'luxon';
import type { z } from 'zod';
import { isProgramDay, type ProgramDays } from '../domain/schedule';
import { SCALE_ITEMS } from '../domain/scoreItems';
import type { WithdrawalScale } from '../domain/scores';
import { administrationsContract, type DueDoseView, type NotGivenReasonCode } from '../ipc/contract/administrations';
import { programDaysContract } from '../ipc/contract/programDays';
import { scoresContract } from '../ipc/contract/scores';
import { markEnteredInError } from '../services/administrationCorrections';
import { recordAdministration, todaysDoses } from '../services/administrations';
import { AppError } from '../services/errors';
import { updateProgramDays } from '../services/programDays';
import { getSetting, updateSettings } from '../services/settings';
import { verifyWitness, type PublicUser } from '../services/users';
import { recordScore } from '../services/scores';
import type { DemoContext } from './index';
import { DEMO_PASSWORD } from './index';
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
 */

/** How far back the MAR history goes. */
const HISTORY_DAYS = 14;

/** The frequencies the demo's staff-given orders use: a nurse round at each of their dose times. */
const ROUND_FREQUENCIES = ['daily', 'bid', 'tid', 'qid', 'at_bedtime'] as const;

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

type Fate = 'given' | 'late' | 'refused' | 'held' | 'missed' | 'corrected' | 'forgotten';

/** Hand-picked moments: the stories a demo user should find on the MAR. */
interface Story {
  patient: number;
  med: string;
  at: When;
  fate: Fate;
}

const STORIES: readonly Story[] = [
  // Two diazepam doses in a row refused: the MAR puts a review on the prescriber's worklist.
  { patient: 2, med: 'Diazepam', at: [4, '14:00'], fate: 'refused' },
  { patient: 2, med: 'Diazepam', at: [4, '20:00'], fate: 'refused' },
  // Charted as refused, then corrected: the patient took it after encouragement.
  { patient: 18, med: 'Chlordiazepoxide', at: [7, '12:00'], fate: 'corrected' },
  // This morning's 08:00 chlordiazepoxide not yet charted: Today's doses shows it late, the
  // end-of-shift list keeps it until someone documents it.
  { patient: 24, med: 'Chlordiazepoxide', at: [0, '08:00'], fate: 'forgotten' },
];

const REASONS: Record<'refused' | 'held' | 'missed', { code: NotGivenReasonCode; text: string }[]> = {
  refused: [
    { code: 'patient_refused', text: 'Said they felt fine and did not want it this time' },
    { code: 'patient_refused', text: 'Nauseous, wanted to wait; offered again, declined' },
  ],
  held: [
    { code: 'sedated', text: 'Drowsy (RASS -1); held and rechecked in an hour' },
    { code: 'vital_signs', text: 'BP 92/58 sitting; held per parameters' },
  ],
  missed: [
    { code: 'patient_absent', text: 'At a family appointment; not back before the dose window closed' },
    { code: 'asleep', text: 'Asleep after a poor night; not woken per care plan' },
  ],
};

const LATE_REASONS = ['In group session until 10:15; given after', 'Off the unit at a medical appointment; given on return'];

/** A small stable hash: the same order and time always get the same fate. */
function hash(...parts: number[]): number {
  let h = 2166136261;
  for (const p of parts) {
    h ^= p;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

/** By order, day (counted back from today) and clock time, so every build tells the same story. */
function habitualFate(orderId: number, daysAgo: number, localTime: string, controlled: boolean): Fate {
  const r = hash(orderId, daysAgo, Number(localTime.replace(':', ''))) % 100;
  if (r < 3) return 'refused';
  if (r < 5) return controlled ? 'held' : 'given';
  if (r < 6) return 'missed';
  if (r < 9) return 'late';
  return 'given';
}

/** Items of a scale adding up to about `target` (the nearest the allowed values reach), the prominent signs first. */
export function demoScoreItems(scale: WithdrawalScale, target: number): Record<string, number> {
  const defs = SCALE_ITEMS[scale];
  const items: Record<string, number> = Object.fromEntries(defs.map((d) => [d.key, 0]));
  let total = 0;
  for (let pass = 0; pass < 8 && total < target; pass++) {
    for (const d of defs) {
      const current = items[d.key];
      const next = d.values.find((v) => v > current);
      if (next === undefined || total - current + next > target) continue;
      // Perceptual disturbances and disorientation stay low in a demo of outpatient withdrawal.
      if (/disturbances|orientation/.test(d.key) && next > 1) continue;
      total += next - current;
      items[d.key] = next;
    }
  }
  return items;
}

function parseIn<S extends z.ZodType>(schema: S, input: z.input<S>): z.output<S> {
  return schema.parse(input);
}

export async function marEvents(demo: DemoContext, realNow: Date): Promise<DemoEvent[]> {
  const { ctx, clock, zone } = demo;
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
  const overrideFor = (dose: { patientId: number; medication: { name: string } }) =>
    dose.patientId === demo.patientIds[33] && dose.medication.name === 'Chlordiazepoxide'
      ? "Prescriber's override on the order: the reaction was to alprazolam; chlordiazepoxide tolerated before"
      : null;

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

  // ---- Rounds ----
  const stories = new Map<string, Fate>();
  const storyKey = (orderId: number, scheduledFor: string) => `${orderId}|${scheduledFor}`;
  let storiesResolved = false;
  const resolveStories = async () => {
    if (storiesResolved) return;
    for (const s of STORIES) {
      const t = local(s.at).toUTC().toISO()!;
      const orderId = await orderOf(s.patient, s.med);
      // The order starts later in the timeline: looked up again next round.
      if (orderId === null) return;
      stories.set(storyKey(orderId, t), s.fate);
    }
    storiesResolved = true;
  };

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
  type RecordInput = z.input<(typeof administrationsContract)['administrations.record']['input']>;
  const record = async (giver: string, input: RecordInput, witness: string | null = null) => {
    const opts = witness ? { verifiedWitness: await witnessFor(giver, witness) } : {};
    return recordAdministration(ctx, demo.actor(giver), parseIn(administrationsContract['administrations.record'].input, input), opts);
  };

  /** Whether an order's last scheduled dose was refused or missed (held doses leave it as it was). */
  const notTaken = new Map<number, boolean>();

  const doseTimes = await getSetting(ctx.db, 'doses.times');
  const roundTimes = [...new Set(ROUND_FREQUENCIES.flatMap((f) => doseTimes[f] ?? []))].sort();
  for (let d = HISTORY_DAYS; d >= 0; d--) {
    for (const time of roundTimes) {
      const round = local([d, time]);
      const roundIso = round.toUTC().toISO()!;
      const { giver, witness } = staffAt(round);
      const dueNow = async () => {
        const list = await todaysDoses(ctx, demo.actor(giver), { at: roundIso, controlledOnly: false });
        return list.patients
          .flatMap((p) => p.times.filter((t) => t.scheduledFor === roundIso).flatMap((t) => t.doses))
          .filter((dose) => dose.documented === null);
      };
      const fateOf = (dose: { orderId: number; scheduledFor: string; localTime: string; medication: { controlled: boolean } }): Fate =>
        stories.get(storyKey(dose.orderId, dose.scheduledFor)) ?? habitualFate(dose.orderId, d, dose.localTime, dose.medication.controlled);

      const late: DueDoseView[] = [];

      // The round itself, a few minutes after the dose time.
      atInstant(round.plus({ minutes: 2 }).toJSDate(), async () => {
        await resolveStories();
        const corrections: { id: number; dose: DueDoseView }[] = [];
        let minute = 3;
        for (const dose of await dueNow()) {
          let fate = fateOf(dose);
          // Habit never refuses twice in a row: the runs that alert a prescriber are the stories'.
          const story = stories.has(storyKey(dose.orderId, dose.scheduledFor));
          if (!story && (fate === 'refused' || fate === 'missed') && notTaken.get(dose.orderId)) fate = 'given';
          if (fate === 'refused' || fate === 'missed' || fate === 'corrected') notTaken.set(dose.orderId, true);
          else if (fate !== 'held') notTaken.set(dose.orderId, false);
          if (fate === 'late') late.push(dose);
          if (fate === 'late' || fate === 'forgotten') continue;
          clock.set(round.plus({ minutes: Math.min(minute++, 45) }).toJSDate());
          if (fate === 'given') {
            await record(
              giver,
              { orderId: dose.orderId, scheduledFor: dose.scheduledFor, outcome: 'given', overrideReason: overrideFor(dose) },
              dose.medication.controlled ? witness : null,
            );
          } else if (fate === 'corrected') {
            const wrong = await record(giver, {
              orderId: dose.orderId,
              scheduledFor: dose.scheduledFor,
              outcome: 'refused',
              reasonCode: 'patient_refused',
              reasonText: 'Declined at first',
            });
            corrections.push({ id: wrong.administration.id, dose });
          } else {
            const options = REASONS[fate];
            const reason = options[hash(dose.orderId) % options.length];
            await record(giver, {
              orderId: dose.orderId,
              scheduledFor: dose.scheduledFor,
              outcome: fate,
              reasonCode: reason.code,
              reasonText: reason.text,
            });
          }
        }
        // A refusal charted too early, corrected once the patient took the dose.
        for (const { id, dose } of corrections) {
          clock.set(round.plus({ minutes: 50 }).toJSDate());
          await markEnteredInError(
            ctx,
            demo.actor(giver),
            parseIn(administrationsContract['administrations.markEnteredInError'].input, {
              id,
              reason: 'Charted as refused too early: the patient took the dose after encouragement a few minutes later',
              replacement: {
                scheduledFor: dose.scheduledFor,
                outcome: 'given',
                administeredAt: round.plus({ minutes: 20 }).toUTC().toISO()!,
                // The correction is witnessed like any controlled dose: the witness types their password.
                witness: dose.medication.controlled ? { login: witness, password: DEMO_PASSWORD } : null,
                overrideReason: overrideFor(dose),
              },
            }),
          );
        }
      });

      // Doses given late: charted after the on-time window, with the reason.
      atInstant(round.plus({ minutes: 75 }).toJSDate(), async () => {
        if (late.length === 0) return;
        // Asked again: an order held or stopped meanwhile has nothing due any more.
        const still = new Set((await dueNow()).map((dose) => dose.key));
        let minute = 75;
        for (const dose of late.filter((x) => still.has(x.key))) {
          clock.set(round.plus({ minutes: minute++ }).toJSDate());
          await record(
            giver,
            {
              orderId: dose.orderId,
              scheduledFor: dose.scheduledFor,
              outcome: 'given',
              lateReason: LATE_REASONS[hash(dose.orderId, d) % LATE_REASONS.length],
              overrideReason: overrideFor(dose),
            },
            dose.medication.controlled ? witness : null,
          );
        }
      });
    }
  }

  // ---- Withdrawal scores ----
  const score = (patient: number, med: string, scale: WithdrawalScale, when: When, total: number, note: string | null = null) => {
    if (!attends(patient, when[0])) return;
    at(when, async () => {
      const t = local(when);
      const input = parseIn(scoresContract['scores.record'].input, {
        patientId: demo.patientIds[patient],
        scale,
        items: demoScoreItems(scale, total),
        scoredAt: null,
        orderId: await orderOf(patient, med),
        note,
      });
      await recordScore(ctx, demo.actor(staffAt(t).giver), input);
    });
  };

  // CIWA-Ar twice a day while an alcohol or benzodiazepine taper runs: high at first, settling.
  const ciwaSeries = (patient: number, med: string, startDaysAgo: number, first: number, bumps: Record<number, number> = {}) => {
    for (let k = 0; k <= Math.min(startDaysAgo, HISTORY_DAYS); k++) {
      const daysAgo = startDaysAgo - k;
      if (daysAgo > HISTORY_DAYS) continue;
      const base = Math.max(2, Math.round(first - k * 1.8));
      score(patient, med, 'CIWA-Ar', [daysAgo, '07:40'], bumps[daysAgo] ?? base);
      if (k < 5) score(patient, med, 'CIWA-Ar', [daysAgo, '15:40'], Math.max(2, base - 1));
    }
  };
  ciwaSeries(0, 'Chlordiazepoxide', 3, 15, { 0: 20 }); // this morning's 20: severe, a review due today
  ciwaSeries(9, 'Chlordiazepoxide', 8, 16);
  ciwaSeries(18, 'Chlordiazepoxide', 13, 14);
  ciwaSeries(24, 'Chlordiazepoxide', 2, 17);
  ciwaSeries(27, 'Chlordiazepoxide', 10, 13, { 6: 14, 5: 12 });
  ciwaSeries(33, 'Chlordiazepoxide', 7, 12);
  ciwaSeries(12, 'Phenobarbital', 4, 14);
  ciwaSeries(2, 'Diazepam', 13, 9);
  ciwaSeries(20, 'Diazepam', 14, 8);

  // COWS through buprenorphine inductions: before the first dose, before the second, then daily.
  const cowsSeries = (patient: number, startDaysAgo: number, startTime: string, first: number) => {
    const [h, m] = startTime.split(':').map(Number);
    const before = `${String(h).padStart(2, '0')}:${String(Math.max(0, m - 10)).padStart(2, '0')}`;
    score(patient, 'Buprenorphine/naloxone', 'COWS', [startDaysAgo, before], first, 'Before the first dose; last use over 12 hours ago');
    score(patient, 'Buprenorphine/naloxone', 'COWS', [startDaysAgo, '12:50'], Math.round(first * 0.6));
    for (let k = 1; k <= Math.min(4, startDaysAgo); k++)
      score(patient, 'Buprenorphine/naloxone', 'COWS', [startDaysAgo - k, '08:40'], Math.max(1, Math.round(first * 0.4) - k));
  };
  cowsSeries(1, 8, '09:30', 14);
  cowsSeries(10, 13, '09:00', 16);
  cowsSeries(16, 3, '09:00', 13);
  cowsSeries(25, 8, '10:00', 15);
  cowsSeries(34, 13, '09:30', 12);

  // ---- PRN doses ----
  const prn = (patient: number, med: string, when: When, opts: { expectRefusal?: boolean; witness?: boolean } = {}) => {
    if (!attends(patient, when[0])) return;
    at(when, async () => {
      const t = local(when);
      const { giver, witness } = staffAt(t);
      try {
        await record(
          giver,
          { orderId: await mustOrder(patient, med), scheduledFor: null, outcome: 'given' },
          opts.witness ? witness : null,
        );
        if (opts.expectRefusal) throw new Error(`Demo: the PRN ${med} dose for patient ${patient} should have been refused at its cap`);
      } catch (err) {
        // The one refused at its cap: the refusal itself (and the review it raises) is the story.
        if (!opts.expectRefusal || !(err instanceof AppError)) throw err;
      }
    });
  };
  // Ondansetron three times in 24 hours, then a fourth refused at the cap.
  prn(0, 'Ondansetron', [2, '15:45']);
  prn(0, 'Ondansetron', [2, '23:55']);
  prn(0, 'Ondansetron', [1, '08:05']);
  prn(0, 'Ondansetron', [1, '11:30'], { expectRefusal: true });
  prn(0, 'Hydroxyzine', [2, '19:30']);
  prn(2, 'Hydroxyzine', [10, '11:15']);
  prn(2, 'Hydroxyzine', [4, '10:40']);
  prn(16, 'Loperamide', [2, '11:10']);
  prn(16, 'Loperamide', [2, '14:25']);
  prn(20, 'Hydroxyzine', [6, '13:10']);
  // Clonidine for opioid withdrawal needs a COWS of 5 or more first: recorded a few minutes before.
  score(10, 'Clonidine', 'COWS', [13, '15:20'], 9, 'Sweating and restless in the afternoon of induction');
  prn(10, 'Clonidine', [13, '15:30']);
  score(16, 'Clonidine', 'COWS', [3, '16:00'], 8, 'Restless, gooseflesh; clonidine offered');
  prn(16, 'Clonidine', [3, '16:10']);

  return events;
}
