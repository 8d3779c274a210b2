import type { AuditAction } from '../domain/auditWords';
import { DateTime } from 'luxon';
import type { Role, User } from '../../db/schema';
import { appendAudit } from './audit';
import { inTransaction, nowIso, type Actor, type ServiceContext, type Trx } from './context';
import { AppError, conflict, notFound, validation } from './errors';
import { dummyPasswordHash, hashPassword, MIN_PASSWORD_LENGTH, needsRehash, verifyPassword } from './passwords';
import { getSetting } from './settings';
import { normalizeLogin, recordUnknownLoginFailure, unknownLoginLockedUntil } from './unknownLogins';

export interface PublicUser {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  credentials: string | null;
  active: boolean;
  lockedUntil: string | null;
  chargeNurse: boolean;
}

export const toPublicUser = (u: User): PublicUser => ({
  id: u.id,
  login: u.login,
  displayName: u.display_name,
  role: u.role,
  credentials: u.credentials,
  active: u.active === 1,
  lockedUntil: u.locked_until,
  chargeNurse: u.charge_nurse === 1,
});

/** The account as stored now, for the session to re-read on every call; null if it is gone. */
export async function currentAccount(ctx: ServiceContext, id: number): Promise<PublicUser | null> {
  const u = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return u ? toPublicUser(u) : null;
}

/** The acting person a service call records, from a logged-in user. */
export const actorOf = (u: PublicUser): Actor => ({ id: u.id, role: u.role, displayName: u.displayName });

/** What the audit log keeps of a user: never the password hash. */
const auditView = (u: User) => ({ ...toPublicUser(u), failedLogins: u.failed_logins });

export interface NewUserInput {
  login: string;
  displayName: string;
  role: Role;
  credentials?: string | null;
  password: string;
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw validation(`The password must be at least ${MIN_PASSWORD_LENGTH} characters.`, [
      { path: 'password', message: `At least ${MIN_PASSWORD_LENGTH} characters.` },
    ]);
  }
}

/** Used by clinic setup (no actor yet) and by admins. */
export async function insertUser(
  trx: Trx,
  at: string,
  actorId: number | null,
  input: NewUserInput,
  /** A hash of input.password made beforehand (set-up derives it in parallel with the key wrapping). */
  passwordHash?: string,
): Promise<User> {
  checkPassword(input.password);
  const login = normalizeLogin(input.login);
  const existing = await trx.selectFrom('users').select('id').where('login', '=', login).executeTakeFirst();
  if (existing) throw conflict(`The login "${login}" is already taken.`);
  const user = await trx
    .insertInto('users')
    .values({
      login,
      display_name: input.displayName,
      role: input.role,
      credentials: input.credentials ?? null,
      password_hash: passwordHash ?? hashPassword(input.password),
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(trx, {
    at,
    actorId: actorId ?? user.id,
    action: 'users.create',
    entityType: 'user',
    entityId: user.id,
    after: auditView(user),
  });
  return user;
}

export async function createUser(ctx: ServiceContext, actor: Actor, input: NewUserInput): Promise<PublicUser> {
  return inTransaction(ctx, async (trx) => toPublicUser(await insertUser(trx, nowIso(ctx), actor.id, input)));
}

export async function listUsers(ctx: ServiceContext, filter: { role?: Role; activeOnly?: boolean } = {}): Promise<PublicUser[]> {
  let q = ctx.db.selectFrom('users').selectAll().orderBy('display_name');
  if (filter.role) q = q.where('role', '=', filter.role);
  if (filter.activeOnly) q = q.where('active', '=', 1);
  return (await q.execute()).map(toPublicUser);
}

/**
 * An admin's change to an account: it also clears the failed-login count and any lock, and is
 * audited with before and after (never the password hash).
 */
async function adminUpdate(
  ctx: ServiceContext,
  actor: Actor,
  userId: number,
  action: AuditAction,
  set: Partial<Pick<User, 'active' | 'password_hash' | 'charge_nurse'>>,
  reason?: string,
): Promise<PublicUser> {
  return inTransaction(ctx, async (trx) => {
    const before = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!before) throw notFound('That user');
    const at = nowIso(ctx);
    const after = await trx
      .updateTable('users')
      .set({ ...set, failed_logins: 0, locked_until: null, updated_at: at })
      .where('id', '=', userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      at,
      actorId: actor.id,
      action,
      entityType: 'user',
      entityId: userId,
      before: auditView(before),
      after: auditView(after),
      reason,
    });
    return toPublicUser(after);
  });
}

