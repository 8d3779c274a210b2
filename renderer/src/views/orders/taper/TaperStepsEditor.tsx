import { isFrequency } from '../../../../../main/domain/frequency';
import type { TaperProblem } from '../../../../../main/domain/taper';
import { dailyDoses } from '../../../../../main/domain/taperDaily';
import { FREQUENCY_OPTIONS, frequencyWords } from '../labels';
import { roundForDisplay } from './chartData';
import type { StepDraft } from './draft';
import { DateTimeCell } from '../../../components/DateInput';

/** Taper steps are regular schedules: not "as needed", not a single dose. */
const STEP_FREQUENCIES = FREQUENCY_OPTIONS.filter((o) => dailyDoses(o.value) !== null);

/** Amount x doses a day (every other day counts a half), as main's taper check reads it; NaN when unknown. */
function dailyTotalOf(amount: string | number, frequency: string): number {
  const n = isFrequency(frequency) ? dailyDoses(frequency) : null;
  return n === null ? Number.NaN : Number(amount) * n;
}

/**
 * The plan as an editable table: one row per step (clinic time, amount per dose, how often),
 * each row can be changed or deleted. The change column compares daily totals, so a step from
 * four to three times daily at the same amount reads as the reduction it is. Rows with a problem
 * are marked invalid and the problems are listed, in the words of the same check main runs on save.
 */
export function TaperStepsEditor({
  steps,
  onChange,
  baseAmount,
  baseFrequency,
  unit,
  zone,
  problems,
  general,
}: {
  steps: readonly StepDraft[];
  onChange(steps: StepDraft[]): void;
  baseAmount: number;
  /** The frequency of the dose before the plan: a step left on "unchanged" keeps it. */
  baseFrequency: string;
  unit: string;
  zone: string;
  problems: readonly TaperProblem[];
  general: string | null;
}) {
  const update = (key: number, patch: Partial<StepDraft>) => onChange(steps.map((s) => (s.key === key ? { ...s, ...patch } : s)));
  const remove = (key: number) => onChange(steps.filter((s) => s.key !== key));
  const invalid = new Set(problems.map((p) => p.index));
  const messages = [...(general ? [general] : []), ...problems.map((p) => p.message)];

  if (steps.length === 0) return <p className="empty">No taper steps yet: generate a plan or add steps one by one.</p>;
  return (
    <>
      <table className="data-table taper-steps">
        <caption>
          Taper steps ({steps.length}), times on the clinic clock ({zone})
        </caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Takes effect</th>
            <th scope="col">Amount per dose ({unit})</th>
            <th scope="col">How often</th>
            <th scope="col">Daily total</th>
            <th scope="col">Change per day</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => {
            const frequencyOf = (d: StepDraft) => d.frequency || baseFrequency;
            const total = dailyTotalOf(s.amount, frequencyOf(s));
            const before = i === 0 ? dailyTotalOf(baseAmount, baseFrequency) : dailyTotalOf(steps[i - 1].amount, frequencyOf(steps[i - 1]));
            const change = roundForDisplay(total - before);
            const bad = invalid.has(i) || undefined;
            return (
              <tr key={s.key} className={bad ? 'has-problem' : undefined}>
                <th scope="row">Step {i + 1}</th>
                <td>
                  <DateTimeCell label={`Step ${i + 1} takes effect`} value={s.local} onChange={(local) => update(s.key, { local })} invalid={bad} />
                </td>
                <td>
                  <input type="number" step="any" min={0} inputMode="decimal" className="step-amount" aria-label={`Step ${i + 1} amount`} value={s.amount} onChange={(e) => update(s.key, { amount: e.target.value })} aria-invalid={bad} />
                </td>
                <td>
                  <select aria-label={`Step ${i + 1} how often`} value={s.frequency} onChange={(e) => update(s.key, { frequency: e.target.value })} aria-invalid={bad}>
                    <option value="">Unchanged ({frequencyWords(baseFrequency)})</option>
                    {STEP_FREQUENCIES.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="num">{Number.isFinite(total) ? `${roundForDisplay(total)} ${unit}` : '—'}</td>
                <td className="num">{Number.isFinite(change) ? `${change > 0 ? '+' : ''}${change} ${unit}` : '—'}</td>
                <td>
                  <button type="button" className="secondary small" onClick={() => remove(s.key)}>
                    Delete step {i + 1}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {messages.length ? (
        <div role="alert" className="form-error taper-problems">
          <p>The taper cannot be saved as it is:</p>
          <ul>
            {messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="hint taper-ok">Every step reduces the daily total and can be made from the available strengths.</p>
      )}
    </>
  );
}
