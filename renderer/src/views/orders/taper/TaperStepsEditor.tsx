import type { TaperProblem } from '../../../../../main/domain/taper';
import { roundForDisplay } from './chartData';
import type { StepDraft } from './draft';
import { DateTimeCell } from '../../../components/DateInput';

/**
 * The plan as an editable table: one row per step (clinic time and amount), each row can be
 * changed or deleted. Rows with a problem are marked invalid and the problems are listed, in
 * the words of the same check main runs on save.
 */
export function TaperStepsEditor({
  steps,
  onChange,
  baseAmount,
  unit,
  zone,
  problems,
  general,
}: {
  steps: readonly StepDraft[];
  onChange(steps: StepDraft[]): void;
  baseAmount: number;
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
            <th scope="col">Change</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => {
            const before = i === 0 ? baseAmount : Number(steps[i - 1].amount);
            const change = roundForDisplay(Number(s.amount) - before);
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
        <p className="hint taper-ok">Every step reduces the dose and can be made from the available strengths.</p>
      )}
    </>
  );
}
