import type { Frequency } from '../domain/frequency';

/**
 * The demo clinic's prescribing plan as data: what each admitted patient was prescribed, by
 * whom, when, and what happened to each order later. orders.ts turns it into service calls.
 */

// ---- The plan: what each admitted patient was prescribed, and when ----

export type Prescriber = 'prescriber1' | 'prescriber2' | 'prescriber3';
export type MedName =
  | 'Chlordiazepoxide' | 'Diazepam' | 'Phenobarbital' | 'Buprenorphine/naloxone' | 'Naltrexone' | 'Clonidine' | 'Gabapentin'
  | 'Thiamine' | 'Folic acid' | 'Acamprosate' | 'Hydroxyzine' | 'Trazodone' | 'Ondansetron' | 'Loperamide' | 'Nicotine patch';

/** Whole days before the demo's today, and a local clock time. */
export type When = readonly [daysAgo: number, time: string];

export interface TaperPlan {
  first: When;
  everyDays: number;
  /** mg taken off at each step, down to the floor. */
  step: number;
  floor: number;
  endsAfterLastStep: boolean;
}

export type Later = { at: When; by?: Prescriber; reason: string } & (
  | { do: 'change'; amount: number; frequency?: Frequency }
  | { do: 'setTaper'; from: number; taper: TaperPlan }
  | { do: 'hold' | 'resume' | 'discontinue' | 'stopTaper' }
);

export interface OrderPlan {
  med: MedName;
  start: When;
  /** Defaults to the patient's prescriber (a colleague covering writes some). */
  by?: Prescriber;
  indication: string;
  route: 'oral' | 'sublingual' | 'transdermal';
  /** A home medication the patient takes themself. */
  self?: boolean;
  amount: number;
  frequency: Frequency;
  prn?: { indication: string; maxDoses24h: number; minIntervalMinutes: number };
  trigger?: string;
  taper?: TaperPlan;
  override?: string;
  later?: Later[];
}

type Extra = Partial<Omit<OrderPlan, 'med' | 'start'>>;

const ALCOHOL_WITHDRAWAL = 'Alcohol withdrawal (CIWA-Ar guided)';
const OUD = 'Opioid use disorder';

