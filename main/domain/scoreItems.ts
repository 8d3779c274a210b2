import { isWithdrawalScale, scoreBand, type ScoreBandCode, type WithdrawalScale } from './scores';

/**
 * The withdrawal scales item by item, as the nurse fills them in.
 *
 * CIWA-Ar (Sullivan et al., Br J Addict 1989;84:1353-7): ten items, nine scored 0-7 and
 * orientation / clouding of sensorium 0-4, total 0-67. Most 0-7 items word only 0, 1, 4 and 7;
 * the values between are allowed and carry no wording of their own.
 * COWS (Wesson & Ling, J Psychoactive Drugs 2003;35(2):253-9): eleven items, each with its own
 * allowed values (restlessness 0, 1, 3 or 5, for instance), total 0-48.
 * Anchors are short forms of the published wording, for the form; the paper instrument is the
 * reference.
 */
export interface ScoreItemDef {
  /** Stable key stored with the score. */
  key: string;
  /** What the form shows. */
  label: string;
  /** What the nurse asks or observes. */
  prompt: string;
  /** Allowed values, ascending. */
  values: readonly number[];
  /** Wording for the values that have it. */
  anchors: Readonly<Record<number, string>>;
}

const ZERO_TO_SEVEN = [0, 1, 2, 3, 4, 5, 6, 7] as const;

const ciwa = (key: string, label: string, prompt: string, anchors: Record<number, string>): ScoreItemDef => ({
  key,
  label,
  prompt,
  values: ZERO_TO_SEVEN,
  anchors,
});

const CIWA_AR: readonly ScoreItemDef[] = [
  ciwa('nausea_vomiting', 'Nausea and vomiting', 'Ask "Do you feel sick to your stomach? Have you vomited?" Observe.', {
    0: 'No nausea, no vomiting',
    1: 'Mild nausea, no vomiting',
    4: 'Intermittent nausea with dry heaves',
    7: 'Constant nausea, frequent dry heaves and vomiting',
  }),
  ciwa('tremor', 'Tremor', 'Arms extended, fingers spread. Observe.', {
    0: 'No tremor',
    1: 'Not visible, can be felt fingertip to fingertip',
    4: 'Moderate, with arms extended',
    7: 'Severe, even with arms not extended',
  }),
  ciwa('paroxysmal_sweats', 'Paroxysmal sweats', 'Observe.', {
    0: 'No sweat visible',
    1: 'Barely perceptible sweating, palms moist',
    4: 'Beads of sweat obvious on forehead',
    7: 'Drenching sweats',
  }),
  ciwa('anxiety', 'Anxiety', 'Ask "Do you feel nervous?" Observe.', {
    0: 'No anxiety, at ease',
    1: 'Mildly anxious',
    4: 'Moderately anxious, or guarded, so anxiety is inferred',
    7: 'Equivalent to acute panic states',
  }),
  ciwa('agitation', 'Agitation', 'Observe.', {
    0: 'Normal activity',
    1: 'Somewhat more than normal activity',
    4: 'Moderately fidgety and restless',
    7: 'Paces back and forth most of the interview, or constantly thrashes about',
  }),
  ciwa(
    'tactile_disturbances',
    'Tactile disturbances',
    'Ask about itching, pins and needles, burning, numbness, or bugs crawling on or under the skin.',
    {
      0: 'None',
      1: 'Very mild itching, pins and needles, burning or numbness',
      2: 'Mild itching, pins and needles, burning or numbness',
      3: 'Moderate itching, pins and needles, burning or numbness',
      4: 'Moderately severe hallucinations',
      5: 'Severe hallucinations',
      6: 'Extremely severe hallucinations',
      7: 'Continuous hallucinations',
    },
  ),
  ciwa(
    'auditory_disturbances',
    'Auditory disturbances',
    'Ask whether sounds seem harsh or frightening, or whether they hear things that are not there.',
    {
      0: 'Not present',
      1: 'Very mild harshness or ability to frighten',
      2: 'Mild harshness or ability to frighten',
      3: 'Moderate harshness or ability to frighten',
      4: 'Moderately severe hallucinations',
      5: 'Severe hallucinations',
      6: 'Extremely severe hallucinations',
      7: 'Continuous hallucinations',
    },
  ),
  ciwa(
    'visual_disturbances',
    'Visual disturbances',
    'Ask whether light seems too bright or colours different, or whether they see things that are not there.',
    {
      0: 'Not present',
      1: 'Very mild sensitivity',
      2: 'Mild sensitivity',
      3: 'Moderate sensitivity',
      4: 'Moderately severe hallucinations',
      5: 'Severe hallucinations',
      6: 'Extremely severe hallucinations',
      7: 'Continuous hallucinations',
    },
  ),
  ciwa(
    'headache',
    'Headache, fullness in head',
    'Ask whether the head feels different or there is a band around it. Do not rate dizziness.',
    {
      0: 'Not present',
      1: 'Very mild',
      2: 'Mild',
      3: 'Moderate',
      4: 'Moderately severe',
      5: 'Severe',
      6: 'Very severe',
      7: 'Extremely severe',
    },
  ),
  {
    key: 'orientation',
    label: 'Orientation and clouding of sensorium',
    prompt: 'Ask "What day is this? Where are you? Who am I?" and for serial additions.',
    values: [0, 1, 2, 3, 4],
    anchors: {
      0: 'Oriented, can do serial additions',
      1: 'Cannot do serial additions or is uncertain about the date',
      2: 'Disoriented for date by no more than 2 calendar days',
      3: 'Disoriented for date by more than 2 calendar days',
      4: 'Disoriented for place and/or person',
    },
  },
];

