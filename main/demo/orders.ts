import { DateTime } from 'luxon';
import type { z } from 'zod';
import { generateTaper, type TaperStep } from '../domain/taper';
import type { Medication } from '../ipc/contract/formulary';
import { ordersContract } from '../ipc/contract/orders';
import { listFormulary } from '../services/formulary';
import { changeDose, discontinueOrder, holdOrder, resumeOrder, setTaper, startOrder, stopTaper } from '../services/orders';
import type { DemoContext } from './index';
import { DEMO_ORDER_PLANS, type OrderPlan, type TaperPlan, type When } from './orderPlans';

export type { When };

/**
 * The prescribers' orders in the demo clinic: every order is started, changed, held, resumed or
 * stopped through the real services, with the clock set to the moment it happened. Events run in
 * time order (reviews.ts runs them), so the audit log reads as one history and each safety check
 * sees exactly the orders that were open at that moment.
 */

/** A demo moment ("days ago", "HH:mm") in the demo clinic's zone. */
function demoLocal(demo: DemoContext, [daysAgo, time]: When): DateTime {
  const [hour, minute] = time.split(':').map(Number);
  return demo.today.minus({ days: daysAgo }).set({ hour, minute });
}

/** A demo moment as an instant; never later than the build's real "now" (a build at 07:00 has no 09:00 yet). */
export function demoInstant(demo: DemoContext, realNow: Date, when: When): Date {
  return new Date(Math.min(demoLocal(demo, when).toMillis(), realNow.getTime()));
}

/** A planned (possibly future) moment, unclamped: taper steps and order ends. */
const plannedIso = (demo: DemoContext, when: When): string => demoLocal(demo, when).toUTC().toISO()!;

function taperSteps(demo: DemoContext, med: Medication, startAmount: number, t: TaperPlan): TaperStep[] {
  return generateTaper({
    startAmount,
    startAt: plannedIso(demo, t.first),
    zone: demo.zone,
    mode: 'fixed',
    step: t.step,
    everyDays: t.everyDays,
    floor: t.floor,
    strengths: med.strengths,
  });
}

/** The order ends one interval after its last step ("5 mg four times daily for 2 days, then stop"). */
function taperEnd(demo: DemoContext, steps: TaperStep[], t: TaperPlan): string | null {
  if (!t.endsAfterLastStep || steps.length === 0) return null;
  return DateTime.fromISO(steps[steps.length - 1].effectiveFrom, { zone: demo.zone }).plus({ days: t.everyDays }).toUTC().toISO()!;
}

/**
 * The demo's withdrawal-management tapers run over days, faster than the clinic's default limit
 * for benzodiazepines and barbiturates (25 % every 14 days), so each carries the confirmation a
 * prescriber would give (main ignores a reason when nothing needs one).
 */
const DEMO_TAPER_PACE = 'Short withdrawal-management taper, symptom-guided and reviewed at every step';

export interface DemoEvent {
  at: Date;
  run(): Promise<void>;
}

/**
 * Every order event of the plan, each to run with the clock at its own instant. The caller runs
 * them in time order, interleaved with the review work (reviews.ts), so a review done before an
 * order was stopped is recorded as done, not cancelled by the stop.
 */
export async function orderEvents(demo: DemoContext, realNow: Date): Promise<DemoEvent[]> {
  const meds = new Map((await listFormulary(demo.ctx, { includeInactive: false, query: '' })).map((m) => [m.name, m]));
  const discharged = new Set(
    (await demo.ctx.db.selectFrom('patients').select(['id', 'discharge_date']).where('discharge_date', 'is not', null).execute()).map((p) => p.id),
  );
  const events: DemoEvent[] = [];
  const push = (when: When, run: () => Promise<void>) => events.push({ at: demoInstant(demo, realNow, when), run });

  demo.patientIds.forEach((patientId, index) => {
    const plan = DEMO_ORDER_PLANS[index];
    // Only admitted patients get orders: the service refuses a discharged patient, rightly.
    if (!plan || discharged.has(patientId)) return;
    for (const o of plan.orders) {
      const med = meds.get(o.med);
      if (!med) throw new Error(`Demo formulary has no ${o.med}`);
      const prescriber = demo.actor(o.by ?? plan.by);
      let orderId = 0;
      push(o.start, async () => {
        orderId = (await startOrder(demo.ctx, prescriber, startInput(demo, patientId, med, o))).id;
      });
      for (const e of o.later ?? []) {
        const actor = demo.actor(e.by ?? o.by ?? plan.by);
        push(e.at, async () => {
          const ctx = demo.ctx;
          const reason = e.reason;
          switch (e.do) {
            case 'change':
              await changeDose(ctx, actor, parse('orders.changeDose', { orderId, amount: e.amount, frequency: e.frequency ?? o.frequency, effectiveFrom: ctx.clock.now().toISOString(), reason }));
              return;
            case 'setTaper':
              await setTaper(ctx, actor, parse('orders.setTaper', { orderId, steps: taperSteps(demo, med, e.from, e.taper), reason, overrideReason: DEMO_TAPER_PACE }));
              return;
            case 'stopTaper':
              await stopTaper(ctx, actor, parse('orders.stopTaper', { orderId, reason }));
              return;
            case 'hold':
              await holdOrder(ctx, actor, parse('orders.hold', { orderId, reason }));
              return;
            case 'resume':
              await resumeOrder(ctx, actor, parse('orders.resume', { orderId, reason }));
              return;
            case 'discontinue':
              await discontinueOrder(ctx, actor, parse('orders.discontinue', { orderId, reason }));
              return;
          }
        });
      }
    }
  });
  return events;
}

type Channel = keyof typeof ordersContract;

/** Inputs pass the same contract the renderer's calls do, so demo data is data the UI could have entered. */
function parse<C extends Channel>(channel: C, input: z.input<(typeof ordersContract)[C]['input']>): z.output<(typeof ordersContract)[C]['input']> {
  // TypeScript cannot correlate the indexed schema with its own output type; the parse is the check.
  return ordersContract[channel].input.parse(input) as z.output<(typeof ordersContract)[C]['input']>;
}

function startInput(demo: DemoContext, patientId: number, med: Medication, o: OrderPlan) {
  const startAt = demo.clock.now().toISOString();
  const steps = o.taper ? taperSteps(demo, med, o.amount, o.taper) : [];
  return parse('orders.start', {
    patientId,
    medicationId: med.id,
    indication: o.indication,
    route: o.route,
    administeredBy: o.self ? 'patient' : 'staff',
    amount: o.amount,
    unit: med.unit,
    frequency: o.frequency,
    startAt,
    endAt: o.taper ? taperEnd(demo, steps, o.taper) : null,
    prn: o.prn ?? null,
    symptomTrigger: o.trigger ?? null,
    taperSteps: steps,
    overrideReason: o.override ?? (steps.length ? DEMO_TAPER_PACE : null),
  });
}
