import type { DoseRange } from './doseRange';
import type { DeaSchedule, SedatingClass } from './enums';

/**
 * The formulary shipped with the app: the drugs an IOP with withdrawal management prescribes.
 * A clinic can add its own entries; these are the seed.
 *
 * - rxnormCode: RxNorm ingredient (IN) codes, only where verified; never guessed. Combination
 *   products stay null rather than borrowing one ingredient's code.
 * - unit: UCUM ("ug", never "mcg", which UCUM does not define and ISMP lists as error-prone).
 * - strengths: the amounts one tablet, capsule, film, patch or piece contains, in `unit`.
 * - deaSchedule: federal (21 CFR 1308). Gabapentin is not federally controlled, though several
 *   states schedule it (V) or monitor it; a clinic in such a state can say so in its own entry.
 * - withdrawalManagement: the drugs that manage alcohol, benzodiazepine or opioid withdrawal, whose
 *   start, change and resumption schedule a prescriber review. Gabapentin is included: in this
 *   setting it is used mainly for alcohol withdrawal (ASAM 2020 guideline, ambulatory mild to
 *   moderate withdrawal) and is misused alongside opioids, so an extra review is the safer error.
 *   Thiamine, folic acid and symptom-relief drugs (hydroxyzine, ondansetron, loperamide,
 *   trazodone) support withdrawal but do not manage it; naltrexone, acamprosate and disulfiram
 *   treat the disorder after withdrawal; nicotine replacement is outside the program's
 *   withdrawal services.
 */
export type FormularyUnit = 'mg' | 'mL' | 'ug' | '{tablet}';
export type { DeaSchedule };

export const FORMULARY_UNITS: readonly FormularyUnit[] = ['mg', 'mL', 'ug', '{tablet}'];

/** RxNorm ingredient codes known to be right; every code in the seed must be one of these. */
export const KNOWN_RXNORM_CODES: Readonly<Record<string, string>> = Object.freeze({
  buprenorphine: '1819',
  diazepam: '3322',
  methadone: '6813',
  naloxone: '7242',
  naltrexone: '7243',
  ondansetron: '26225',
});

export interface FormularyEntry {
  name: string;
  ingredients: readonly string[];
  rxnormCode: string | null;
  form: string;
  strengths: readonly number[];
  unit: FormularyUnit;
  drugClass: string;
  sedatingClass: SedatingClass | null;
  deaSchedule: DeaSchedule | null;
  withdrawalManagement: boolean;
  /** Usual and maximum single dose and maximum daily dose, in `unit` (domain/doseRange.ts). */
  doseRange: DoseRange;
  /** Where the range comes from, so a pharmacist can check it. */
  doseRangeSource: string;
}

type Seed = Omit<FormularyEntry, 'unit' | 'sedatingClass' | 'deaSchedule' | 'withdrawalManagement' | 'rxnormCode'> &
  Partial<Pick<FormularyEntry, 'unit' | 'sedatingClass' | 'deaSchedule' | 'withdrawalManagement' | 'rxnormCode'>>;

/** usual, max single, max daily; then the source. */
const range = (usualSingle: number, maxSingle: number, maxDaily: number) => ({ usualSingle, maxSingle, maxDaily });

function entry(seed: Seed): FormularyEntry {
  return Object.freeze({
    unit: 'mg',
    sedatingClass: null,
    deaSchedule: null,
    withdrawalManagement: false,
    rxnormCode: null,
    ...seed,
    ingredients: Object.freeze([...seed.ingredients]),
    strengths: Object.freeze([...seed.strengths]),
    doseRange: Object.freeze({ ...seed.doseRange }),
  });
}

