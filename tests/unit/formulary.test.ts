import { describe, expect, it } from 'vitest';
import { FORMULARY_SEED, FORMULARY_UNITS, KNOWN_RXNORM_CODES } from '../../main/domain/formulary';
import { makeableDoses } from '../../main/domain/taper';

const byName = new Map(FORMULARY_SEED.map((m) => [m.name, m]));
const get = (name: string) => {
  const m = byName.get(name);
  if (!m) throw new Error(`${name} missing`);
  return m;
};

describe('formulary seed', () => {
  it('holds every drug the program needs', () => {
    for (const name of [
      'Buprenorphine',
      'Buprenorphine/naloxone',
      'Methadone',
      'Naltrexone',
      'Chlordiazepoxide',
      'Diazepam',
      'Lorazepam',
      'Phenobarbital',
      'Clonidine',
      'Lofexidine',
      'Gabapentin',
      'Hydroxyzine',
      'Trazodone',
      'Ondansetron',
      'Loperamide',
      'Thiamine',
      'Folic acid',
      'Acamprosate',
      'Disulfiram',
      'Nicotine patch',
      'Nicotine gum',
    ]) {
      expect(byName.has(name), name).toBe(true);
    }
  });

  it('has unique names, ignoring case (the database column is NOCASE UNIQUE)', () => {
    const names = FORMULARY_SEED.map((m) => m.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it('uses only the allowed UCUM units, never "mcg"', () => {
    expect([...FORMULARY_UNITS].sort()).toEqual(['mL', 'mg', 'ug', '{tablet}'].sort());
    for (const m of FORMULARY_SEED) expect(FORMULARY_UNITS, m.name).toContain(m.unit);
    expect(JSON.stringify(FORMULARY_SEED).toLowerCase()).not.toContain('mcg');
  });

  it('uses only known RxNorm ingredient codes, on single-ingredient products of that ingredient', () => {
    const known = new Map(Object.entries(KNOWN_RXNORM_CODES).map(([ingredient, code]) => [code, ingredient]));
    expect(Object.fromEntries([...known].map(([code, ing]) => [ing, code]))).toEqual({
      buprenorphine: '1819',
      diazepam: '3322',
      methadone: '6813',
      naloxone: '7242',
      naltrexone: '7243',
      ondansetron: '26225',
    });
    for (const m of FORMULARY_SEED) {
      if (m.rxnormCode === null) continue;
      expect(known.has(m.rxnormCode), `${m.name} ${m.rxnormCode}`).toBe(true);
      expect(m.ingredients, m.name).toEqual([known.get(m.rxnormCode)]);
    }
    expect(get('Buprenorphine/naloxone').rxnormCode).toBeNull();
    expect(get('Lorazepam').rxnormCode).toBeNull();
    expect(get('Buprenorphine').rxnormCode).toBe('1819');
  });

  it('has lower-case ingredients and positive, ascending, usable strengths', () => {
    for (const m of FORMULARY_SEED) {
      expect(m.ingredients.length, m.name).toBeGreaterThan(0);
      for (const i of m.ingredients) expect(i, m.name).toBe(i.toLowerCase().trim());
      expect(m.strengths.length, m.name).toBeGreaterThan(0);
      expect([...m.strengths].sort((a, b) => a - b), m.name).toEqual([...m.strengths]);
      expect(new Set(m.strengths).size, m.name).toBe(m.strengths.length);
      for (const s of m.strengths) expect(s, m.name).toBeGreaterThan(0);
      expect(makeableDoses(m.strengths, Math.max(...m.strengths), true).length, m.name).toBeGreaterThan(0);
    }
  });

  it('records the combination product by its buprenorphine content', () => {
    expect(get('Buprenorphine/naloxone').ingredients).toEqual(['buprenorphine', 'naloxone']);
    expect(get('Buprenorphine/naloxone').strengths).toEqual([2, 8]);
  });

  it('gives the federal DEA schedules', () => {
    const schedules = Object.fromEntries(FORMULARY_SEED.filter((m) => m.deaSchedule !== null).map((m) => [m.name, m.deaSchedule]));
    expect(schedules).toEqual({
      Buprenorphine: 'III',
      'Buprenorphine/naloxone': 'III',
      Methadone: 'II',
      Chlordiazepoxide: 'IV',
      Diazepam: 'IV',
      Lorazepam: 'IV',
      Phenobarbital: 'IV',
    });
  });

  it('marks the sedating classes consistently with the drug class', () => {
    const sedating = Object.fromEntries(FORMULARY_SEED.filter((m) => m.sedatingClass !== null).map((m) => [m.name, m.sedatingClass]));
    expect(sedating).toEqual({
      Buprenorphine: 'opioid',
      'Buprenorphine/naloxone': 'opioid',
      Methadone: 'opioid',
      Chlordiazepoxide: 'benzodiazepine',
      Diazepam: 'benzodiazepine',
      Lorazepam: 'benzodiazepine',
      Phenobarbital: 'barbiturate',
      Gabapentin: 'gabapentinoid',
    });
    for (const m of FORMULARY_SEED) {
      if (m.sedatingClass === 'benzodiazepine' || m.sedatingClass === 'barbiturate' || m.sedatingClass === 'gabapentinoid') {
        expect(m.drugClass, m.name).toBe(m.sedatingClass);
      }
      if (m.sedatingClass === 'opioid') expect(m.drugClass, m.name).toMatch(/^opioid (partial )?agonist$/);
    }
  });

  it('flags the withdrawal-management drugs as documented', () => {
    const flagged = FORMULARY_SEED.filter((m) => m.withdrawalManagement).map((m) => m.name).sort();
    expect(flagged).toEqual(
      ['Buprenorphine', 'Buprenorphine/naloxone', 'Chlordiazepoxide', 'Clonidine', 'Diazepam', 'Gabapentin', 'Lofexidine', 'Lorazepam', 'Methadone', 'Phenobarbital'].sort(),
    );
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(FORMULARY_SEED)).toBe(true);
    expect(Object.isFrozen(FORMULARY_SEED[0])).toBe(true);
    expect(Object.isFrozen(FORMULARY_SEED[0].strengths)).toBe(true);
  });
});
