import type { Api } from '../../main/ipc/bridge';
import type { ChannelName, ErrorBody, InputOf, OutputOf, Result } from '../../main/ipc/contract';

/** An error answer from main, shaped for the screen: one message, per-field messages, warnings. */
export class ApiError extends Error {
  readonly code: string;
  /** First message for each field path, e.g. 'patient.mrn' or 'allergies.0.substance'. */
  readonly fields: Record<string, string>;
  readonly warnings: { code: string; message: string }[];

  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.fields = {};
    for (const f of body.fields ?? []) this.fields[f.path] ??= f.message;
    this.warnings = body.warnings ?? [];
  }

  field(path: string): string | undefined {
    return this.fields[path];
  }
}

/** Codes meaning "the person must unlock or log in again": the app swaps to that screen. */
const AUTH_LOST_CODES = new Set(['SESSION_LOCKED', 'UNAUTHENTICATED']);

type AuthLostListener = (code: string) => void;
const authLostListeners = new Set<AuthLostListener>();

/** The app subscribes once, so any screen's call that finds the session gone shows the lock/login screen. */
export function onAuthLost(listener: AuthLostListener): () => void {
  authLostListeners.add(listener);
  return () => authLostListeners.delete(listener);
}

/** After a restore the accounts are the backup's: the login screen shows, as when a session is lost. */
export function announceSessionEnded(): void {
  for (const listener of authLostListeners) listener('UNAUTHENTICATED');
}

type Method = (input: unknown) => Promise<Result<unknown>>;

/**
 * window.api is put there by the Electron preload or, in the browser e2e suite, by the test
 * server's bridge script. Read through a local cast rather than a global declaration so the
 * preload's own typing of Window cannot clash with ours.
 */
function bridge(): Api | undefined {
  return (window as unknown as { api?: Api }).api;
}

/** Calls one channel of the contract; resolves with its output or throws an ApiError. */
export async function call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const api = bridge();
  if (!api) throw new ApiError({ code: 'NO_BRIDGE', message: 'Medtrack cannot reach its data service. Restart the application.' });
  const [domain, verb] = channel.split('.') as [string, string];
  const method = (api as unknown as Record<string, Record<string, Method>>)[domain]?.[verb];
  if (!method) throw new ApiError({ code: 'NOT_FOUND', message: `This version of Medtrack has no ${channel}.` });
  let result: Result<unknown>;
  try {
    result = await method(input);
  } catch {
    throw new ApiError({ code: 'UNAVAILABLE', message: 'Medtrack could not reach its data service. Nothing was saved; try again.' });
  }
  if (result.ok) return result.value as OutputOf<C>;
  const error = new ApiError(result.error);
  if (AUTH_LOST_CODES.has(error.code)) for (const listener of authLostListeners) listener(error.code);
  throw error;
}

/** Turns anything thrown into an ApiError, so screens handle one kind of error. */
export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError({ code: 'INTERNAL', message: err instanceof Error ? err.message : 'Something went wrong.' });
}
