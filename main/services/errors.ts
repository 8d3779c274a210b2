/**
 * The errors a use case can raise. Each carries a stable code the renderer and the command line
 * can act on, and a message written for the person at the keyboard.
 */
export type AppErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'SESSION_LOCKED'
  | 'ACCOUNT_LOCKED'
  | 'BAD_CREDENTIALS'
  | 'SAFETY_WARNING'
  | 'WRONG_PASSPHRASE'
  | 'WRONG_STATE'
  | 'INTERNAL';

export interface FieldIssue {
  path: string;
  message: string;
}

export interface AppErrorDetails {
  fields?: FieldIssue[];
  warnings?: { code: string; message: string }[];
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: AppErrorDetails,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const validation = (message: string, fields?: FieldIssue[]) => new AppError('VALIDATION', message, { fields });
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`);
export const conflict = (message: string) => new AppError('CONFLICT', message);