const COWS: readonly ScoreItemDef[] = [
  {
    key: 'resting_pulse',
    label: 'Resting pulse rate',
    prompt: 'Beats per minute, after sitting or lying for one minute.',
    values: [0, 1, 2, 4],
    anchors: { 0: '80 or below', 1: '81 to 100', 2: '101 to 120', 4: 'Over 120' },
  },
  {
    key: 'sweating',
    label: 'Sweating',
    prompt: 'Over the past half hour, not explained by room temperature or activity.',
    values: [0, 1, 2, 3, 4],
    anchors: {
      0: 'No report of chills or flushing',
      1: 'Reports chills or flushing',
      2: 'Flushed or observable moistness on face',
      3: 'Beads of sweat on brow or face',
      4: 'Sweat streaming off face',
    },
  },
  {
    key: 'restlessness',
    label: 'Restlessness',
    prompt: 'Observe during the assessment.',
    values: [0, 1, 3, 5],
    anchors: {
      0: 'Able to sit still',
      1: 'Reports difficulty sitting still, but is able to',
      3: 'Frequent shifting or extraneous movements of legs or arms',
      5: 'Unable to sit still for more than a few seconds',
    },
  },
  {
    key: 'pupil_size',
    label: 'Pupil size',
    prompt: 'Observe in room light.',
    values: [0, 1, 2, 5],
    anchors: {
      0: 'Pinned or normal size for room light',
      1: 'Possibly larger than normal',
      2: 'Moderately dilated',
      5: 'So dilated only the rim of the iris is visible',
    },
  },
  {
    key: 'bone_joint_aches',
    label: 'Bone or joint aches',
    prompt: 'If there was pain before, score only what withdrawal adds.',
    values: [0, 1, 2, 4],
    anchors: {
      0: 'Not present',
      1: 'Mild diffuse discomfort',
      2: 'Reports severe diffuse aching of joints or muscles',
      4: 'Rubbing joints or muscles, unable to sit still because of the discomfort',
    },
  },
  {
    key: 'runny_nose_tearing',
    label: 'Runny nose or tearing',
    prompt: 'Not explained by a cold or allergies.',
    values: [0, 1, 2, 4],
    anchors: {
      0: 'Not present',
      1: 'Nasal stuffiness or unusually moist eyes',
      2: 'Nose running or tearing',
      4: 'Nose constantly running or tears streaming down cheeks',
    },
  },
  {
    key: 'gi_upset',
    label: 'GI upset',
    prompt: 'Over the last half hour.',
    values: [0, 1, 2, 3, 5],
    anchors: {
      0: 'No GI symptoms',
      1: 'Stomach cramps',
      2: 'Nausea or loose stool',
      3: 'Vomiting or diarrhoea',
      5: 'Multiple episodes of diarrhoea or vomiting',
    },
  },
  {
    key: 'tremor',
    label: 'Tremor',
    prompt: 'Observe the outstretched hands.',
    values: [0, 1, 2, 4],
    anchors: { 0: 'No tremor', 1: 'Can be felt, not observed', 2: 'Slight tremor observable', 4: 'Gross tremor or muscle twitching' },
  },
  {
    key: 'yawning',
    label: 'Yawning',
    prompt: 'Observe during the assessment.',
    values: [0, 1, 2, 4],
    anchors: {
      0: 'No yawning',
      1: 'Once or twice during the assessment',
      2: 'Three or more times during the assessment',
      4: 'Several times a minute',
    },
  },
  {
    key: 'anxiety_irritability',
    label: 'Anxiety or irritability',
    prompt: 'Observe and ask.',
    values: [0, 1, 2, 4],
    anchors: {
      0: 'None',
      1: 'Reports increasing irritability or anxiousness',
      2: 'Obviously irritable or anxious',
      4: 'So irritable or anxious that taking part in the assessment is difficult',
    },
  },
  {
    key: 'gooseflesh',
    label: 'Gooseflesh skin',
    prompt: 'Observe the arms.',
    values: [0, 3, 5],
    anchors: { 0: 'Skin is smooth', 3: 'Piloerection can be felt or hairs standing up on arms', 5: 'Prominent piloerection' },
  },
];

