import type { ScoreItemDef } from '../../../../main/domain/scoreItems';
import { scoreBand, SCORE_BANDS, type WithdrawalScale } from '../../../../main/domain/scores';
import './mar.css';

type ScaleItemView = ScoreItemDef;

export type ItemValues = Record<string, number | undefined>;

/** The running total while items are being entered; null until every item has a value. */
export function totalOf(items: readonly ScaleItemView[], values: ItemValues): { sum: number; complete: boolean } {
  let sum = 0;
  let complete = true;
  for (const item of items) {
    const v = values[item.key];
    if (v === undefined) complete = false;
    else sum += v;
  }
  return { sum, complete };
}

/**
 * The scale entered item by item: one radio group per item, each value with the scale's own
 * anchor wording, so the nurse scores what they observe rather than a number from memory.
 * Values the anchors skip (CIWA-Ar's "between" points, COWS's gaps) are still offered where the
 * scale allows them, with the anchor saying so.
 */
export function ScoreItems({ scale, items, values, onChange, errors = {} }: { scale: WithdrawalScale; items: readonly ScaleItemView[]; values: ItemValues; onChange(key: string, value: number): void; errors?: Record<string, string> }) {
  return (
    <div className="score-items">
      {items.map((item, i) => (
        <fieldset key={item.key} className="score-item" aria-invalid={errors[item.key] ? true : undefined}>
          <legend>
            {i + 1}. {item.label}
          </legend>
          <p className="hint">{item.prompt}</p>
          {item.values.map((v) => (
            <label key={v}>
              <input type="radio" name={`${scale}-${item.key}`} value={v} checked={values[item.key] === v} onChange={() => onChange(item.key, v)} />
              <span>
                <strong>{v}</strong> {item.anchors[v] ?? ''}
              </span>
            </label>
          ))}
          {errors[item.key] ? <p className="field-error">{errors[item.key]}</p> : null}
        </fieldset>
      ))}
    </div>
  );
}

/** "Total 12 of 67: moderate withdrawal", announced as it changes. */
export function ScoreTotal({ scale, items, values }: { scale: WithdrawalScale; items: readonly ScaleItemView[]; values: ItemValues }) {
  const { sum, complete } = totalOf(items, values);
  const max = SCORE_BANDS[scale].max;
  const entered = items.filter((i) => values[i.key] !== undefined).length;
  const band = complete ? scoreBand(scale, sum) : null;
  return (
    <p className="score-total" role="status" aria-live="polite">
      {complete && band?.ok ? (
        <>
          Total {sum} of {max}: <span className={`score-band score-band-${band.band}`}>{band.label}</span>
        </>
      ) : (
        `Total so far ${sum} (${entered} of ${items.length} items scored)`
      )}
    </p>
  );
}
