import type { ApiError } from '../api';

/**
 * The server's refusal, announced at once (role=alert). Field-level messages appear next to
 * their fields; this summary says what happened and that nothing was saved.
 */
export function FormError({ error }: { error: ApiError | null }) {
  if (!error) return null;
  // The fields' own messages say it better than the summary, which names them by data path.
  const fieldMessages = [...new Set(Object.values(error.fields))];
  return (
    <div role="alert" className="form-error">
      {fieldMessages.length > 0 ? (
        <>
          <p>Nothing was saved. Please correct:</p>
          <ul>
            {fieldMessages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{error.message}</p>
      )}
      {error.warnings.length > 0 ? (
        <ul>
          {error.warnings.map((w) => (
            <li key={w.code + w.message}>{w.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Loading failures of a page (not a form): the same alert, plus a way to try again. */
export function LoadError({ error, onRetry }: { error: ApiError | null; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <div role="alert" className="form-error">
      <p>{error.message}</p>
      {onRetry ? (
        <button type="button" className="secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
