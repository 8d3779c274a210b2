/**
 * Failed attempts at logins with no active account, counted like a real account's so they lock
 * the same way. Were only real accounts to lock, "this account is locked" after a few guesses
 * would tell anyone which logins exist, defeating the same answer for an unknown login and a
 * wrong password (NIST SP 800-63B §5.2.2 throttling without disclosing accounts).
 * Kept in memory per open database: nothing about a non-account is worth writing to the file.
 */

/**
 * The one form of a login that is stored, looked up and counted: trimmed, NFC, lower case.
 * "NURSE3", " nurse3" and "nurse3" are one login everywhere (the account, its lock, and the
 * lock on a login that does not exist), so no case variant answers differently.
 */
export const normalizeLogin = (login: string): string => login.trim().normalize('NFC').toLowerCase();

interface Attempts {
  failures: number;
  lockedUntilMs: number | null;
}

/** Enough for any guessing run a lock can slow down; the oldest entries go first past it. */
const MAX_TRACKED = 1000;
const byDatabase = new WeakMap<object, Map<string, Attempts>>();

function attemptsFor(db: object): Map<string, Attempts> {
  let map = byDatabase.get(db);
  if (!map) byDatabase.set(db, (map = new Map()));
  return map;
}

/** When the lock on this non-account ends (ms), or null if it is not locked at `now`. */
export function unknownLoginLockedUntil(db: object, login: string, now: Date): number | null {
  const until = attemptsFor(db).get(normalizeLogin(login))?.lockedUntilMs ?? null;
  return until !== null && until > now.getTime() ? until : null;
}

/** Counts one failure; the `maxFailures`-th locks for `lockMinutes` and restarts the count, as for a real account. */
export function recordUnknownLoginFailure(db: object, rawLogin: string, now: Date, maxFailures: number, lockMinutes: number): void {
  const map = attemptsFor(db);
  const login = normalizeLogin(rawLogin);
  const failures = (map.get(login)?.failures ?? 0) + 1;
  map.delete(login); // re-inserted below, so insertion order is recency order
  if (map.size >= MAX_TRACKED) map.delete(map.keys().next().value as string);
  map.set(login, failures >= maxFailures ? { failures: 0, lockedUntilMs: now.getTime() + lockMinutes * 60_000 } : { failures, lockedUntilMs: null });
}
