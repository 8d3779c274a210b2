import { useState, type FormEvent } from 'react';
import type { PatientDetail } from '../../../../main/ipc/contract/patients';
import { call } from '../../api';
import { FormActions } from '../../components/FormActions';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/fields';
import { formatInstant } from '../../format';
import { useClinicZone } from '../../context';
import { useAction } from '../../hooks';
import { severityLabel } from './labels';
import './patients.css';

type Allergy = PatientDetail['allergies'][number];

/**
 * Active allergies first-class; ones entered in error stay visible, struck through, because
 * the record never loses what was once charted.
 */
export function AllergyList({
  allergies,
  canMark,
  onChanged,
}: {
  allergies: Allergy[];
  canMark: boolean;
  onChanged(p: PatientDetail): void;
}) {
  const zone = useClinicZone();
  const active = allergies.filter((a) => a.status === 'active');
  if (allergies.length === 0) return <p className="empty">No allergies listed.</p>;
  return (
    <>
      {active.length === 0 ? <p className="empty">No active allergies.</p> : null}
      <ul className="allergy-list">
        {allergies.map((a) => (
          <li key={a.id} className={a.status === 'active' ? 'allergy' : 'allergy in-error'}>
            {a.status === 'active' ? (
              <AllergySummary allergy={a} />
            ) : (
              <>
                <del>
                  <AllergySummary allergy={a} />
                </del>{' '}
                <span className="tag">Entered in error</span>
              </>
            )}
            <span className="meta">Recorded {formatInstant(a.recordedAt, zone)}</span>
            {canMark && a.status === 'active' ? <MarkEnteredInError allergy={a} onMarked={onChanged} /> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

function AllergySummary({ allergy }: { allergy: Allergy }) {
  return (
    <span>
      <strong>{allergy.substance}</strong>
      {allergy.reaction ? ` — ${allergy.reaction}` : ''}{' '}
      <span className={`severity severity-${allergy.severity}`}>{severityLabel(allergy.severity)}</span>
    </span>
  );
}

/** Asks for the reason before marking: an allergy leaves the active list only with one. */
function MarkEnteredInError({ allergy, onMarked }: { allergy: Allergy; onMarked(p: PatientDetail): void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const submit = useAction();

  if (!open) {
    return (
      <button
        type="button"
        className="secondary small"
        onClick={() => setOpen(true)}
        aria-label={`Mark ${allergy.substance} allergy entered in error`}
      >
        Mark entered in error
      </button>
    );
  }

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const updated = await submit.run(() => call('patients.markAllergyEnteredInError', { allergyId: allergy.id, reason }));
    if (updated) onMarked(updated);
  };

  return (
    <form onSubmit={onSubmit} noValidate className="inline-form" aria-label={`Mark ${allergy.substance} allergy entered in error`}>
      <FormError error={submit.error} />
      <TextField label="Reason" value={reason} onChange={setReason} error={submit.error?.field('reason')} required autoFocus size="wide" />
      <FormActions submitLabel="Mark entered in error" pending={submit.pending} danger onCancel={() => setOpen(false)} />
    </form>
  );
}

/** "Asked, none": a recorded fact, distinct from an allergy list nobody has filled in. */
export function RecordNoKnownAllergies({ patientId, onDone }: { patientId: number; onDone(p: PatientDetail): void }) {
  const action = useAction();
  const onClick = async () => {
    const updated = await action.run(() => call('patients.recordNoKnownAllergies', { patientId }));
    if (updated) onDone(updated);
  };
  return (
    <div className="row-actions">
      <FormError error={action.error} />
      <button type="button" className="secondary" onClick={onClick} disabled={action.pending}>
        Record: no known allergies
      </button>
    </div>
  );
}
