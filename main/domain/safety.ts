/**
 * Order-entry conflict checks. They warn; the service decides whether a warning blocks or may be
 * overridden with a reason (DESIGN.md, "Rules that must hold").
 */
import type { OrderStatus, SedatingClass } from './enums';

export type { SedatingClass };

export interface SafetyMedication {
  name: string;
  /** Lower-case ingredient names, e.g. ['buprenorphine', 'naloxone']. */
  ingredients: readonly string[];
  drugClass: string | null;
  sedatingClass: SedatingClass | null;
}

export interface SafetyAllergy {
  substance: string;
}

export interface SafetyOrder {
  id?: number;
  status: OrderStatus;
  medication: SafetyMedication;
}

export type SafetyCode = 'allergy' | 'duplicate_ingredient' | 'sedating_combination';

export interface SafetyWarning {
  code: SafetyCode;
  message: string;
  /** The existing order the warning is about, when there is one and it has an id. */
  orderId?: number;
}

/** Everyday words for classes, so an allergy recorded as "benzos" or "opiates" still matches. */
const SYNONYMS: Readonly<Record<string, string>> = {
  benzo: 'benzodiazepine',
  opiate: 'opioid',
  narcotic: 'opioid',
  barb: 'barbiturate',
};

function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word) ? word.slice(0, -1) : word;
}

/** Lower-case words with punctuation dropped, plurals made singular, synonyms mapped. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0)
    .map((w) => {
      const s = singular(w);
      return SYNONYMS[s] ?? s;
    });
}

/** Whole-word match: needle appears as consecutive words of hay ("penicillin" is not in "buprenorphine"). */
function containsWords(hay: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > hay.length) return false;
  for (let i = 0; i + needle.length <= hay.length; i++) {
    if (needle.every((w, j) => hay[i + j] === w)) return true;
  }
  return false;
}

/**
 * Why an allergy matches a medication, or [] if it does not. Names and ingredients match either
 * way round ("amoxicillin" in "amoxicillin clavulanate" and back). A class matches only when the
 * allergy names it ("opioids" matches class "opioid partial agonist"); the reverse would let an
 * allergy to "vitamin K" flag every vitamin.
 */
function allergyReasons(allergy: readonly string[], med: SafetyMedication): string[] {
  const reasons: string[] = [];
  const name = words(med.name);
  if (containsWords(name, allergy) || containsWords(allergy, name)) reasons.push('the medication name');
  for (const ingredient of med.ingredients) {
    const w = words(ingredient);
    if (containsWords(w, allergy) || containsWords(allergy, w)) reasons.push(`ingredient ${ingredient}`);
  }
  const classes = new Set([med.drugClass, med.sedatingClass].filter((c): c is string => c !== null && c.trim() !== ''));
  for (const c of classes) if (containsWords(words(c), allergy)) reasons.push(`drug class ${c}`);
  return reasons;
}

function normalizeIngredient(ingredient: string): string {
  return ingredient.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Warnings for ordering `medication` for a patient with these active allergies and these orders.
 * Only active and held orders count (a held order may resume); others are ignored.
 *
 * Sedating combination: any two drugs from the sedating classes, same class or not, because
 * together they deepen sedation and respiratory depression (FDA boxed warning on opioids with
 * benzodiazepines, 2016; FDA warning on gabapentinoids with CNS depressants, 2019). It is a
 * warning, not a block: FDA (2017) advises against withholding buprenorphine or methadone from
 * patients taking benzodiazepines. Each rule is checked on its own, so the same drug ordered
 * twice raises both a duplicate and, if sedating, a combination warning.
 */
export function checkOrderSafety(
  medication: SafetyMedication,
  allergies: readonly SafetyAllergy[],
  orders: readonly SafetyOrder[],
): SafetyWarning[] {
  const warnings: SafetyWarning[] = [];

  for (const allergy of allergies) {
    const allergyWords = words(allergy.substance);
    if (allergyWords.length === 0) continue;
    const reasons = allergyReasons(allergyWords, medication);
    if (reasons.length > 0) {
      warnings.push({
        code: 'allergy',
        message: `Allergy: the patient has a recorded allergy to "${allergy.substance.trim()}", which matches ${medication.name} (${reasons.join(', ')}).`,
      });
    }
  }

  const mine = new Set(medication.ingredients.map(normalizeIngredient));
  for (const order of orders) {
    if (order.status !== 'active' && order.status !== 'held') continue;
    const other = order.medication;
    const ref = order.id === undefined ? {} : { orderId: order.id };
    const status = order.status === 'held' ? 'held order' : 'active order';

    const shared = [...new Set(other.ingredients.map(normalizeIngredient))].filter((i) => mine.has(i));
    if (shared.length > 0) {
      warnings.push({
        code: 'duplicate_ingredient',
        message: `Duplicate ingredient: ${medication.name} and ${other.name} (${status}) both contain ${shared.join(' and ')}.`,
        ...ref,
      });
    }
    if (medication.sedatingClass !== null && other.sedatingClass !== null) {
      warnings.push({
        code: 'sedating_combination',
        message:
          `Sedating combination: ${medication.name} (${medication.sedatingClass}) with ${other.name} ` +
          `(${other.sedatingClass}, ${status}); together they increase sedation and the risk of respiratory depression.`,
        ...ref,
      });
    }
  }
  return warnings;
}
