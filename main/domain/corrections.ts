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

/**
 * Why a correction is refused: `already_in_error` is a conflict with the record's state, the
 * others are about who is asking (or a missing reason), so services map them to their codes.
 */
export type EnteredInErrorRefusalKind = 'already_in_error' | 'no_reason' | 'not_a_nurse' | 'not_allowed';

/** Null when the actor may mark the entry entered-in-error, else why not in a nurse's words (and whom to ask). */
export function enteredInErrorRefusal(args: {
  rule: EnteredInErrorRule;
  authorId: number;
  actor: CorrectionActor;
  alreadyInError: boolean;
  reason: string;
  /** What is being corrected, for the message: a MAR entry (default) or a withdrawal score. */
  what?: 'entry' | 'score';
}): null | { kind: EnteredInErrorRefusalKind; message: string } {
  const { rule, authorId, actor } = args;
  const what = args.what ?? 'entry';
  if (args.alreadyInError) return { kind: 'already_in_error', message: `This ${what} is already marked entered-in-error.` };
  if (args.reason.trim().length === 0) return { kind: 'no_reason', message: 'Say why the entry is wrong: a reason is required.' };
  if (actor.role !== 'nurse') return { kind: 'not_a_nurse', message: 'Only nurses correct MAR entries.' };
  if (actor.id === authorId) return null;
  if (rule === 'author_or_charge' && actor.chargeNurse) return null;
  return {
    kind: 'not_allowed',
    message:
      rule === 'author'
        ? `Only the nurse who made this ${what} can mark it entered-in-error. Ask them to correct it.`
        : `Only the nurse who made this ${what}, or a charge nurse, can mark it entered-in-error. Ask one of them to correct it.`,
  };
}
