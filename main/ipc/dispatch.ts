import { ZodError } from 'zod';
import { DatabaseOpenError } from '../../db/errors';
import { contract, parseWithClock, type ChannelName, type Result, type ErrorBody } from './contract';
import type { HandlerContext, HandlerMap } from './handlers/types';
import type { ClinicApp } from '../app/clinicApp';
import { AppError } from '../services/errors';
import type { Actor } from '../services/context';
import { actorOf } from '../services/users';

const isChannel = (name: string): name is ChannelName => Object.prototype.hasOwnProperty.call(contract, name);

function zodToError(err: ZodError, message: string): ErrorBody {
  const fields = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = fields[0];
  // The summary is for people; field paths travel in `fields` for the form to place them.
  return { code: 'VALIDATION', message: first ? `${message}: ${first.message}` : message, fields };
}

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
  const code = (err as { code?: string })?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    // A CHECK or trigger caught what the service did not: report it, nothing was written.
    return { code: 'CONFLICT', message: `The database refused the change (${(err as Error).message}). Nothing was saved.` };
  }
  return { code: 'INTERNAL', message: internalMessage };
}

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
    if (!isChannel(name)) return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown channel ${name}.` } };
    const def = contract[name];
    try {
      let actor: Actor | null = null;
      if (def.access !== 'public') {
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
        const user = session.current;
        if (!(def.access as readonly string[]).includes(user.role)) {
          return {
            ok: false,
            error: { code: 'FORBIDDEN', message: `Your role (${user.role.replace('_', ' ')}) may not do this (${name}).` },
          };
        }
        actor = actorOf(user);
        session.touch();
      }
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
      const value = await handler(parsed.data, hc);
      const out = def.output.safeParse(value);
      if (!out.success) {
        log(`Output of ${name} does not match the contract`, out.error);
        return { ok: false, error: { code: 'INTERNAL', message: 'The answer did not match the contract; nothing is shown.' } };
      }
      return { ok: true, value: out.data };
    } catch (err) {
      const body = toErrorBody(err, internalMessage);
      if (body.code === 'INTERNAL') log(`Channel ${name} failed`, err);
      return { ok: false, error: body };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
