import fs from 'node:fs';
import path from 'node:path';
import Logger from 'electron-log/node';
import { formatSafeError, safeError, type SafeError } from './safeError';

/**
 * The application log: errors and warnings of the main process and the database worker, in one
 * rotating file in the data folder (logs/medtrack.log; at 1 MiB it moves to medtrack.old.log and
 * a new one starts, so at most ~2 MiB are kept). electron-log's Node build, so the same code
 * runs in Electron's main process, the loopback test server and the tests. Only the main
 * thread writes; the worker sends its entries over (worker/protocol.ts).
 *
 * What goes in: a fixed message written here in code (a channel name, a duration, a phase) and
 * errors through safeError, never call input or output.
 */
export interface AppLog {
  readonly file: string;
  error(message: string, err?: unknown): void;
  warn(message: string, err?: unknown): void;
  /** An entry the worker already made safe. */
  write(level: 'error' | 'warn' | 'info', message: string, err?: SafeError): void;
}

export const LOG_FILE_NAME = 'medtrack.log';
export const logFileIn = (dataDir: string): string => path.join(dataDir, 'logs', LOG_FILE_NAME);
export const LOG_MAX_BYTES = 1024 * 1024;

let instances = 0;

/** `console`: what also goes to stderr (default warnings and errors; false for none). */
export function openAppLog(dataDir: string, opts: { console?: 'warn' | 'error' | false } = {}): AppLog {
  const file = logFileIn(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const logger = Logger.create({ logId: `medtrack-${++instances}` });
  logger.transports.file.resolvePathFn = () => file;
  logger.transports.file.level = 'warn';
  logger.transports.file.maxSize = LOG_MAX_BYTES;
  logger.transports.file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  logger.transports.console.level = opts.console ?? 'warn';
  // No remote or ipc transport is used; electron-log/node has none enabled by default.
  const write = (level: 'error' | 'warn' | 'info', message: string, err?: SafeError) => {
    const text = err ? `${message}\n${formatSafeError(err)}` : message;
    logger[level](text);
  };
  return {
    file,
    write,
    error: (message, err) => write('error', message, err === undefined ? undefined : safeError(err)),
    warn: (message, err) => write('warn', message, err === undefined ? undefined : safeError(err)),
  };
}

/** The sentence every unexpected failure shows, naming where its details are. */
export function internalErrorMessage(logFile: string | null): string {
  return `Something went wrong; nothing was saved. The details are in the application log${logFile ? ` (${logFile})` : ''}.`;
}
