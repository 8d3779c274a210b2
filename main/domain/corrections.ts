/**
 * Who may mark a MAR entry (an administration or a withdrawal score) entered-in-error. Nothing
 * is edited or deleted: the old entry is struck through with who, when and why, and a new one
 * may point to it. The clinic chooses the rule (setting 'mar.enteredInErrorBy'):
 * - 'author': only the nurse who recorded it;
 * - 'author_or_charge': the author, or a nurse with the charge-nurse flag.
 */
export type EnteredInErrorRule = 'author' | 'author_or_charge';

export interface CorrectionActor {
  id: number;
  role: string;
  chargeNurse: boolean;
}

/** Null when the actor may mark the entry entered-in-error, else why not in a nurse's words. */
export function enteredInErrorRefusal(args: {
  rule: EnteredInErrorRule;
  authorId: number;
  actor: CorrectionActor;
  alreadyInError: boolean;
  reason: string;
}): null | { message: string } {
  const { rule, authorId, actor } = args;
  if (args.alreadyInError) return { message: 'This entry is already marked entered-in-error.' };
  if (args.reason.trim().length === 0) return { message: 'Say why the entry is wrong: a reason is required.' };
  if (actor.role !== 'nurse') return { message: 'Only nurses correct MAR entries.' };
  if (actor.id === authorId) return null;
  if (rule === 'author_or_charge' && actor.chargeNurse) return null;
  return {
    message:
      rule === 'author'
        ? 'Only the nurse who recorded this entry may mark it entered-in-error.'
        : 'Only the nurse who recorded this entry, or a charge nurse, may mark it entered-in-error.',
  };
}
