import { administrationsContract, type DueDoseView, type NotGivenReasonCode } from '../ipc/contract/administrations';
import { markEnteredInError } from '../services/administrationCorrections';
import { todaysDoses } from '../services/administrations';
import { getSetting } from '../services/settings';
import { DEMO_PASSWORD } from './index';
import { HISTORY_DAYS, parseIn, type MarDemoEnv } from './marEnv';
import type { When } from './orders';

/**
 * The demo's nurse rounds: two weeks at the clinic's dose times, each finding the doses due
 * through Today's doses and documenting them through the administration service (given, late,
 * refused, held, missed, one correction), by a habit that depends only on the order and time,
 * plus the hand-picked stories below.
 */

/** The frequencies the demo's staff-given orders use: a nurse round at each of their dose times. */
const ROUND_FREQUENCIES = ['daily', 'bid', 'tid', 'qid', 'at_bedtime'] as const;

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

export async function addRounds(env: MarDemoEnv): Promise<void> {
  const { demo, local, atInstant, orderOf, staffAt, record } = env;
  const { ctx, clock } = demo;
  const overrideFor = (dose: { patientId: number; medication: { name: string } }) =>
    dose.patientId === demo.patientIds[33] && dose.medication.name === 'Chlordiazepoxide'
      ? "Prescriber's override on the order: the reaction was to alprazolam; chlordiazepoxide tolerated before"
      : null;

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
}
