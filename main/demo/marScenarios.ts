import { SCALE_ITEMS } from '../domain/scoreItems';
import type { WithdrawalScale } from '../domain/scores';
import { scoresContract } from '../ipc/contract/scores';
import { AppError } from '../services/errors';
import { recordScore } from '../services/scores';
import { HISTORY_DAYS, parseIn, type MarDemoEnv } from './marEnv';
import type { When } from './orders';

/**
 * The demo's withdrawal scores and PRN doses: CIWA-Ar series through tapers, COWS through
 * buprenorphine inductions, symptom-triggered clonidine after a COWS, and PRN doses up to and
 * refused at a cap, all through the real services.
 */

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

export function addScoresAndPrn(env: MarDemoEnv): void {
  const { demo, local, at, attends, orderOf, mustOrder, staffAt, record } = env;
  const { ctx } = demo;
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

}