// Standard regimens. Taper pace follows common IOP practice; it is demo data, not clinical advice.
const chlordiazepoxideTaper = (start: When, first: When, everyDays: number, x: Extra = {}): OrderPlan => ({
  med: 'Chlordiazepoxide', start, indication: ALCOHOL_WITHDRAWAL, route: 'oral', amount: 25, frequency: 'qid',
  taper: { first, everyDays, step: 5, floor: 5, endsAfterLastStep: true }, ...x,
});
const diazepamTaper = (start: When, first: When, x: Extra = {}): OrderPlan => ({
  med: 'Diazepam', start, indication: 'Benzodiazepine withdrawal after long-term alprazolam use', route: 'oral', amount: 10, frequency: 'tid',
  taper: { first, everyDays: 7, step: 2, floor: 2, endsAfterLastStep: true }, ...x,
});
const phenobarbitalTaper = (start: When, first: When, x: Extra = {}): OrderPlan => ({
  med: 'Phenobarbital', start, indication: 'Alcohol withdrawal after a lapse; benzodiazepine allergy', route: 'oral', amount: 60, frequency: 'tid',
  taper: { first, everyDays: 2, step: 15, floor: 15, endsAfterLastStep: true }, ...x,
});
/** Induction: a first dose, a second the same afternoon, the maintenance dose from day two. */
const buprenorphineInduction = (start: When, [day, time]: When, secondDose: number, x: Extra = {}): OrderPlan => ({
  med: 'Buprenorphine/naloxone', start, indication: `${OUD}: induction and maintenance`, route: 'sublingual', amount: 4, frequency: 'daily',
  ...x,
  later: [
    { at: [start[0], '13:00'], do: 'change', amount: 4 + secondDose, reason: `COWS still above 8 two hours after the first dose: ${secondDose} mg more today` },
    { at: [day, time], do: 'change', amount: 16, reason: 'Induction day 2: COWS under 5; maintenance dose' },
    ...(x.later ?? []),
  ],
});
const buprenorphine = (start: When, amount: number, x: Extra = {}): OrderPlan => ({
  med: 'Buprenorphine/naloxone', start, indication: `${OUD}: maintenance`, route: 'sublingual', amount, frequency: 'daily', ...x,
});
const naltrexone = (start: When, indication: string, x: Extra = {}): OrderPlan => ({
  med: 'Naltrexone', start, indication, route: 'oral', self: true, amount: 50, frequency: 'daily', ...x,
});
const clonidinePrn = (start: When, x: Extra = {}): OrderPlan => ({
  med: 'Clonidine', start, indication: 'Opioid withdrawal symptoms', route: 'oral', amount: 0.1, frequency: 'prn',
  prn: { indication: 'Sweating, restlessness or anxiety from opioid withdrawal', maxDoses24h: 4, minIntervalMinutes: 360 }, trigger: 'COWS >= 5', ...x,
});
const thiamine = (start: When, x: Extra = {}): OrderPlan => ({
  med: 'Thiamine', start, indication: 'Alcohol use disorder: Wernicke encephalopathy prophylaxis', route: 'oral', amount: 100, frequency: 'daily', ...x,
});
const folicAcid = (start: When, x: Extra = {}): OrderPlan => ({
  med: 'Folic acid', start, indication: 'Alcohol use disorder: folate deficiency', route: 'oral', amount: 1, frequency: 'daily', ...x,
});
const acamprosate = (start: When, x: Extra = {}): OrderPlan => ({
  med: 'Acamprosate', start, indication: 'Alcohol use disorder: relapse prevention', route: 'oral', self: true, amount: 666, frequency: 'tid', ...x,
});
const gabapentin = (start: When, indication: string, x: Extra = {}): OrderPlan => ({
  med: 'Gabapentin', start, indication, route: 'oral', amount: 300, frequency: 'tid', ...x,
});
const hydroxyzinePrn = (start: When, x: Extra = {}): OrderPlan => ({
  med: 'Hydroxyzine', start, indication: 'Anxiety in early recovery', route: 'oral', amount: 25, frequency: 'prn',
  prn: { indication: 'Anxiety or restlessness', maxDoses24h: 4, minIntervalMinutes: 360 }, ...x,
});
const ondansetronPrn = (start: When, x: Extra = {}): OrderPlan => ({
  med: 'Ondansetron', start, indication: 'Withdrawal nausea', route: 'oral', amount: 4, frequency: 'prn',
  prn: { indication: 'Nausea or vomiting', maxDoses24h: 3, minIntervalMinutes: 480 }, ...x,
});
const loperamidePrn = (start: When, x: Extra = {}): OrderPlan => ({
  med: 'Loperamide', start, indication: 'Opioid withdrawal diarrhea', route: 'oral', amount: 2, frequency: 'prn',
  prn: { indication: 'Loose stool', maxDoses24h: 8, minIntervalMinutes: 60 }, ...x,
});
const trazodoneAtHome = (start: When, x: Extra = {}): OrderPlan => ({
  med: 'Trazodone', start, indication: 'Insomnia in early recovery', route: 'oral', self: true, amount: 50, frequency: 'at_bedtime', ...x,
});
const nicotinePatch = (start: When, amount: number, x: Extra = {}): OrderPlan => ({
  med: 'Nicotine patch', start, indication: 'Tobacco use disorder', route: 'transdermal', self: true, amount, frequency: 'daily', ...x,
});

export interface PatientPlan {
  by: Prescriber;
  orders: OrderPlan[];
}

/**
 * By patient index (demo/patients.ts). Admission was 3 + 5 * (index % 8) days ago, so recent
 * admissions are mid-withdrawal and earlier ones in maintenance with finished tapers behind
 * them. Indexes 8, 17, 26 and 35 are discharged and have none. Prescriber 1 carries most.
 */
