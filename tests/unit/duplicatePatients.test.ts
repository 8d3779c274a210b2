import { describe, expect, it } from 'vitest';
import { editDistance, nameMatch, normalizeName, possibleDuplicates, type PersonKey } from '../../main/domain/duplicatePatients';

/** Issue 8 item 6: who counts as possibly the same person when a patient is registered. */
const on = (familyName: string, givenName: string, dateOfBirth = '1984-02-29'): PersonKey => ({ familyName, givenName, dateOfBirth });
const FILED = on("O'Neil-Byrne", 'Anne-Marie');

describe('normalizeName', () => {
  it('sets aside case, accents, hyphens, apostrophes and spaces', () => {
    expect(normalizeName("  O'Neil-Byrne ")).toBe('oneilbyrne');
    expect(normalizeName('José Müller')).toBe('josemuller');
    expect(normalizeName('STRAUß')).toBe('strauss');
    expect(normalizeName('Søren')).toBe('soren');
  });
});

describe('editDistance (at most one matters)', () => {
  it('counts one insertion, deletion, change or swap of neighbours as one', () => {
    expect(editDistance('johnson', 'johnson')).toBe(0);
    expect(editDistance('johnson', 'jonson')).toBe(1);
    expect(editDistance('jonson', 'johnson')).toBe(1);
    expect(editDistance('smith', 'smyth')).toBe(1);
    expect(editDistance('smith', 'simth')).toBe(1);
    expect(editDistance('smith', 'smiht')).toBe(1);
  });
  it('reports anything further as past the limit', () => {
    expect(editDistance('smith', 'smythe')).toBe(2);
    expect(editDistance('ab', 'abcd')).toBe(2);
    expect(editDistance('smith', 'jones')).toBe(2);
  });
});

describe('nameMatch', () => {
  it('is "same" whatever the case, accents, hyphens or spacing', () => {
    expect(nameMatch(on("O'Neil-Byrne", 'Anne-Marie'), FILED)).toBe('same');
    expect(nameMatch(on('oneil byrne', 'ANNE MARIE'), FILED)).toBe('same');
    expect(nameMatch(on('García', 'José'), on('Garcia', 'Jose'))).toBe('same');
  });

  it('is "close" for given and family names swapped', () => {
    expect(nameMatch(on('Anne-Marie', "O'Neil-Byrne"), FILED)).toBe('close');
    expect(nameMatch(on('Wei', 'Zhang'), on('Zhang', 'Wei'))).toBe('close');
  });

  it('is "close" for one letter wrong in either name, including two neighbours swapped', () => {
    expect(nameMatch(on('Jonson', 'Mary'), on('Johnson', 'Mary'))).toBe('close');
    expect(nameMatch(on('Johnson', 'Marry'), on('Johnson', 'Mary'))).toBe('close');
    expect(nameMatch(on('Jhonson', 'Mary'), on('Johnson', 'Mary'))).toBe('close');
    expect(nameMatch(on('Johnson', 'Mery'), on('Johnson', 'Mary'))).toBe('close');
  });

  it('is a different person two letters away, across the names or within one', () => {
    expect(nameMatch(on('Jonson', 'Mery'), on('Johnson', 'Mary'))).toBeNull();
    expect(nameMatch(on('Johnstone', 'Mary'), on('Johnson', 'Mary'))).toBeNull();
    expect(nameMatch(on('Johnson', 'Maria'), on('Johnson', 'Mary'))).toBeNull();
  });

  it('never matches across different birth dates, even a day apart', () => {
    expect(nameMatch(on("O'Neil-Byrne", 'Anne-Marie', '1984-03-01'), FILED)).toBeNull();
    expect(nameMatch(on('Anne-Marie', "O'Neil-Byrne", '1984-02-28'), FILED)).toBeNull();
  });

  it('does not call a name with no letters a match', () => {
    expect(nameMatch(on('-', "'"), on('-', "'"))).toBeNull();
  });
});

describe('possibleDuplicates', () => {
  it('lists every possible match, the same names first', () => {
    const filed = [
      { id: 1, ...on('Johnsen', 'Mary') },
      { id: 2, ...on('Johnson', 'Mary', '1990-01-01') },
      { id: 3, ...on('johnson', 'mary') },
      { id: 4, ...on('Peters', 'Mary') },
    ];
    expect(possibleDuplicates(on('Johnson', 'Mary'), filed).map((d) => [d.patient.id, d.match])).toEqual([
      [3, 'same'],
      [1, 'close'],
    ]);
    expect(possibleDuplicates(on('Nobody', 'Here'), filed)).toEqual([]);
  });
});
