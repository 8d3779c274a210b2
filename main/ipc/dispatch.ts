import { ZodError } from 'zod';
import { DatabaseOpenError } from '../../db/errors';
import { isConstraintViolation } from '../../db/dialect';
import { contract, parseWithClock, type ChannelName, type Result, type ErrorBody } from './contract';
import type { HandlerContext, HandlerMap } from './handlers/types';
import type { ClinicApp } from '../app/clinicApp';
import { AppError } from '../services/errors';
import { issueSentence } from './contract/issueWords';
import type { Actor } from '../services/context';
import { actorOf, currentAccount } from '../services/users';
import { runTrackingCommits } from '../services/context';

const isChannel = (name: string): name is ChannelName => Object.prototype.hasOwnProperty.call(contract, name);

function zodToError(err: ZodError, message: string): ErrorBody {
  const fields = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = err.issues[0];
  // The summary is for people (the field named in words); field paths travel in `fields` for
  // the form to place them. zod's own messages are already words (contract/issueWords.ts).
  return { code: 'VALIDATION', message: first ? `${message}: ${issueSentence(first.path, first.message)}` : message, fields };
}

/** After a commit the change is on file: say so, and ask for a check, not a retry. */
export const MAY_HAVE_SAVED =
  'The change may have been saved: open the record and check before trying again. The details are in the application log.';

export const INTERNAL_MESSAGE = 'Something went wrong; nothing was saved. The details are in the application log.';

export function toErrorBody(err: unknown, internalMessage = INTERNAL_MESSAGE): ErrorBody {
  if (err instanceof AppError) {
    return {
      code: err.code,
      message: err.message,
      ...(err.details?.fields ? { fields: err.details.fields } : {}),
      ...(err.details?.warnings ? { warnings: err.details.warnings } : {}),
    };
  }
  if (err instanceof DatabaseOpenError) return { code: err.code, message: err.message };
  if (err instanceof ZodError) return zodToError(err, 'Invalid data');
  if (isConstraintViolation(err)) {
    // A CHECK or trigger caught what the service did not: nothing was written. Its text names
    // tables and constraints, so it goes to the log (the dispatcher logs it), never to the screen.
    return {
      code: 'CONFLICT',
      message: 'The record could not be saved as entered (it conflicts with what is already stored). Nothing was saved.',
    };
  }
  return { code: 'INTERNAL', message: internalMessage };
}

const MAX_DEPTH = 32;
/**
 * Refuses, before zod sees it, what zod would silently drop or choke on: a "__proto__" key
 * (zod's records and objects drop it, so {"__proto__": ...} read as an empty change) and
 * nesting deeper than any form has.
 */
function shapeProblem(value: unknown, depth = 0): string | null {
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) return 'The data sent is nested too deeply to be a form.';
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return 'The data sent has a field name that is not allowed (__proto__).';
    const problem = shapeProblem((value as Record<string, unknown>)[key], depth + 1);
    if (problem) return problem;
  }
  return null;
}

/** Channels that change the session themselves, so its state after the call is theirs to report. */
const SESSION_CHANGING = new Set<string>(['session.lock', 'clinic.restore']);

/**
 * The single gate every call passes through, in Electron and in the loopback test server alike:
 * known channel -> session and role -> validated input -> handler -> validated output.
 * The acting user comes from the main-process session only.
 */
