import { useState, type FormEvent } from 'react';
import type { ProgramDaysView } from '../../../../main/ipc/contract/programDays';
import { call } from '../../api';
import { TextField } from '../../components/fields';
import { FormActions } from '../../components/FormActions';
import { FormError, LoadError } from '../../components/FormError';
import { useCan, useClinicZone } from '../../context';
import { formatDate, formatInstant } from '../../format';
import { useAction, useApiQuery } from '../../hooks';
import { ProgramDaysFields, weekdaysInWords, type ProgramDaysDraft } from './ProgramDaysFields';
import './mar.css';

const draftOf = (v: ProgramDaysView): ProgramDaysDraft => ({ weekdays: [...v.weekdays], absences: [...v.absences], extraDays: [...v.extraDays] });

/**
 * The patient page's program days: the weekly attendance pattern and one-off absences or extra
 * days. Staff-given doses of a patient living at home fall due on these days only.
 */
export function ProgramDaysPanel({ patientId }: { patientId: number }) {
  const days = useApiQuery('programDays.get', { patientId });
  const can = useCan();
  const zone = useClinicZone();
  const [editing, setEditing] = useState<ProgramDaysDraft | null>(null);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const save = useAction();
  const v = days.data;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    const updated = await save.run(() => call('programDays.update', { patientId, ...editing, reason: reason.trim() || null }));
    if (updated) {
      days.setData(updated);
      setEditing(null);
      setReason('');
      setMessage('Program days saved.');
    }
  };

  return (
    <section aria-labelledby="program-days-heading" className="panel">
      <h2 id="program-days-heading">Program days</h2>
      <LoadError error={days.error} onRetry={days.reload} />
      <p role="status" className="saved">
        {message}
      </p>
      {v && !editing ? (
        <>
          {v.residence === 'facility' ? <p className="sub">Lives at the facility: staff-given doses fall due every day. The pattern applies if the patient moves home.</p> : null}
          <dl className="facts">
            <dt>Attends on</dt>
            <dd>{v.updatedAt ? weekdaysInWords(v.weekdays) : 'Not set yet'}</dd>
            <dt>Absences</dt>
            <dd>{v.absences.length ? v.absences.map(formatDate).join(', ') : 'None'}</dd>
            <dt>Extra days</dt>
            <dd>{v.extraDays.length ? v.extraDays.map(formatDate).join(', ') : 'None'}</dd>
            {v.updatedAt ? (
              <>
                <dt>Last changed</dt>
                <dd>
                  {formatInstant(v.updatedAt, zone)} by {v.updatedByName}
                </dd>
              </>
            ) : null}
          </dl>
          {can('programDays.update') ? (
            <button type="button" className="secondary" onClick={() => setEditing(draftOf(v))}>
              Change program days
            </button>
          ) : null}
        </>
      ) : null}
      {editing ? (
        <form className="form" onSubmit={onSubmit} noValidate aria-label="Change program days">
          <ProgramDaysFields draft={editing} onChange={setEditing} />
          <TextField label="Reason for the change (optional)" value={reason} onChange={setReason} size="wide" />
          <FormError error={save.error} />
          <FormActions submitLabel={save.pending ? 'Saving…' : 'Save program days'} pending={save.pending} onCancel={() => setEditing(null)} />
        </form>
      ) : null}
    </section>
  );
}