export async function setUserActive(ctx: ServiceContext, actor: Actor, userId: number, active: boolean, reason: string) {
  if (userId === actor.id && !active) throw validation('You cannot deactivate your own account.');
  return adminUpdate(ctx, actor, userId, active ? 'users.activate' : 'users.deactivate', { active: active ? 1 : 0 }, reason);
}

/** The charge-nurse flag belongs to nurses only: it widens who may correct MAR entries. */
export async function setChargeNurse(ctx: ServiceContext, actor: Actor, userId: number, chargeNurse: boolean, reason: string) {
  const user = await ctx.db.selectFrom('users').select('role').where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('That user');
  if (chargeNurse && user.role !== 'nurse') throw validation('Only a nurse can be a charge nurse.');
  return adminUpdate(
    ctx,
    actor,
    userId,
    chargeNurse ? 'users.grant_charge_nurse' : 'users.revoke_charge_nurse',
    { charge_nurse: chargeNurse ? 1 : 0 },
    reason,
  );
}

export async function resetPassword(ctx: ServiceContext, actor: Actor, userId: number, password: string) {
  checkPassword(password);
  return adminUpdate(ctx, actor, userId, 'users.reset_password', { password_hash: hashPassword(password) });
}

const BAD_LOGIN = 'That login and password do not match an active account.';
const BAD_WITNESS =
  "The witness's login and password do not match an active account. Nothing was saved; the witness types their own password again.";

const accountLocked = (untilMs: number, now: Date) =>
  new AppError(
    'ACCOUNT_LOCKED',
    `This account is locked after repeated failed logins. Try again in ${Math.ceil((untilMs - now.getTime()) / 60000)} minute(s) or ask an administrator.`,
  );

/**
 * Checks a login. Unknown login, wrong password and inactive account all give the same error
 * (and take the same time); repeated failures lock the account for a while (HIPAA §164.312(d)
 * person authentication; NIST SP 800-63B throttling).
 */
export async function authenticate(ctx: ServiceContext, login: string, password: string): Promise<PublicUser> {
  const user = await checkCredentials(ctx, login, password, {
    actorId: null,
    failed: 'session.login_failed',
    locked: 'session.account_locked',
  });
  const at = nowIso(ctx);
  // A hash made at a lower cost (before N=2^17) is replaced now, while the password is at hand.
  const rehash = needsRehash(user.password_hash) ? hashPassword(password) : null;
  await inTransaction(ctx, async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, updated_at: at, ...(rehash ? { password_hash: rehash } : {}) })
      .where('id', '=', user.id)
      .execute();
    await appendAudit(trx, { at, actorId: user.id, action: 'session.login', entityType: 'user', entityId: user.id });
    if (rehash) {
      // What changed is the cost, never the hash itself: the audit log holds no hashes.
      const costOf = (h: string) => h.split('$').slice(1, 4).join('/');
      await appendAudit(trx, {
        at,
        actorId: user.id,
        action: 'users.password_rehashed',
        entityType: 'user',
        entityId: user.id,
        before: { scrypt: costOf(user.password_hash) },
        after: { scrypt: costOf(rehash) },
      });
    }
  });
  return toPublicUser(user);
}

/**
 * A second person confirming a controlled-drug dose with their own password (issue 7): checked
 * exactly like a login (same answer for unknown login, wrong password and inactive account, same
 * throttling and lock, failures audited), but nobody's session changes. The witness must be an
 * active nurse or prescriber other than the person giving the dose.
 */
