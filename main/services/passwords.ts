import crypto from 'node:crypto';

/**
 * Password hashes: scrypt at OWASP's minimum for scrypt (N=2^17, r=8, p=1; Password Storage
 * Cheat Sheet), encoded with their parameters ("scrypt$N$r$p$salt$hash") so the cost can be
 * raised later: a hash below the current cost is replaced at the user's next successful login
 * (users.authenticate, audited as users.password_rehashed).
 */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}
export const OWASP_MINIMUM_COST: Readonly<ScryptCost> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });
export const MIN_PASSWORD_LENGTH = 10;

let cost: Readonly<ScryptCost> = OWASP_MINIMUM_COST;

/**
 * Only the test suite calls this (tests/support/fastPasswords.ts), so hundreds of test logins
 * stay fast; the app never does. Changing the cost also drops the cached dummy hash.
 */
export function setPasswordCostForTests(next: ScryptCost): void {
  cost = Object.freeze({ ...next });
  dummyHash = null;
}
export const currentPasswordCost = (): Readonly<ScryptCost> => cost;

// scrypt needs 128 * N * r * p bytes; Node refuses above maxmem (32 MiB by default).
const maxmemFor = (c: ScryptCost) => 128 * c.N * c.r * c.p + 32 * 1024 * 1024;
// A stored hash is data: parameters beyond these are refused rather than allowed to take
// seconds and gigabytes per login (a tampered or absurd row).
const LIMITS = { N: 2 ** 20, r: 32, p: 16 };

export function hashPassword(password: string, params: ScryptCost = cost): string {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(password.normalize('NFC'), salt, 32, { ...params, maxmem: maxmemFor(params) });
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** hashPassword on libuv's thread pool, so set-up can derive it beside the recovery passphrase's key. */
export function hashPasswordAsync(password: string, params: ScryptCost = cost): Promise<string> {
  const salt = crypto.randomBytes(16);
  return new Promise((resolve, reject) =>
    crypto.scrypt(password.normalize('NFC'), salt, 32, { ...params, maxmem: maxmemFor(params) }, (err, hash) =>
      err ? reject(err) : resolve(['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$')),
    ),
  );
}

function parse(encoded: string): (ScryptCost & { salt: Buffer; hash: Buffer }) | null {
  const [scheme, n, r, p, saltB64, hashB64] = encoded.split('$');
  const c = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== 'scrypt' || !saltB64 || !hashB64) return null;
  if (![c.N, c.r, c.p].every(Number.isSafeInteger) || c.N < 2 || (c.N & (c.N - 1)) !== 0 || c.N > LIMITS.N || c.r < 1 || c.r > LIMITS.r || c.p < 1 || c.p > LIMITS.p) return null;
  return { ...c, salt: Buffer.from(saltB64, 'base64'), hash: Buffer.from(hashB64, 'base64') };
}

export function verifyPassword(password: string, encoded: string): boolean {
  const stored = parse(encoded);
  if (!stored || stored.hash.length === 0) return false;
  const c = { N: stored.N, r: stored.r, p: stored.p };
  const actual = crypto.scryptSync(password.normalize('NFC'), stored.salt, stored.hash.length, { ...c, maxmem: maxmemFor(c) });
  return crypto.timingSafeEqual(actual, stored.hash);
}

/** Whether a stored hash is below the current cost (or unreadable) and should be replaced. */
export function needsRehash(encoded: string): boolean {
  const stored = parse(encoded);
  return !stored || stored.N < cost.N || stored.r < cost.r || stored.p < cost.p;
}

let dummyHash: string | null = null;
/**
 * Burned on unknown logins so they take as long as wrong passwords and reveal nothing. Made on
 * first use (at the current cost), not at startup, so loading the module costs nothing.
 */
export function dummyPasswordHash(): string {
  return (dummyHash ??= hashPassword('medtrack-dummy-password-for-timing'));
}
