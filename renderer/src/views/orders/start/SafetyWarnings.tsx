import { useEffect, useRef } from 'react';
import { TextAreaField } from '../../../components/fields';

export interface Warning {
  code: string;
  message: string;
}

/**
 * Main's safety checks found something (an allergy, a duplicate ingredient, two sedating drugs,
 * a dose above the usual range).
 * The prescriber either cancels or writes the reason to go ahead, which is stored on the order
 * and in the audit log.
 */
export function SafetyWarnings({
  warnings,
  reason,
  onReason,
  reasonError,
  onCancel,
  heading = 'Check before ordering',
  cancelLabel = 'Cancel the order',
}: {
  warnings: readonly Warning[];
  reason: string;
  onReason(v: string): void;
  reasonError?: string;
  onCancel(): void;
  heading?: string;
  cancelLabel?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'center' });
  }, []);
  return (
    <section className="safety-warnings" aria-labelledby="safety-heading" ref={ref}>
      <div role="alert">
        <h2 id="safety-heading">{heading}</h2>
        <ul>
          {warnings.map((w) => (
            <li key={w.code + w.message}>{w.message}</li>
          ))}
        </ul>
      </div>
      <p>Cancel, or give the reason to go ahead (at least a short sentence). The reason is kept with the order and in the audit log.</p>
      <TextAreaField label="Override reason" value={reason} onChange={onReason} error={reasonError} required autoFocus />
      <div className="actions">
        <button type="button" className="secondary" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </section>
  );
}