export async function verifyWitness(ctx: ServiceContext, giver: Actor, login: string, password: string): Promise<PublicUser> {
  const same = await ctx.db.selectFrom('users').select('id').where('login', '=', normalizeLogin(login)).executeTakeFirst();
  if (same?.id === giver.id) {
    throw validation('The witness must be someone other than the nurse giving the dose.', [
      { path: 'witness.login', message: 'Ask a colleague to witness.' },
    ]);
  }
  const user = await checkCredentials(
    ctx,
    login,
    password,
    { actorId: giver.id, failed: 'administrations.witness_failed', locked: 'administrations.witness_locked' },
    'witness',
  );
  if (user.role !== 'nurse' && user.role !== 'prescriber') {
    throw validation('A witness must be a nurse or a prescriber.', [
      { path: 'witness.login', message: 'Ask a nurse or a prescriber to witness.' },
    ]);
  }
  if (user.failed_logins > 0 || user.locked_until !== null) {
    // The count of failures starts again, as after a login; the change to the row is audited.
    await inTransaction(ctx, async (trx) => {
      const at = nowIso(ctx);
      await clearFailures(trx, user.id, at);
      await appendAudit(trx, { at, actorId: giver.id, action: 'administrations.witness_confirmed', entityType: 'user', entityId: user.id });
    });
  }
  return toPublicUser(user);
}

/**
 * The password check shared by logging in and witnessing. Failures are counted and audited in
 * their own transaction (they must stick even though the caller's action fails); a success
 * clears the count. Answers the user row; the caller records what the success was for.
 */
async function checkCredentials(
  ctx: ServiceContext,
  login: string,
  password: string,
  audit: { actorId: number | null; failed: AuditAction; locked: AuditAction },
  who: 'login' | 'witness' = 'login',
): Promise<User> {
  const BAD_CREDENTIALS = who === 'login' ? BAD_LOGIN : BAD_WITNESS;
  const name = normalizeLogin(login);
  const user = await ctx.db.selectFrom('users').selectAll().where('login', '=', name).executeTakeFirst();
  const now = ctx.clock.now();
  if (!user || user.active !== 1) {
    // No account to check: lock and fail exactly as a real one would, so neither the error nor
    // the time taken says whether the login exists.
    const lockedUntil = unknownLoginLockedUntil(ctx.db, name, now);
    if (lockedUntil !== null) throw accountLocked(lockedUntil, now);
    verifyPassword(password, dummyPasswordHash());
    recordUnknownLoginFailure(
      ctx.db,
      name,
      now,
      await getSetting(ctx.db, 'login.maxFailures'),
      await getSetting(ctx.db, 'login.lockMinutes'),
    );
    throw new AppError('BAD_CREDENTIALS', BAD_CREDENTIALS);
  }
  if (user.locked_until && new Date(user.locked_until) > now) throw accountLocked(Date.parse(user.locked_until), now);
  const ok = verifyPassword(password, user.password_hash);
  const at = now.toISOString();
  if (!ok) {
    const maxFailures = await getSetting(ctx.db, 'login.maxFailures');
    const lockMinutes = await getSetting(ctx.db, 'login.lockMinutes');
    await inTransaction(ctx, async (trx) => {
      const failures = user.failed_logins + 1;
      const lock = failures >= maxFailures ? DateTime.fromJSDate(now).plus({ minutes: lockMinutes }).toUTC().toISO() : null;
      await trx
        .updateTable('users')
        .set({ failed_logins: lock ? 0 : failures, locked_until: lock, updated_at: at })
        .where('id', '=', user.id)
        .execute();
      await appendAudit(trx, {
        at,
        actorId: audit.actorId,
        action: lock ? audit.locked : audit.failed,
        entityType: 'user',
        entityId: user.id,
      });
    });
    throw new AppError('BAD_CREDENTIALS', BAD_CREDENTIALS);
  }
  return user;
}

async function clearFailures(trx: Trx, userId: number, at: string): Promise<void> {
  await trx.updateTable('users').set({ failed_logins: 0, locked_until: null, updated_at: at }).where('id', '=', userId).execute();
}

export async function recordLogout(ctx: ServiceContext, actor: Actor, why: 'logout' | 'idle_lock'): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    await appendAudit(trx, { at: nowIso(ctx), actorId: actor.id, action: `session.${why}`, entityType: 'user', entityId: actor.id });
  });
}