export const FORMULARY_SEED: readonly FormularyEntry[] = Object.freeze([
  // Opioid use disorder and opioid withdrawal.
  entry({
    name: 'Buprenorphine',
    ingredients: ['buprenorphine'],
    rxnormCode: '1819',
    form: 'sublingual tablet',
    strengths: [2, 8],
    drugClass: 'opioid partial agonist',
    sedatingClass: 'opioid',
    deaSchedule: 'III',
    withdrawalManagement: true,
    doseRange: range(24, 32, 32),
    doseRangeSource:
      'FDA label, buprenorphine sublingual tablets: target 16 mg/day, range 4-24 mg/day; SAMHSA TIP 63 (2021): up to 32 mg/day for some patients',
  }),
  // Strengths are mg of buprenorphine; naloxone is fixed at a quarter of that (2/0.5, 8/2 mg).
  entry({
    name: 'Buprenorphine/naloxone',
    ingredients: ['buprenorphine', 'naloxone'],
    form: 'sublingual film',
    strengths: [2, 8],
    drugClass: 'opioid partial agonist',
    sedatingClass: 'opioid',
    deaSchedule: 'III',
    withdrawalManagement: true,
    doseRange: range(24, 32, 32),
    doseRangeSource:
      'FDA label, Suboxone sublingual film: target 16 mg/day, range 4-24 mg/day; SAMHSA TIP 63 (2021): up to 32 mg/day for some patients',
  }),
  // For OUD, methadone is dispensed only by opioid treatment programs (42 CFR Part 8); the entry
  // lets the program record and taper it for patients enrolled in one.
  entry({
    name: 'Methadone',
    ingredients: ['methadone'],
    rxnormCode: '6813',
    form: 'oral tablet',
    strengths: [5, 10],
    drugClass: 'opioid agonist',
    sedatingClass: 'opioid',
    deaSchedule: 'II',
    withdrawalManagement: true,
    doseRange: range(120, 200, 200),
    doseRangeSource:
      "FDA label, Dolophine: first-day total at most 40 mg, maintenance usually 80-120 mg/day; the label sets no ceiling, so 200 mg is this formulary's conservative maximum (confirm with the OTP)",
  }),
  entry({
    name: 'Naltrexone',
    ingredients: ['naltrexone'],
    rxnormCode: '7243',
    form: 'oral tablet',
    strengths: [50],
    drugClass: 'opioid antagonist',
    doseRange: range(50, 150, 150),
    doseRangeSource: 'FDA label, naltrexone tablets: 50 mg/day; alternative schedules give 100 mg or 150 mg on single days',
  }),
  entry({
    name: 'Clonidine',
    ingredients: ['clonidine'],
    form: 'oral tablet',
    strengths: [0.1, 0.2, 0.3],
    drugClass: 'alpha-2 agonist',
    withdrawalManagement: true,
    doseRange: range(0.2, 0.3, 1.2),
    doseRangeSource:
      'SAMHSA TIP 63 (2021), opioid withdrawal: 0.1-0.3 mg every 6-8 hours, at most 1.2 mg/day (FDA label, Catapres, for hypertension: up to 2.4 mg/day)',
  }),
  entry({
    name: 'Lofexidine',
    ingredients: ['lofexidine'],
    form: 'oral tablet',
    strengths: [0.18],
    drugClass: 'alpha-2 agonist',
    withdrawalManagement: true,
    doseRange: range(0.54, 0.72, 2.88),
    doseRangeSource: 'FDA label, Lucemyra: 0.54 mg four times daily; at most 0.72 mg a dose and 2.88 mg/day',
  }),

  // Alcohol and sedative withdrawal.
  entry({
    name: 'Chlordiazepoxide',
    ingredients: ['chlordiazepoxide'],
    form: 'oral capsule',
    strengths: [5, 10, 25],
    drugClass: 'benzodiazepine',
    sedatingClass: 'benzodiazepine',
    deaSchedule: 'IV',
    withdrawalManagement: true,
    doseRange: range(50, 100, 300),
    doseRangeSource: 'FDA label, Librium: acute alcohol withdrawal 50-100 mg, repeated as needed, up to 300 mg/day',
  }),
  entry({
    name: 'Diazepam',
    ingredients: ['diazepam'],
    rxnormCode: '3322',
    form: 'oral tablet',
    strengths: [2, 5, 10],
    drugClass: 'benzodiazepine',
    sedatingClass: 'benzodiazepine',
    deaSchedule: 'IV',
    withdrawalManagement: true,
    doseRange: range(10, 20, 40),
    doseRangeSource:
      'FDA label, Valium: acute alcohol withdrawal 10 mg three or four times in the first 24 hours (40 mg/day); anxiety 2-10 mg two to four times daily',
  }),
  entry({
    name: 'Lorazepam',
    ingredients: ['lorazepam'],
    form: 'oral tablet',
    strengths: [0.5, 1, 2],
    drugClass: 'benzodiazepine',
    sedatingClass: 'benzodiazepine',
    deaSchedule: 'IV',
    withdrawalManagement: true,
    doseRange: range(2, 4, 10),
    doseRangeSource:
      'FDA label, Ativan tablets: usual 2-6 mg/day in divided doses, range 1-10 mg/day; alcohol withdrawal protocols give 1-4 mg a dose',
  }),
  entry({
    name: 'Phenobarbital',
    ingredients: ['phenobarbital'],
    form: 'oral tablet',
    strengths: [15, 30, 60, 100],
    drugClass: 'barbiturate',
    sedatingClass: 'barbiturate',
    deaSchedule: 'IV',
    withdrawalManagement: true,
    doseRange: range(60, 200, 400),
    doseRangeSource:
      'Phenobarbital tablets labeling (DailyMed): sedative 30-120 mg/day in 2-3 doses, hypnotic 100-200 mg; doses above 400 mg/day are not advised',
  }),
  entry({
    name: 'Gabapentin',
    ingredients: ['gabapentin'],
    form: 'oral capsule',
    strengths: [100, 300, 400],
    drugClass: 'gabapentinoid',
    sedatingClass: 'gabapentinoid',
    withdrawalManagement: true,
    doseRange: range(600, 1200, 3600),
    doseRangeSource:
      'FDA label, Neurontin: up to 1200 mg three times daily (3600 mg/day); alcohol withdrawal regimens (ASAM 2020) use 300-600 mg three times daily',
  }),
  entry({
    name: 'Thiamine',
    ingredients: ['thiamine'],
    form: 'oral tablet',
    strengths: [100],
    drugClass: 'vitamin',
    doseRange: range(100, 300, 300),
    doseRangeSource:
      'ASAM Clinical Practice Guideline on Alcohol Withdrawal Management (2020): oral thiamine 100 mg daily, up to 100 mg three times daily',
  }),
  entry({
    name: 'Folic acid',
    ingredients: ['folic acid'],
    form: 'oral tablet',
    strengths: [1],
    drugClass: 'vitamin',
    doseRange: range(1, 5, 5),
    doseRangeSource:
      'FDA label, folic acid tablets: usual up to 1 mg daily; 5 mg/day in deficiency states is the upper oral dose in practice',
  }),

  // Alcohol use disorder after withdrawal.
  entry({
    name: 'Acamprosate',
    ingredients: ['acamprosate'],
    form: 'delayed-release tablet',
    strengths: [333],
    drugClass: 'alcohol use disorder agent',
    doseRange: range(666, 666, 1998),
    doseRangeSource: 'FDA label, Campral: 666 mg (two 333 mg tablets) three times daily, 1998 mg/day',
  }),
  entry({
    name: 'Disulfiram',
    ingredients: ['disulfiram'],
    form: 'oral tablet',
    strengths: [250, 500],
    drugClass: 'alcohol deterrent',
    doseRange: range(250, 500, 500),
    doseRangeSource: 'FDA label, Antabuse: maintenance average 250 mg daily; must not exceed 500 mg daily',
  }),

  // Symptom relief.
  entry({
    name: 'Hydroxyzine',
    ingredients: ['hydroxyzine'],
    form: 'oral tablet',
    strengths: [10, 25, 50],
    drugClass: 'antihistamine',
    doseRange: range(50, 100, 400),
    doseRangeSource: 'FDA label, hydroxyzine hydrochloride tablets: anxiety 50-100 mg four times daily (400 mg/day)',
  }),
  entry({
    name: 'Trazodone',
    ingredients: ['trazodone'],
    form: 'oral tablet',
    strengths: [50, 100, 150],
    drugClass: 'sedating antidepressant',
    doseRange: range(100, 200, 400),
    doseRangeSource: 'FDA label, Desyrel: outpatients up to 400 mg/day in divided doses; insomnia (off-label) 25-100 mg at bedtime',
  }),
  entry({
    name: 'Ondansetron',
    ingredients: ['ondansetron'],
    rxnormCode: '26225',
    form: 'orally disintegrating tablet',
    strengths: [4, 8],
    drugClass: 'antiemetic',
    doseRange: range(8, 24, 24),
    doseRangeSource:
      'FDA label, Zofran ODT: 8 mg every 8-12 hours; at most 24 mg in one day (single 24 mg dose for highly emetogenic chemotherapy)',
  }),
  entry({
    name: 'Loperamide',
    ingredients: ['loperamide'],
    form: 'oral capsule',
    strengths: [2],
    drugClass: 'antidiarrheal',
    doseRange: range(4, 4, 16),
    doseRangeSource: 'FDA label, Imodium capsules: 4 mg first, then 2 mg after each loose stool; must not exceed 16 mg/day',
  }),

  // Tobacco use: patch strengths are mg delivered per 24 hours.
  entry({
    name: 'Nicotine patch',
    ingredients: ['nicotine'],
    form: 'transdermal patch',
    strengths: [7, 14, 21],
    drugClass: 'nicotine replacement',
    doseRange: range(21, 42, 42),
    doseRangeSource:
      'FDA label, nicotine transdermal system: 21 mg/24 h for more than 10 cigarettes a day; two patches (42 mg), used for heavy smokers in clinical practice, is the maximum here',
  }),
  entry({
    name: 'Nicotine gum',
    ingredients: ['nicotine'],
    form: 'chewing gum',
    strengths: [2, 4],
    drugClass: 'nicotine replacement',
    doseRange: range(4, 4, 96),
    doseRangeSource:
      'FDA label, nicotine polacrilex gum: one 2 or 4 mg piece every 1-2 hours, at most 24 pieces a day (96 mg of the 4 mg gum)',
  }),
]);
