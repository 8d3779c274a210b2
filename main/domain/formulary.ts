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
}

type Seed = Omit<FormularyEntry, 'unit' | 'sedatingClass' | 'deaSchedule' | 'withdrawalManagement' | 'rxnormCode'> &
  Partial<Pick<FormularyEntry, 'unit' | 'sedatingClass' | 'deaSchedule' | 'withdrawalManagement' | 'rxnormCode'>>;

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
  }),
  entry({
    name: 'Naltrexone',
    ingredients: ['naltrexone'],
    rxnormCode: '7243',
    form: 'oral tablet',
    strengths: [50],
    drugClass: 'opioid antagonist',
  }),
  entry({
    name: 'Clonidine',
    ingredients: ['clonidine'],
    form: 'oral tablet',
    strengths: [0.1, 0.2, 0.3],
    drugClass: 'alpha-2 agonist',
    withdrawalManagement: true,
  }),
  entry({
    name: 'Lofexidine',
    ingredients: ['lofexidine'],
    form: 'oral tablet',
    strengths: [0.18],
    drugClass: 'alpha-2 agonist',
    withdrawalManagement: true,
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
  }),
  entry({
    name: 'Gabapentin',
    ingredients: ['gabapentin'],
    form: 'oral capsule',
    strengths: [100, 300, 400],
    drugClass: 'gabapentinoid',
    sedatingClass: 'gabapentinoid',
    withdrawalManagement: true,
  }),
  entry({ name: 'Thiamine', ingredients: ['thiamine'], form: 'oral tablet', strengths: [100], drugClass: 'vitamin' }),
  entry({ name: 'Folic acid', ingredients: ['folic acid'], form: 'oral tablet', strengths: [1], drugClass: 'vitamin' }),

  // Alcohol use disorder after withdrawal.
  entry({
    name: 'Acamprosate',
    ingredients: ['acamprosate'],
    form: 'delayed-release tablet',
    strengths: [333],
    drugClass: 'alcohol use disorder agent',
  }),
  entry({ name: 'Disulfiram', ingredients: ['disulfiram'], form: 'oral tablet', strengths: [250, 500], drugClass: 'alcohol deterrent' }),

  // Symptom relief.
  entry({ name: 'Hydroxyzine', ingredients: ['hydroxyzine'], form: 'oral tablet', strengths: [10, 25, 50], drugClass: 'antihistamine' }),
  entry({
    name: 'Trazodone',
    ingredients: ['trazodone'],
    form: 'oral tablet',
    strengths: [50, 100, 150],
    drugClass: 'sedating antidepressant',
  }),
  entry({
    name: 'Ondansetron',
    ingredients: ['ondansetron'],
    rxnormCode: '26225',
    form: 'orally disintegrating tablet',
    strengths: [4, 8],
    drugClass: 'antiemetic',
  }),
  entry({ name: 'Loperamide', ingredients: ['loperamide'], form: 'oral capsule', strengths: [2], drugClass: 'antidiarrheal' }),

  // Tobacco use: patch strengths are mg delivered per 24 hours.
  entry({ name: 'Nicotine patch', ingredients: ['nicotine'], form: 'transdermal patch', strengths: [7, 14, 21], drugClass: 'nicotine replacement' }),
  entry({ name: 'Nicotine gum', ingredients: ['nicotine'], form: 'chewing gum', strengths: [2, 4], drugClass: 'nicotine replacement' }),
]);