export const DEMO_ORDER_PLANS: Readonly<Record<number, PatientPlan>> = {
  0: { by: 'prescriber1', orders: [
    chlordiazepoxideTaper([3, '09:00'], [2, '09:00'], 2), thiamine([3, '09:05']), folicAcid([3, '09:05']),
    hydroxyzinePrn([3, '09:10']), ondansetronPrn([2, '15:30'], { by: 'prescriber3' }),
  ] },
  1: { by: 'prescriber1', orders: [
    buprenorphineInduction([8, '09:30'], [7, '09:00'], 4),
    clonidinePrn([8, '09:35'], { later: [{ at: [4, '10:00'], do: 'discontinue', reason: 'COWS under 5 for 72 hours; no doses needed since day 3' }] }),
    ondansetronPrn([8, '09:40']), trazodoneAtHome([6, '15:00']),
  ] },
  2: { by: 'prescriber2', orders: [diazepamTaper([13, '09:00'], [6, '09:00']), hydroxyzinePrn([13, '09:05'])] },
  3: { by: 'prescriber1', orders: [
    chlordiazepoxideTaper([18, '10:00'], [16, '10:00'], 2), thiamine([18, '10:05']), folicAcid([18, '10:05']),
    naltrexone([7, '11:00'], 'Alcohol use disorder: relapse prevention'), acamprosate([7, '11:05']),
  ] },
  4: { by: 'prescriber2', orders: [
    buprenorphine([23, '09:00'], 16, { self: true, indication: `${OUD}: maintenance, continued from outside prescriber` }),
    nicotinePatch([23, '09:10'], 21),
    trazodoneAtHome([20, '14:00'], { later: [{ at: [2, '10:00'], do: 'hold', reason: 'Morning grogginess and a fall at home; hold while reassessed' }] }),
  ] },
  5: { by: 'prescriber1', orders: [
    naltrexone([28, '10:00'], `${OUD}: relapse prevention after completed withdrawal`, {
      later: [{ at: [4, '15:00'], do: 'hold', reason: 'ALT three times the upper limit on repeat labs; hold pending hepatology advice' }],
    }),
    hydroxyzinePrn([28, '10:05'], { later: [{ at: [12, '11:00'], do: 'discontinue', reason: 'Not used for two weeks; anxiety managed in therapy' }] }),
  ] },
  6: { by: 'prescriber3', orders: [
    chlordiazepoxideTaper([33, '09:00'], [31, '09:00'], 2), thiamine([33, '09:05']), acamprosate([22, '11:00']),
    gabapentin([22, '11:05'], 'Alcohol use disorder: cravings and poor sleep', {
      later: [{ at: [9, '10:00'], do: 'discontinue', reason: 'Dizziness and unsteadiness; stopped' }],
    }),
  ] },
  7: { by: 'prescriber1', orders: [
    buprenorphine([38, '09:00'], 16, { self: true, later: [{ at: [20, '09:00'], do: 'change', amount: 20, reason: 'Cravings and a positive fentanyl screen at 16 mg' }] }),
    nicotinePatch([38, '09:10'], 21, { later: [{ at: [10, '10:00'], do: 'change', amount: 14, reason: 'Down to five cigarettes a day; step down the patch' }] }),
    trazodoneAtHome([30, '16:00'], { amount: 100 }),
  ] },
  9: { by: 'prescriber2', orders: [
    chlordiazepoxideTaper([8, '09:00'], [7, '09:00'], 3, {
      later: [{ at: [1, '17:00'], do: 'hold', reason: 'Drowsy at the 16:00 dose (RASS -1), breath alcohol 0.03; hold until seen in the morning' }],
    }),
    thiamine([8, '09:05']), folicAcid([8, '09:05']), hydroxyzinePrn([8, '09:10']),
  ] },
  10: { by: 'prescriber3', orders: [
    buprenorphineInduction([13, '09:00'], [12, '09:00'], 8), clonidinePrn([13, '09:05']),
    ondansetronPrn([13, '09:10'], { later: [{ at: [9, '10:00'], do: 'discontinue', reason: 'Nausea resolved' }] }),
    loperamidePrn([13, '09:15']),
  ] },
  11: { by: 'prescriber1', orders: [
    diazepamTaper([18, '09:00'], [11, '09:00'], {
      later: [
        { at: [9, '08:30'], do: 'hold', reason: 'Drowsy and unsteady at the morning dose (RASS -2); hold until reassessed' },
        { at: [7, '10:00'], do: 'resume', reason: 'Alert and steady, CIWA-Ar 6; resume, remaining steps move by the hold' },
      ],
    }),
    trazodoneAtHome([16, '15:00']),
  ] },
  12: { by: 'prescriber1', orders: [
    acamprosate([23, '10:00']), thiamine([23, '10:05']), phenobarbitalTaper([4, '11:00'], [3, '11:00']),
  ] },
  13: { by: 'prescriber2', orders: [
    buprenorphine([28, '09:00'], 16),
    gabapentin([6, '14:00'], 'Alcohol withdrawal (CIWA-Ar 12) while on buprenorphine', {
      override: 'Gabapentin chosen over a benzodiazepine with buprenorphine; naloxone kit given; sedation check before each dose',
    }),
    thiamine([6, '14:05']),
  ] },
  14: { by: 'prescriber1', orders: [
    acamprosate([33, '10:00'], { later: [{ at: [15, '11:00'], do: 'discontinue', reason: 'Switched to naltrexone: patient prefers once-daily dosing' }] }),
    naltrexone([15, '11:05'], 'Alcohol use disorder: relapse prevention'), thiamine([33, '10:05']), nicotinePatch([33, '10:10'], 14),
  ] },
  15: { by: 'prescriber2', orders: [
    chlordiazepoxideTaper([38, '09:00'], [36, '09:00'], 2), thiamine([38, '09:05']),
    naltrexone([27, '10:00'], 'Alcohol use disorder: relapse prevention'), trazodoneAtHome([27, '10:05']),
  ] },
  16: { by: 'prescriber1', orders: [
    buprenorphineInduction([3, '09:00'], [2, '09:00'], 4), clonidinePrn([3, '09:05']), ondansetronPrn([3, '09:10']),
    loperamidePrn([3, '09:15']), hydroxyzinePrn([2, '16:00'], { by: 'prescriber2' }),
  ] },
  18: { by: 'prescriber2', orders: [
    chlordiazepoxideTaper([13, '09:00'], [12, '09:00'], 2), thiamine([13, '09:05']), folicAcid([13, '09:05']),
    naltrexone([3, '10:00'], 'Alcohol use disorder: relapse prevention'),
  ] },
  19: { by: 'prescriber1', orders: [
    buprenorphineInduction([18, '09:00'], [17, '09:00'], 4, {
      later: [{ at: [5, '11:00'], do: 'discontinue', reason: "Transferred to an opioid treatment program for methadone, at the patient's request" }],
    }),
    trazodoneAtHome([16, '15:00']), nicotinePatch([18, '09:10'], 21),
  ] },
  20: { by: 'prescriber3', orders: [diazepamTaper([23, '09:00'], [16, '09:00']), hydroxyzinePrn([23, '09:05'])] },
  21: { by: 'prescriber1', orders: [
    naltrexone([26, '10:00'], `${OUD}: relapse prevention after completed withdrawal`), nicotinePatch([27, '10:05'], 21), hydroxyzinePrn([28, '10:10']),
  ] },
  22: { by: 'prescriber1', orders: [
    chlordiazepoxideTaper([33, '10:00'], [32, '10:00'], 2), acamprosate([22, '11:00']),
    thiamine([33, '10:05'], { later: [{ at: [5, '12:00'], do: 'discontinue', reason: 'Completed four weeks of supplementation' }] }),
  ] },
  23: { by: 'prescriber2', orders: [
    buprenorphine([38, '09:00'], 16, { self: true, later: [{ at: [12, '09:00'], do: 'change', amount: 24, reason: 'Continued opioid use on urine drug screens at 16 mg' }] }),
    trazodoneAtHome([30, '15:00']),
  ] },
  24: { by: 'prescriber2', orders: [
    chlordiazepoxideTaper([2, '09:00'], [1, '09:00'], 2), thiamine([2, '09:05']), folicAcid([2, '09:05']),
    hydroxyzinePrn([2, '09:10']), ondansetronPrn([1, '15:00']),
  ] },
  25: { by: 'prescriber1', orders: [
    buprenorphineInduction([8, '10:00'], [7, '10:00'], 8),
    clonidinePrn([8, '10:05'], { later: [{ at: [5, '09:30'], do: 'discontinue', reason: 'BP 88/54 and dizzy after a dose; stopped' }] }),
    loperamidePrn([8, '10:10']),
  ] },
  27: { by: 'prescriber1', orders: [
    // A taper that went too fast: paused, dose raised again, then re-planned at a slower pace.
    chlordiazepoxideTaper([10, '09:00'], [9, '09:00'], 2, {
      taper: { first: [9, '09:00'], everyDays: 2, step: 5, floor: 5, endsAfterLastStep: false },
      later: [
        { at: [6, '16:00'], do: 'stopTaper', reason: 'CIWA-Ar rose to 14 after the reduction to 15 mg' },
        { at: [6, '16:05'], do: 'change', amount: 20, reason: 'Back to 20 mg four times daily until CIWA-Ar settles' },
        { at: [4, '11:00'], do: 'setTaper', from: 20, taper: { first: [3, '09:00'], everyDays: 3, step: 5, floor: 5, endsAfterLastStep: false }, reason: 'CIWA-Ar under 8 for 48 hours; slower taper, a step every 3 days' },
      ],
    }),
    thiamine([10, '09:05']),
  ] },
  28: { by: 'prescriber3', orders: [
    buprenorphine([23, '09:00'], 12, { self: true }),
    nicotinePatch([23, '09:05'], 21, { later: [{ at: [2, '11:00'], do: 'change', amount: 14, reason: 'Smoking stopped for a week; step down the patch' }] }),
  ] },
  29: { by: 'prescriber2', orders: [naltrexone([27, '10:00'], 'Alcohol use disorder: relapse prevention'), thiamine([28, '10:05']), trazodoneAtHome([25, '15:00'])] },
  30: { by: 'prescriber1', orders: [buprenorphine([33, '09:00'], 16, { self: true }), trazodoneAtHome([30, '15:00']), hydroxyzinePrn([33, '09:05'])] },
  31: { by: 'prescriber2', orders: [
    chlordiazepoxideTaper([38, '10:00'], [37, '10:00'], 2), acamprosate([27, '11:00']), nicotinePatch([38, '10:05'], 21),
  ] },
  32: { by: 'prescriber1', orders: [
    // Today's start: the whole taper still lies ahead.
    chlordiazepoxideTaper([0, '08:30'], [-1, '08:30'], 2), thiamine([0, '08:35']), folicAcid([0, '08:35']),
  ] },
  33: { by: 'prescriber1', orders: [
    chlordiazepoxideTaper([7, '09:00'], [5, '09:00'], 2, {
      override: 'Recorded reaction was paradoxical agitation to alprazolam only; chlordiazepoxide tolerated on a previous admission. CIWA-Ar every 4 hours',
    }),
    thiamine([7, '09:05']), folicAcid([7, '09:05']),
  ] },
  34: { by: 'prescriber3', orders: [
    buprenorphineInduction([13, '09:30'], [12, '09:30'], 4),
    loperamidePrn([13, '09:35'], { later: [{ at: [10, '10:00'], do: 'discontinue', reason: 'Diarrhea resolved' }] }),
    trazodoneAtHome([10, '15:00']),
  ] },
};
