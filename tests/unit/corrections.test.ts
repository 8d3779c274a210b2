import { describe, expect, it } from 'vitest';
import { enteredInErrorRefusal } from '../../main/domain/corrections';

const author = { id: 5, role: 'nurse', chargeNurse: false };
const colleague = { id: 6, role: 'nurse', chargeNurse: false };
const charge = { id: 7, role: 'nurse', chargeNurse: true };
const check = (actor: typeof author, rule: 'author' | 'author_or_charge' = 'author_or_charge', over = {}) =>
  enteredInErrorRefusal({ rule, authorId: 5, actor, alreadyInError: false, reason: 'wrong patient', ...over });

describe('enteredInErrorRefusal', () => {
  it('lets the author correct their own entry under either rule', () => {
    expect(check(author, 'author')).toBeNull();
    expect(check(author, 'author_or_charge')).toBeNull();
  });

  it('lets a charge nurse correct a colleague only where the clinic allows it', () => {
    expect(check(charge, 'author_or_charge')).toBeNull();
    expect(check(charge, 'author')).toEqual({ message: 'Only the nurse who recorded this entry may mark it entered-in-error.' });
  });

  it('refuses another nurse without the charge flag', () => {
    expect(check(colleague)).toEqual({
      message: 'Only the nurse who recorded this entry, or a charge nurse, may mark it entered-in-error.',
    });
  });

  it('refuses non-nurses, a blank reason and an entry already struck through', () => {
    expect(check({ id: 5, role: 'prescriber', chargeNurse: true })?.message).toBe('Only nurses correct MAR entries.');
    expect(check(author, 'author', { reason: '   ' })?.message).toMatch(/reason is required/);
    expect(check(author, 'author', { alreadyInError: true })?.message).toMatch(/already marked/);
  });
});
