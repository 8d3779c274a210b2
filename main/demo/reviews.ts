import type { z } from 'zod';
import type { Followup, FollowupKind } from '../../db/schema';
import { addDays, calendarDaysBetween } from '../domain/followups';
import { followupsContract } from '../ipc/contract/followups';
import { complete, reassign, reschedule, scheduleManual } from '../services/followups';
import type { DemoContext } from './index';
import { marEvents } from './mar';
import { demoInstant, orderEvents, type When } from './orders';

/**
 * The prescribers' review history. Order events schedule policy reviews (start, dose change,
 * taper step, resume, routine); each prescriber works through theirs with their own habits, so
 * that on the day the demo is built the worklist and the director's audit look like a real team:
 * most reviews done on time, some late, a few forgotten. Everything goes through the review
 * services, so completing a routine review schedules the next one as it would in the clinic.
 */

type Fate = 'early' | 'onTime' | 'late' | 'open';

/**
 * Each prescriber's habit, applied in turn to the reviews that fall to them. Prescriber 1 is busy
 * but mostly keeps up, prescriber 2 is behind, prescriber 3 is nearly perfect.
 */
const HABITS: Readonly<Record<string, readonly Fate[]>> = {
  prescriber1: ['onTime', 'onTime', 'early', 'onTime', 'late', 'onTime', 'onTime', 'open', 'onTime', 'onTime', 'late', 'onTime'],
  prescriber2: ['onTime', 'late', 'open', 'late', 'onTime', 'open', 'late', 'onTime', 'open', 'late'],
  prescriber3: ['onTime', 'early', 'onTime', 'onTime', 'onTime', 'onTime', 'onTime', 'onTime', 'onTime', 'onTime', 'onTime', 'onTime', 'onTime', 'late'],
};

/** Older reviews than this get done eventually, late: the audit shows a few critical ones, not a backlog. */
const OLDEST_LEFT_OPEN_DAYS = 21;

const NOTES: Readonly<Record<FollowupKind, string>> = {
  order_start: 'Seen 72 hours after starting: withdrawal scores settling, no oversedation. Continue the plan.',
  dose_change: 'Reviewed after the dose change: cravings reduced, no sedation. Continue.',
  taper_step: 'Taper step tolerated: CIWA-Ar under 10, sleeping, no oversedation. Continue the taper.',
  resume: 'Reviewed after resuming: alert and steady, taper back on track. Continue.',
  routine: 'Routine review: taking as prescribed, no adverse effects reported. Continue.',
  discharge: 'Discharge review: plan handed over to the community prescriber.',
  manual: 'Reviewed as planned. Continue.',
  mar_alert: 'Reviewed the MAR alert: saw the patient, adjusted the withdrawal plan.',
};

interface Entry {
  at: number;
  cancelled: boolean;
  run(): Promise<void>;
}

/** Time-ordered work; ties keep the order they were added in. */
class Timeline {
  private entries: Entry[] = [];
  add(at: Date, run: () => Promise<void>): Entry {
    const e: Entry = { at: at.getTime(), cancelled: false, run };
    const i = this.entries.findIndex((x) => x.at > e.at);
    this.entries.splice(i === -1 ? this.entries.length : i, 0, e);
    return e;
  }
  next(): Entry | undefined {
    return this.entries.shift();
  }
}

type Channel = keyof typeof followupsContract;
function parse<C extends Channel>(channel: C, input: z.input<(typeof followupsContract)[C]['input']>): z.output<(typeof followupsContract)[C]['input']> {
  // Same contract as the renderer's calls; TypeScript cannot correlate the indexed schema's output.
  return followupsContract[channel].input.parse(input) as z.output<(typeof followupsContract)[C]['input']>;
}

/** A review's fate decided by hand rather than by habit. */
type Decision = { fate: 'open' } | { fate: 'done'; at: Date; outcome: 'continue' | 'adjust'; note: string } | { fate: Fate; by?: number };

/**
 * Orders and their reviews, as one history: order events (orders.ts), the reviews they schedule
 * being done (or not) by their prescribers, and the reviews people handled by hand, all run in
 * time order. One timeline rather than two passes, because stopping an order cancels its open
 * reviews: a review done before the stop must already be done when the stop happens.
 */
