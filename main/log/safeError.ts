/**
 * An error as it may be written to the log: its class, its code and where it was raised, and its
 * message only for the kinds whose messages never quote the data being handled. Everything else
 * (our own AppError texts, zod issues, a handler's error built from input) may name a patient,
 * an MRN or a note, so its message stays out: the stack's file and line say where to look.
 */
export interface SafeError {
  name: string;
  code: string | null;
  message: string | null;
  frames: string[];
}

/** Driver and system messages: they name constraints, tables, files and reasons, never bound values. */
function messageIsSafe(err: Error, code: string | null): boolean {
  if (err.name === 'SqliteError') return true;
  if (err.name === 'DatabaseOpenError' || (code !== null && code.startsWith('DB_'))) return true;
  return code !== null && /^E[A-Z]+$/.test(code) && 'syscall' in err;
}

export function safeError(err: unknown): SafeError {
  if (!(err instanceof Error)) return { name: typeof err, code: null, message: null, frames: [] };
  const rawCode = (err as { code?: unknown }).code;
  const code = typeof rawCode === 'string' ? rawCode : null;
  const frames = (err.stack ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('at '))
    .slice(0, 12);
  return { name: err.name, code, message: messageIsSafe(err, code) ? err.message : null, frames };
}

export function formatSafeError(e: SafeError): string {
  const head = `${e.name}${e.code ? ` [${e.code}]` : ''}: ${e.message ?? '(message not logged: it may carry patient data)'}`;
  return [head, ...e.frames.map((f) => `    ${f}`)].join('\n');
}
