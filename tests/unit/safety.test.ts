import { describe, expect, it } from 'vitest';
import { FORMULARY_SEED } from '../../main/domain/formulary';
import { type SafetyMedication, type SafetyOrder, checkOrderSafety } from '../../main/domain/safety';

function med(name: string): SafetyMedication {
  const e = FORMULARY_SEED.find((m) => m.name === name);
  if (!e) throw new Error(`no ${name} in the seed`);
  return { name: e.name, ingredients: e.ingredients, drugClass: e.drugClass, sedatingClass: e.sedatingClass };
}

const order = (id: number, name: string, status: SafetyOrder['status'] = 'active'): SafetyOrder => ({ id, status, medication: med(name) });
const allergy = (substance: string) => ({ substance });
const codes = (ws: { code: string }[]) => ws.map((w) => w.code);

describe('allergy matching', () => {
  it('matches a drug class written in the plural', () => {
    const ws = checkOrderSafety(med('Lorazepam'), [allergy('Benzodiazepines')], []);
    expect(codes(ws)).toEqual(['allergy']);
    expect(ws[0].message).toBe(
      'Allergy: the patient has a recorded allergy to "Benzodiazepines", which matches Lorazepam (drug class benzodiazepine).',
    );
  });

  it('matches everyday words for a class', () => {
    expect(codes(checkOrderSafety(med('Diazepam'), [allergy('benzos')], []))).toEqual(['allergy']);
    expect(codes(checkOrderSafety(med('Methadone'), [allergy('Opiates')], []))).toEqual(['allergy']);
    expect(codes(checkOrderSafety(med('Buprenorphine'), [allergy('opioids')], []))).toEqual(['allergy']);
    expect(codes(checkOrderSafety(med('Phenobarbital'), [allergy('barbiturates')], []))).toEqual(['allergy']);
  });

  it('matches the name and ingredients case-insensitively', () => {
    expect(codes(checkOrderSafety(med('Lorazepam'), [allergy('  LORAZEPAM ')], []))).toEqual(['allergy']);
    const ws = checkOrderSafety(med('Buprenorphine/naloxone'), [allergy('Naloxone')], []);
    expect(ws).toHaveLength(1);
    expect(ws[0].message).toMatch(/ingredient naloxone/);
    expect(codes(checkOrderSafety(med('Nicotine patch'), [allergy('nicotine')], []))).toEqual(['allergy']);
  });

  it('matches a single ingredient against an allergy to a combination product', () => {
    expect(codes(checkOrderSafety(med('Buprenorphine'), [allergy('buprenorphine/naloxone')], []))).toEqual(['allergy']);
  });

  it('does not match a word inside another word', () => {
    expect(checkOrderSafety(med('Buprenorphine'), [allergy('penicillin')], [])).toEqual([]);
    expect(checkOrderSafety(med('Buprenorphine/naloxone'), [allergy('Penicillins')], [])).toEqual([]);
    expect(checkOrderSafety(med('Lorazepam'), [allergy('azepam')], [])).toEqual([]);
  });

  it('does not let a more specific allergy flag a whole class', () => {
    expect(checkOrderSafety(med('Thiamine'), [allergy('Vitamin K')], [])).toEqual([]);
    expect(checkOrderSafety(med('Buprenorphine'), [allergy('opioid antagonist')], [])).toEqual([]);
    expect(codes(checkOrderSafety(med('Naltrexone'), [allergy('opioid antagonists')], []))).toEqual(['allergy']);
  });

  it('ignores blank substances and gives one warning per matching allergy', () => {
    expect(checkOrderSafety(med('Lorazepam'), [allergy('   '), allergy('-')], [])).toEqual([]);
    const ws = checkOrderSafety(med('Lorazepam'), [allergy('lorazepam'), allergy('benzodiazepine'), allergy('sulfa')], []);
    expect(codes(ws)).toEqual(['allergy', 'allergy']);
  });
});