export async function seedPrescribingHistory(demo: DemoContext): Promise<void> {
  const { ctx, clock } = demo;
  const realNow = clock.now();
  const today = demo.today.toISODate()!;
  const loginOf = new Map(Object.values(demo.staff).map((u) => [u.id, u.login]));
  const when = (date: string, time: string): Date => demoInstant(demo, realNow, [calendarDaysBetween(date, today), time]);
  const timeline = new Timeline();
  const planned = new Map<number, Entry>();
  const decided = new Map<number, Decision>();
  const turns = new Map<number, number>();

  const completeAt = (id: number, at: Date, outcome: 'continue' | 'adjust', note: string) => {
    // Never before the work that is running now: the history (and the audit log) only moves forward.
    const notBefore = new Date(Math.max(at.getTime(), clock.now().getTime() + 60_000));
    planned.set(id, timeline.add(notBefore, async () => {
      const r = await ctx.db.selectFrom('followups').select(['status', 'assigned_prescriber_id']).where('id', '=', id).executeTakeFirstOrThrow();
      // Cancelled meanwhile (its order was stopped, or a taper step moved): nothing left to do.
      if (r.status !== 'scheduled') return;
      await complete(ctx, demo.actor(loginOf.get(r.assigned_prescriber_id)!), parse('followups.complete', { id, outcome, note }));
    }));
  };

  /** Decides when (if ever) a review that falls due before today gets done. */
  const plan = (r: Followup) => {
    const decision = decided.get(r.id);
    if (decision?.fate === 'open') return;
    if (decision?.fate === 'done') return completeAt(r.id, decision.at, decision.outcome, decision.note);
    const prescriberId = (decision && 'by' in decision && decision.by) || r.assigned_prescriber_id;
    const turn = turns.get(prescriberId) ?? 0;
    turns.set(prescriberId, turn + 1);
    const habit = HABITS[loginOf.get(prescriberId) ?? ''] ?? ['onTime'];
    let fate = decision?.fate ?? habit[turn % habit.length];
    // Even a prescriber who is behind catches up on the oldest ones: what stays open is recent slippage.
    if (fate === 'open' && calendarDaysBetween(r.due_date, today) > OLDEST_LEFT_OPEN_DAYS) fate = 'late';
    const created = new Date(r.created_at).getTime();
    let at = when(r.due_date, `${String(10 + (turn % 6)).padStart(2, '0')}:15`);
    if (fate === 'early') {
      const dayBefore = when(addDays(r.due_date, -1), '16:30');
      if (dayBefore.getTime() > created + 3_600_000) at = dayBefore;
    } else if (fate === 'late') {
      // Done 1-3 days late, but by yesterday: a review done late today would read as overdue.
      const lateDate = [addDays(r.due_date, 1 + (turn % 3)), addDays(today, -1)].sort()[0];
      if (lateDate <= r.due_date) fate = 'open';
      else at = when(lateDate, '17:40');
    }
    if (fate === 'open') return;
    completeAt(r.id, new Date(Math.max(at.getTime(), created + 30 * 60_000)), 'continue', NOTES[r.kind]);
  };

  for (const e of await orderEvents(demo, realNow)) timeline.add(e.at, e.run);
  // The nurses' MAR history runs in the same timeline: doses are logged against the orders as they
  // stood at that moment, and the MAR alerts they raise are worked like any other review.
  for (const e of await marEvents(demo, realNow)) timeline.add(e.at, e.run);
  addManualWork(demo, realNow, timeline, { decided, planned, replan: (r) => plan(r), today });

  // After each piece of work, plan the reviews it scheduled (policy, manual, or the next routine one).
  let seen = (await ctx.db.selectFrom('followups').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0;
  for (let e = timeline.next(); e; e = timeline.next()) {
    if (e.cancelled) continue;
    clock.set(new Date(e.at));
    await e.run();
    const created = await ctx.db.selectFrom('followups').selectAll().where('id', '>', seen).orderBy('id').execute();
    for (const r of created) if (r.status === 'scheduled' && r.due_date < today) plan(r);
    seen = created.at(-1)?.id ?? seen;
  }
  clock.set(realNow);
}

interface Planner {
  decided: Map<number, Decision>;
  planned: Map<number, Entry>;
  replan(r: Followup): void;
  today: string;
}

/** The reviews people scheduled, handed over and moved by hand. */
function addManualWork(demo: DemoContext, realNow: Date, timeline: Timeline, p: Planner): void {
  const { ctx } = demo;
  const at = (w: When) => demoInstant(demo, realNow, w);
  const daysFromToday = (n: number) => addDays(p.today, n);
  const manual = async (login: string, patientIndex: number, medication: string, dueDate: string, reason: string) => {
    const patientId = demo.patientIds[patientIndex];
    const order = await ctx.db
      .selectFrom('orders')
      .innerJoin('medications', 'medications.id', 'orders.medication_id')
      .select('orders.id')
      .where('orders.patient_id', '=', patientId)
      .where('medications.name', '=', medication)
      .orderBy('orders.id')
      .executeTakeFirst();
    if (!order) throw new Error(`Demo patient ${patientIndex} has no ${medication} order`);
    return (await scheduleManual(ctx, demo.actor(login), parse('followups.schedule', { patientId, orderId: order.id, dueDate, reason }))).id;
  };
  /** The first open review of a prescriber due in a date range, as the one a person would pick. */
  const openReview = (login: string, from: number, to: number) =>
    ctx.db
      .selectFrom('followups')
      .selectAll()
      .where('status', '=', 'scheduled')
      .where('assigned_prescriber_id', '=', demo.staff[login].id)
      .where('kind', '!=', 'manual')
      .where('due_date', '>=', daysFromToday(from))
      .where('due_date', '<=', daysFromToday(to))
      .orderBy('due_date')
      .orderBy('id')
      .executeTakeFirstOrThrow();
  const unplan = (id: number) => {
    const entry = p.planned.get(id);
    if (entry) entry.cancelled = true;
  };

  // Prescriber 1 asks for repeat liver tests on naltrexone, and acts on them (the order plan holds it).
  timeline.add(at([10, '15:00']), async () => {
    const id = await manual('prescriber1', 5, 'Naltrexone', daysFromToday(-4), 'Repeat liver function tests: ALT twice the upper limit on admission labs');
    p.decided.set(id, { fate: 'done', at: at([4, '14:00']), outcome: 'adjust', note: 'ALT now three times the upper limit: naltrexone held, hepatology advice requested.' });
  });
  // Prescriber 2 plans a sedation check after the gabapentin override, then never does it.
  timeline.add(at([6, '14:30']), async () => {
    const id = await manual('prescriber2', 13, 'Gabapentin', daysFromToday(-4), 'Sedation check 48 hours after adding gabapentin to buprenorphine');
    p.decided.set(id, { fate: 'open' });
  });
  // Prescriber 3 books a talk about the taper's pace: due in two days.
  timeline.add(at([1, '16:00']), async () => {
    await manual('prescriber3', 20, 'Diazepam', daysFromToday(2), 'Anxious about the next diazepam step; discuss the pace of the taper');
  });
  // The director hands one of prescriber 2's coming reviews to prescriber 3 for a week's leave.
  timeline.add(at([5, '09:00']), async () => {
    const r = await openReview('prescriber2', -4, -1);
    const reason = 'Dr. Pennywhistle on leave this week; Rosa Inkwell covering his reviews';
    await reassign(ctx, demo.actor('director'), parse('followups.reassign', { id: r.id, prescriberId: demo.staff.prescriber3.id, reason }));
    unplan(r.id);
    p.decided.set(r.id, { fate: 'onTime', by: demo.staff.prescriber3.id });
    p.replan(r);
  });
  // Prescriber 1 moves a review: the patient is away and cannot be seen on the day.
  timeline.add(at([3, '16:00']), async () => {
    const r = await openReview('prescriber1', -2, -1);
    const reason = 'Patient away at a family funeral; review at the next attendance';
    await reschedule(ctx, demo.actor('prescriber1'), parse('followups.reschedule', { id: r.id, dueDate: daysFromToday(1), reason }));
    unplan(r.id);
  });
}
