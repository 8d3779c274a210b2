import type { ReactNode } from 'react';

/**
 * A form's footer: the submit button, then (when the form can be left) the secondary one that
 * leaves it. Submit is disabled while the write is in flight so a double click sends it once.
 * End-to-end tests find these buttons by role and name, so the labels are passed in verbatim.
 */
export function FormActions({
  submitLabel,
  pending,
  danger,
  onCancel,
  cancelLabel = 'Cancel',
  cancelDisabled,
}: {
  submitLabel: ReactNode;
  pending: boolean;
  /** Red submit, for writes that stop or withdraw something. */
  danger?: boolean;
  onCancel?: () => void;
  cancelLabel?: string;
  /** Also lock the way out while the write runs (when leaving mid-write would strand it). */
  cancelDisabled?: boolean;
}) {
  return (
    <div className="actions">
      <button type="submit" className={danger ? 'danger' : undefined} disabled={pending}>
        {submitLabel}
      </button>
      {onCancel ? (
        <button type="button" className="secondary" onClick={onCancel} disabled={cancelDisabled}>
          {cancelLabel}
        </button>
      ) : null}
    </div>
  );
}
