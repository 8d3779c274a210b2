import { useState } from 'react';
import { LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { useApiQuery } from '../../hooks';
import { DoseDialog } from './DoseDialog';
import type { DoseTarget } from './doseDraft';
import { DueDoseHead, DueDoseRow } from './DueDoseRow';
import type { Outcome } from './labels';
import { recordedMessage, doseTarget } from './TodaysDosesPage';
import { useTicking } from './useTicking';
import './mar.css';

const EOS_COLUMNS = { patient: true } as const;

/**
 * Before handing over: every dose due in this shift, across the program, that nobody has
 * documented yet. It empties as doses are documented, so no MAR cell is left blank.
 */
export function EndOfShiftPage() {
  const list = useApiQuery('doses.endOfShift', {});
  const settings = useApiQuery('settings.get', {});
  const onTimeWindow = settings.data?.['mar.onTimeWindowMinutes'];
  useTicking(list.reload);
  const [dialog, setDialog] = useState<{ target: DoseTarget; outcome: Outcome } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const data = list.data;
  const zone = data?.timeZone ?? 'UTC';

  return (
    <>
      <PageHeading>End of shift</PageHeading>
      {data ? <p className="sub">Shift {data.shift.label}.</p> : null}
      <p role="status" className="saved">
        {message}
      </p>
      <LoadError error={list.error} onRetry={list.reload} />
      {!data && list.loading ? <p role="status">Loading the doses not yet documented…</p> : null}
      {data && data.doses.length === 0 ? (
        <p role="status" className="empty">
          Every dose due this shift is documented.
        </p>
      ) : null}
      {data && data.doses.length > 0 ? (
        <table className="data-table dose-table">
          <caption>
            {data.doses.length} dose{data.doses.length === 1 ? '' : 's'} not documented
          </caption>
          <DueDoseHead timeLabel="Due" columns={EOS_COLUMNS} />
          <tbody>
            {data.doses.map((d) => (
              <DueDoseRow
                key={d.key}
                dose={d}
                zone={zone}
                columns={EOS_COLUMNS}
                patient={{ name: d.patientName, mrn: d.mrn }}
                actions={
                  <button type="button" className="small" aria-label={`Document ${d.medication.name} ${d.localTime} for ${d.patientName}`} onClick={() => setDialog({ target: doseTarget(d, d.patientName), outcome: 'given' })}>
                    Document
                  </button>
                }
              />
            ))}
          </tbody>
        </table>
      ) : null}
      {dialog && data ? (
        <DoseDialog
          target={dialog.target}
          outcome={dialog.outcome}
          nowIso={data.now}
          zone={zone}
          windowMinutes={typeof onTimeWindow === 'number' ? onTimeWindow : 60}
          onClose={() => setDialog(null)}
          onRecorded={(r) => {
            setDialog(null);
            setMessage(recordedMessage(r));
            list.reload();
          }}
        />
      ) : null}
    </>
  );
}
