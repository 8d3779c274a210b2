/**
 * Is a patient being registered perhaps someone already on file? (issue 8, item 6: a second
 * chart with the same name and birth date saved silently, without the first one's allergy.)
 *
 * Only people born on the same date are compared; among them a name is
 * - `same`: the same family and given names once case, accents, hyphens, apostrophes and spaces
 *   are set aside ("Anne-Marie O'Neil" and "anne marie oneil");
 * - `close`: the same names swapped (given entered as family), or one letter away in all
 *   (one letter added, dropped, changed, or two neighbours swapped: "Jonson" for "Johnson").
 * Anything further is a different person. Pure: no I/O.
 */
export interface PersonKey {
  familyName: string;
  givenName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
}

export type NameMatch = 'same' | 'close';

/** Lower case, accents and every non-letter/digit removed: the name as it would be spoken. */
export function normalizeName(name: string): string {
  return name
    // Decomposed, an accent is a mark of its own, and marks go with the other non-letters below.
    .normalize('NFKD')
    .toLocaleLowerCase('en-US')
    .replace(/[^\p{L}\p{N}]/gu, '')
    // Letters NFKD does not split (ß, ø, æ, ł, đ) read as their usual spellings.
    .replace(/ß/g, 'ss')
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd');
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), stopping early once it
 * is past `limit` (only "at most one" matters here).
 */
export function editDistance(a: string, b: string, limit = 1): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[y.length]!;
}

/** How `candidate` matches `existing`, or null when they are different people. */
export function nameMatch(candidate: PersonKey, existing: PersonKey): NameMatch | null {
  if (candidate.dateOfBirth !== existing.dateOfBirth) return null;
  const f = normalizeName(candidate.familyName);
  const g = normalizeName(candidate.givenName);
  const ef = normalizeName(existing.familyName);
  const eg = normalizeName(existing.givenName);
  if (!f || !g || !ef || !eg) return null;
  if (f === ef && g === eg) return 'same';
  if (f === eg && g === ef) return 'close';
  // One letter in all, across both names: "Jon Smith" and "John Smith", not "Jon Smyth".
  const familyDistance = editDistance(f, ef);
  if (familyDistance > 1) return null;
  return familyDistance + editDistance(g, eg) <= 1 ? 'close' : null;
}

/** The existing patients who may be the candidate, `same` first, each with how they match. */
export function possibleDuplicates<T extends PersonKey>(candidate: PersonKey, existing: readonly T[]): { patient: T; match: NameMatch }[] {
  const found: { patient: T; match: NameMatch }[] = [];
  for (const patient of existing) {
    const match = nameMatch(candidate, patient);
    if (match) found.push({ patient, match });
  }
  return found.sort((a, b) => (a.match === b.match ? 0 : a.match === 'same' ? -1 : 1));
}
