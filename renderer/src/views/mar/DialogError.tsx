import type { ApiError } from '../../api';

/**
 * main's refusal in a dialog: its sentence (why, and what to do), then the fields it points at.
 * A schema refusal's summary ("Invalid data: ...") is left out: the field messages say it better.
 * Local problems (a field left empty) are listed the same way, before anything is sent.
 */
export function DialogError({ error, local = {} }: { error: ApiError | null; local?: Record<string, string> }) {
  const localList = [...new Set(Object.values(local))];
  if (localList.length === 0 && !error) return null;
  const fieldList = error ? [...new Set(Object.values(error.fields))].filter((m) => m !== error.message) : [];
  const sentence = error && error.code !== 'VALIDATION' ? error.message : error && !/^Invalid data/.test(error.message) ? error.message : null;
  const list = localList.length ? localList : fieldList;
  return (
    <div role="alert" className="form-error">
      {sentence ? <p>{sentence}</p> : null}
      {list.length ? (
        <>
          <p>Nothing was saved.{sentence ? '' : ' Please correct:'}</p>
          <ul>
            {list.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </>
      ) : sentence ? (
        <p>Nothing was saved.</p>
      ) : null}
      {error?.warnings.length ? (
        <ul>
          {error.warnings.map((w) => (
            <li key={w.code + w.message}>{w.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
