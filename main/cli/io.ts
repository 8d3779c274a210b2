import type { Clock } from '../clock';

/**
 * Everything a command may touch outside its arguments. Commands never reach for `process`
 * directly, so the tests run `main()` in-process with their own stdin, clock and folders.
 */
export interface CliIo {
  /** Standard input: a stream, or (in tests) a function returning all of it. */
  stdin: NodeJS.ReadableStream | (() => Promise<string>);
  stdout(text: string): void;
  stderr(text: string): void;
  clock: Clock;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Where the default database lives depends on these; tests pin them. */
  platform: NodeJS.Platform;
  homedir: string;
  /** Run by an app installed for all users on Windows, the default clinic file is the shared one. */
  installScope?: import('./paths').InstallScope;
}

/** Reads standard input to the end, once: it can carry at most one secret per run. */
export async function readAllStdin(stdin: CliIo['stdin']): Promise<string> {
  if (typeof stdin === 'function') return stdin();
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
