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
    expect(check(charge, 'author')).toEqual({ kind: 'not_allowed', message: 'Only the nurse who made this entry can mark it entered-in-error. Ask them to correct it.' });
  });

  it('refuses another nurse without the charge flag', () => {
    expect(check(colleague)).toEqual({
      kind: 'not_allowed',
      message: 'Only the nurse who made this entry, or a charge nurse, can mark it entered-in-error. Ask one of them to correct it.',
    });
    expect(check(colleague, 'author', { what: 'score' })?.message).toBe('Only the nurse who made this score can mark it entered-in-error. Ask them to correct it.');
  });

  it('refuses non-nurses, a blank reason and an entry already struck through', () => {
    expect(check({ id: 5, role: 'prescriber', chargeNurse: true })?.message).toBe('Only nurses correct MAR entries.');
    expect(check(author, 'author', { reason: '   ' })).toMatchObject({ kind: 'no_reason', message: expect.stringMatching(/reason is required/) });
    expect(check(author, 'author', { alreadyInError: true })).toEqual({ kind: 'already_in_error', message: 'This entry is already marked entered-in-error.' });
    expect(check(author, 'author', { alreadyInError: true, what: 'score' })?.message).toBe('This score is already marked entered-in-error.');
  });
});
