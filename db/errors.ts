/**
 * Typed startup errors. Every way opening the clinic's file can fail has its own class, so the
 * app and the command line can tell the user what happened (and what to do) instead of
 * showing a raw SQLite message. None of these paths writes to the file.
 */
export type DatabaseErrorCode =
  | 'DB_MISSING'
  | 'DB_WRONG_KEY'
  | 'DB_NOT_ENCRYPTED'
  | 'DB_CORRUPT'
  | 'DB_TOO_NEW'
  | 'DB_EXISTS';

export class DatabaseOpenError extends Error {
  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

export class DatabaseMissingError extends DatabaseOpenError {
  constructor(file: string) {
    super('DB_MISSING', `No clinic database at ${file}.`, file);
  }
}

export class WrongKeyError extends DatabaseOpenError {
  constructor(file: string) {
    super(
      'DB_WRONG_KEY',
      `The key does not open ${file}: it belongs to another clinic file, or the file is damaged. Nothing was changed.`,
      file,
    );
  }
}

export class NotEncryptedError extends DatabaseOpenError {
  constructor(file: string) {
    super('DB_NOT_ENCRYPTED', `${file} is a plain, unencrypted SQLite file; Medtrack only opens encrypted clinic files.`, file);
  }
}

export class CorruptDatabaseError extends DatabaseOpenError {
  constructor(file: string, detail: string) {
    super('DB_CORRUPT', `${file} is damaged (${detail}). Restore it from a backup.`, file);
  }
}

export class DatabaseTooNewError extends DatabaseOpenError {
  constructor(
    file: string,
    readonly fileVersion: number,
    readonly codeVersion: number,
  ) {
    super(
      'DB_TOO_NEW',
      `${file} was written by a newer Medtrack (schema ${fileVersion}; this version knows up to ${codeVersion}). Update Medtrack before opening it.`,
      file,
    );
  }
}

export class DatabaseExistsError extends DatabaseOpenError {
  constructor(file: string) {
    super('DB_EXISTS', `${file} already exists; refusing to overwrite a clinic database.`, file);
  }
}
