import { useState } from 'react';
import { ApiError } from '../../../api';
import { SafetyWarnings, type Warning } from '../start/SafetyWarnings';

/**
 * The override-reason prompt of the order actions (dose change, taper plan): main answers a save
 * that needs a reason (a dose above its usual range, a benzodiazepine tapered faster than the
 * clinic allows) with SAFETY_WARNING; the warnings are shown, and the next save sends the reason.
 * One hook and one component, so both forms ask, send and show it the same way.
 */
export interface OverridePromptState {
  warnings: readonly Warning[];
  reason: string;
  setReason(v: string): void;
  /** What the next save sends: the reason once main has asked for one, else null. */
  args: { overrideReason: string | null };
  /** For a call's .catch: keeps main's warnings for the prompt, then passes the error on. */
  keep(err: unknown): never;
}

export function useOverridePrompt(): OverridePromptState {
  const [warnings, setWarnings] = useState<Warning[]>([]);
  const [reason, setReason] = useState('');
  return {
    warnings,
    reason,
    setReason,
    args: { overrideReason: warnings.length ? reason : null },
    keep: (err: unknown): never => {
      if (err instanceof ApiError && err.code === 'SAFETY_WARNING') setWarnings(err.warnings);
      throw err;
    },
  };
}

/** The form's error summary, without main's warnings (the prompt says them better). */
export const withoutWarnings = (error: ApiError | null): ApiError | null => (error?.code === 'SAFETY_WARNING' ? null : error);

export function OverridePrompt({ prompt, error, onCancel, cancelLabel }: { prompt: OverridePromptState; error: ApiError | null; onCancel(): void; cancelLabel: string }) {
  if (prompt.warnings.length === 0) return null;
  return (
    <SafetyWarnings
      warnings={prompt.warnings}
      reason={prompt.reason}
      onReason={prompt.setReason}
      reasonError={error?.field('overrideReason')}
      onCancel={onCancel}
      heading="Check before saving"
      cancelLabel={cancelLabel}
    />
  );
}
