import { DatabaseOpenError } from '../../db/errors';
import { AppError } from '../services/errors';

/** Exit codes: scripts can tell "you called me wrong" from "the job failed". */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The command line was malformed (unknown flag, missing flag, bad value): exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A check failed with a message already written for the administrator: exit 1. */
export class CliFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliFailure';
  }
}

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();

/**
 * Turns any error into one line and an exit code. Our typed errors already carry messages for
 * the person at the keyboard; anything else is a bug or an environment problem, so it is
 * labelled as unexpected (with the stack when MEDTRACK_DEBUG is set).
 */
export function describeError(err: unknown, debug: boolean): { code: number; message: string } {
  if (err instanceof UsageError) return { code: EXIT_USAGE, message: oneLine(err.message) };
  if (err instanceof CliFailure || err instanceof AppError || err instanceof DatabaseOpenError) {
    return { code: EXIT_FAILURE, message: oneLine(err.message) };
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (err instanceof Error && typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    // Node file-system errors name the path and the reason (ENOENT, EACCES, ENOSPC...).
    return { code: EXIT_FAILURE, message: oneLine(err.message) };
  }
  if (err instanceof Error && typeof code === 'string' && code.startsWith('SQLITE_')) {
    // e.g. VACUUM INTO a folder we may not write to: SQLite's words, labelled as such.
    return { code: EXIT_FAILURE, message: `SQLite: ${oneLine(err.message)} (${code})` };
  }
  const text = err instanceof Error ? (debug && err.stack ? err.stack : err.message) : String(err);
  return { code: EXIT_FAILURE, message: `unexpected error: ${debug ? text : oneLine(text)}` };
}
