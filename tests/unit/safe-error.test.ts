import { describe, expect, it } from 'vitest';
import { formatSafeError, safeError } from '../../main/log/safeError';
import { AppError } from '../../main/services/errors';

/** What of an error may reach the log file: messages only from kinds that never quote data. */
describe('safeError', () => {
  it('withholds the message of an error that may quote what was being handled, keeping class and frames', () => {
    const e = safeError(new AppError('CONFLICT', 'Patient Zebedee Quartermaine (MRN-4242) already has an active order.'));
    const text = formatSafeError(e);
    expect(text).not.toMatch(/Zebedee|Quartermaine|4242/);
    expect(text).toMatch(/^AppError \[CONFLICT\]: \(message not logged/);
    expect(e.frames[0]).toMatch(/^at .*safe-error\.test\.ts/);
    expect(formatSafeError(safeError(new Error('note: hives')))).not.toContain('hives');
  });

  it('keeps the driver and file-system messages, which name tables, constraints and paths', () => {
    const sqlite = Object.assign(new Error('no such table: main.test_missing_table'), { name: 'SqliteError', code: 'SQLITE_ERROR' });
    expect(formatSafeError(safeError(sqlite))).toMatch(/^SqliteError \[SQLITE_ERROR\]: no such table: main\.test_missing_table/);
    const enoent = Object.assign(new Error("ENOENT: no such file or directory, open '/x'"), { code: 'ENOENT', syscall: 'open' });
    expect(safeError(enoent).message).toContain('ENOENT');
    // A code alone, without the system call, is not enough: anyone can set a code.
    expect(safeError(Object.assign(new Error('Jane'), { code: 'EPATIENT' })).message).toBeNull();
  });

  it('logs a thrown non-error as its type only', () => {
    expect(safeError('MRN-1 Jane Doe')).toEqual({ name: 'string', code: null, message: null, frames: [] });
  });
});
