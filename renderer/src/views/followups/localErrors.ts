import { ApiError } from '../../api';

/**
 * A refusal found before asking main (an empty choice that would otherwise reach main as a
 * number it cannot explain well), shaped like main's own so the form shows it the same way.
 */
export function fieldError(path: string, message: string): ApiError {
  return new ApiError({ code: 'VALIDATION', message, fields: [{ path, message }] });
}