describe('duplicate ingredients', () => {
  it('warns when another active order shares an ingredient, naming both drugs', () => {
    const ws = checkOrderSafety(med('Buprenorphine/naloxone'), [], [order(5, 'Buprenorphine')]);
    expect(ws).toEqual([
      {
        code: 'duplicate_ingredient',
        message: 'Duplicate ingredient: Buprenorphine/naloxone and Buprenorphine (active order) both contain buprenorphine.',
        orderId: 5,
      },
      expect.objectContaining({ code: 'sedating_combination', orderId: 5 }),
    ]);
  });

  it('counts held orders, which may resume, and ignores stopped or completed ones', () => {
    const held = checkOrderSafety(med('Nicotine gum'), [], [order(1, 'Nicotine patch', 'held')]);
    expect(held.map((w) => w.message)).toEqual(['Duplicate ingredient: Nicotine gum and Nicotine patch (held order) both contain nicotine.']);
    expect(checkOrderSafety(med('Nicotine gum'), [], [order(1, 'Nicotine patch', 'discontinued'), order(2, 'Nicotine patch', 'completed')])).toEqual([]);
  });

  it('does not warn for unrelated drugs', () => {
    expect(checkOrderSafety(med('Thiamine'), [], [order(1, 'Folic acid'), order(2, 'Ondansetron')])).toEqual([]);
  });
});

describe('sedating combinations', () => {
  it('warns for a benzodiazepine with an opioid, naming both', () => {
    const ws = checkOrderSafety(med('Lorazepam'), [], [order(3, 'Methadone')]);
    expect(ws).toEqual([
      {
        code: 'sedating_combination',
        message:
          'Sedating combination: Lorazepam (benzodiazepine) with Methadone (opioid, active order); together they increase sedation and the risk of respiratory depression.',
        orderId: 3,
      },
    ]);
  });

  it('warns for two drugs of the same sedating class', () => {
    const ws = checkOrderSafety(med('Diazepam'), [], [order(1, 'Chlordiazepoxide')]);
    expect(codes(ws)).toEqual(['sedating_combination']);
    expect(ws[0].message).toMatch(/Diazepam \(benzodiazepine\) with Chlordiazepoxide \(benzodiazepine, active order\)/);
  });

  it('covers gabapentinoids and barbiturates, and held orders', () => {
    expect(codes(checkOrderSafety(med('Gabapentin'), [], [order(1, 'Buprenorphine')]))).toEqual(['sedating_combination']);
    const ws = checkOrderSafety(med('Phenobarbital'), [], [order(1, 'Lorazepam', 'held')]);
    expect(ws[0].message).toMatch(/Lorazepam \(benzodiazepine, held order\)/);
  });

  it('gives one warning per sedating order', () => {
    const ws = checkOrderSafety(med('Lorazepam'), [], [order(1, 'Buprenorphine'), order(2, 'Gabapentin'), order(3, 'Clonidine')]);
    expect(ws.map((w) => w.orderId)).toEqual([1, 2]);
  });

  it('does not warn when either drug is not sedating by class', () => {
    expect(checkOrderSafety(med('Clonidine'), [], [order(1, 'Methadone')])).toEqual([]);
    expect(checkOrderSafety(med('Lorazepam'), [], [order(1, 'Hydroxyzine'), order(2, 'Trazodone')])).toEqual([]);
  });

  it('ignores discontinued orders and leaves orderId out when there is none', () => {
    expect(checkOrderSafety(med('Lorazepam'), [], [order(1, 'Methadone', 'discontinued')])).toEqual([]);
    const ws = checkOrderSafety(med('Lorazepam'), [], [{ status: 'active', medication: med('Methadone') }]);
    expect(ws[0]).not.toHaveProperty('orderId');
  });
});

it('reports all three kinds together', () => {
  const ws = checkOrderSafety(med('Buprenorphine'), [allergy('Opioids')], [order(9, 'Buprenorphine/naloxone')]);
  expect(codes(ws)).toEqual(['allergy', 'duplicate_ingredient', 'sedating_combination']);
});