export const SCALE_ITEMS: Readonly<Record<WithdrawalScale, readonly ScoreItemDef[]>> = Object.freeze({ 'CIWA-Ar': CIWA_AR, COWS });

function allowedInWords(values: readonly number[]): string {
  const contiguous = values.every((v, i) => i === 0 || v === values[i - 1] + 1);
  if (contiguous) return `from ${values[0]} to ${values[values.length - 1]}`;
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

export type ScoreItemsResult =
  { ok: true; total: number; band: ScoreBandCode; label: string } | { ok: false; errors: { item: string; message: string }[] };

/**
 * Checks a score entered item by item and totals it: every item of the scale present, no other
 * item, each a whole number among that item's allowed values. Each problem is reported on its
 * own item (the form shows it beside the item), in a nurse's words.
 */
export function validateScoreItems(scale: WithdrawalScale, items: Record<string, number>): ScoreItemsResult {
  if (typeof scale !== 'string' || !isWithdrawalScale(scale)) {
    return { ok: false, errors: [{ item: 'scale', message: `Choose CIWA-Ar or COWS; "${String(scale)}" is not a withdrawal scale.` }] };
  }
  if (typeof items !== 'object' || items === null || Array.isArray(items)) {
    return { ok: false, errors: [{ item: 'items', message: `Score every ${scale} item.` }] };
  }
  const defs = SCALE_ITEMS[scale];
  const errors: { item: string; message: string }[] = [];
  let total = 0;
  for (const def of defs) {
    const value: unknown = Object.prototype.hasOwnProperty.call(items, def.key) ? items[def.key] : undefined;
    if (value === undefined || value === null) {
      errors.push({ item: def.key, message: `${def.label}: choose a score.` });
    } else if (typeof value !== 'number' || !Number.isInteger(value)) {
      errors.push({ item: def.key, message: `${def.label}: the score is a whole number, ${allowedInWords(def.values)}.` });
    } else if (!def.values.includes(value)) {
      errors.push({ item: def.key, message: `${def.label}: the score is ${allowedInWords(def.values)}; ${value} is not one of them.` });
    } else {
      total += value;
    }
  }
  const known = new Set(defs.map((d) => d.key));
  for (const key of Object.keys(items)) {
    if (!known.has(key)) errors.push({ item: key, message: `"${key}" is not an item of the ${scale}.` });
  }
  if (errors.length > 0) return { ok: false, errors };
  const band = scoreBand(scale, total);
  if (!band.ok) return { ok: false, errors: [{ item: 'total', message: band.error }] };
  return { ok: true, total, band: band.band, label: band.label };
}
