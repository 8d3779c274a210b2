import { useState } from 'react';
import type { Medication } from '../../../../../main/ipc/contract/formulary';
import { unitLabel } from '../labels';
import { addLocalDays, localToInstant } from '../time';
import { plannedPerDay, type PlannedVersion } from './chartData';
import { DoseChart } from './DoseChart';
import { nextStepDraft, type StepDraft, type TaperCheck } from './draft';
import { TaperGenerator } from './TaperGenerator';
import { TaperStepsEditor } from './TaperStepsEditor';

/**
 * Generate a plan, or build one step by step, then review it as a table and a chart before
 * saving. Used when starting an order and when replacing an order's plan.
 */
export function TaperBuilder({
  medication,
  zone,
  baseAmount,
  baseLocal,
  history,
  frequency,
  endAt,
  steps,
  onStepsChange,
  check,
  baseLabel,
}: {
  medication: Medication;
  zone: string;
  /** The dose in effect before the first step. */
  baseAmount: number;
  /** When that dose starts (clinic clock), so steps default to days after it. */
  baseLocal: string;
  /** Versions before the plan, so the chart starts where the patient is. */
  history: readonly PlannedVersion[];
  frequency: string;
  endAt: string | null;
  steps: readonly StepDraft[];
  onStepsChange(steps: StepDraft[]): void;
  check: TaperCheck;
  /** How the hint names baseLocal ("start" by default). */
  baseLabel?: string;
}) {
  const [everyDays, setEveryDays] = useState('3');
  const days = Math.max(1, Math.floor(Number(everyDays)) || 1);
  const unit = unitLabel(medication.unit);
  const plannedSteps: PlannedVersion[] = steps.flatMap((s) => {
    const at = localToInstant(s.local, zone);
    const amount = Number(s.amount);
    // The chart plots the daily total (amount x doses a day), so a step that drops a dose a day shows as the drop it is.
    return at && s.amount.trim() !== '' && Number.isFinite(amount) ? [{ effectiveFrom: at, amount, frequency: s.frequency || frequency }] : [];
  });
  const points = plannedPerDay([...history, ...plannedSteps], zone, endAt);

  return (
    <div className="taper-builder">
      <TaperGenerator
        baseAmount={baseAmount}
        baseFrequency={frequency}
        strengths={medication.strengths}
        unit={unit}
        zone={zone}
        defaultFirstLocal={addLocalDays(baseLocal, days, zone)}
        onGenerated={onStepsChange}
        everyDays={everyDays}
        onEveryDaysChange={setEveryDays}
        startWord={baseLabel}
      />
      <TaperStepsEditor steps={steps} onChange={onStepsChange} baseAmount={baseAmount} baseFrequency={frequency} unit={unit} zone={zone} problems={check.problems} general={check.general} />
      <div className="actions">
        <button type="button" className="secondary" onClick={() => onStepsChange([...steps, nextStepDraft(steps, { local: baseLocal, amount: baseAmount }, medication.strengths, zone, days)])}>
          Add a step
        </button>
      </div>
      {plannedSteps.length ? <DoseChart title="Planned dose per day (daily total)" planned={points} unit={unit} /> : null}
    </div>
  );
}