export function createDispatcher(
  app: ClinicApp,
  handlers: HandlerMap,
  log: (msg: string, err?: unknown) => void = console.error,
  /** What an unexpected failure tells the user (the app names its log file here). */
  internalMessage = INTERNAL_MESSAGE,
) {
  return async function dispatch(name: string, rawInput: unknown): Promise<Result<unknown>> {
    if (!isChannel(name)) return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown channel ${name.slice(0, 80)}.` } };
    const def = contract[name];
    let actorAtStart: Actor | null = null;
    /** Whether a transaction of this call committed (services/context.ts inTransaction). */
    const calls = { committed: false };
    /** Null while the session that started the call is still open and unlocked; else the refusal. */
    const sessionGone = (started: Actor | null): Result<unknown> | null => {
      if (!started) return null;
      const now = app.session?.current;
      if (!now || now.id !== started.id) return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Please log in.' } };
      if (app.session.locked) {
        return {
          ok: false,
          error: { code: 'SESSION_LOCKED', message: 'The session locked before the answer arrived. Enter your password to continue.' },
        };
      }
      return null;
    };
    try {
      let actor: Actor | null = null;
      if (def.access !== 'public') {
        // A rekey or restore has the clinic file for a moment: say so rather than "log in".
        const busy = app.unavailableMessage();
        if (busy) return { ok: false, error: { code: 'CONFLICT', message: busy } };
        const session = app.session;
        if (!app.isOpen() || !session || !session.current) {
          return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Please log in.' } };
        }
        if (session.expireIfIdle()) await app.recordIdleLock();
        if (session.locked) {
          return {
            ok: false,
            error: { code: 'SESSION_LOCKED', message: 'The session locked after inactivity. Enter your password to continue.' },
          };
        }
        // Re-read the account on every call: a deactivation or a role change by an administrator
        // takes effect on this user's next call, not at their next login.
        const user = await currentAccount(app.serviceContext(), session.current.id);
        if (!user || !user.active) {
          session.end();
          return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'This account is no longer active. Ask an administrator.' } };
        }
        session.refresh(user);
        if (!(def.access as readonly string[]).includes(user.role)) {
          return {
            ok: false,
            error: { code: 'FORBIDDEN', message: `Your role (${user.role.replace('_', ' ')}) may not do this (${name}).` },
          };
        }
        actor = actorOf(user);
        actorAtStart = actor;
        session.touch();
      }
      const problem = shapeProblem(rawInput);
      if (problem) return { ok: false, error: { code: 'VALIDATION', message: `Please check the form: ${problem}`, fields: [] } };
      // Date windows are measured from the app's clock at this moment (contract/common.ts).
      const parsed = parseWithClock(app.clock, () => def.input.safeParse(rawInput ?? {}));
      if (!parsed.success) return { ok: false, error: zodToError(parsed.error, 'Please check the form') };
      const hc: HandlerContext = {
        app,
        get ctx() {
          return app.serviceContext();
        },
        get actor() {
          if (!actor) throw new AppError('UNAUTHENTICATED', 'Please log in.');
          return actor;
        },
      };
      const handler = handlers[name] as (input: unknown, hc: HandlerContext) => Promise<unknown>;
      const value = await runTrackingCommits(calls, () => handler(parsed.data, hc));
      // The session may have locked (or ended) while the handler ran: nothing leaves main for a
      // screen that is no longer open to its user.
      const after = sessionGone(actor);
      if (after && !SESSION_CHANGING.has(name)) return after;
      const out = def.output.safeParse(value);
      if (!out.success) {
        log(`Output of ${name} does not match the contract`, out.error);
        const message = calls.committed
          ? `The answer could not be shown. ${MAY_HAVE_SAVED}`
          : 'The answer did not match the contract; nothing is shown.';
        return { ok: false, error: { code: 'INTERNAL', message } };
      }
      return { ok: true, value: out.data };
    } catch (err) {
      const body = toErrorBody(err, internalMessage);
      // "Nothing was saved" only when it is true (issue 8 item 15): a failure after a write
      // committed must not invite a second, duplicate order.
      if (calls.committed && (body.code === 'INTERNAL' || body.code === 'CONFLICT') && !(err instanceof AppError)) {
        body.message = `Something went wrong after the change was written. ${MAY_HAVE_SAVED}`;
      }
      if (body.code === 'INTERNAL' || !(err instanceof AppError)) log(`Channel ${name} failed`, err);
      // An error can name a patient too: the same check as for an answer.
      const after = SESSION_CHANGING.has(name) ? null : sessionGone(actorAtStart);
      return after ?? { ok: false, error: body };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
