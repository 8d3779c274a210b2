import { useState } from 'react';
import type { OutputOf } from '../../../../main/ipc/contract';
import type { WithdrawalScale } from '../../../../main/domain/scores';
import { call } from '../../api';
import { useAction } from '../../hooks';
import { instantToLocal, localToInstant } from '../orders/time';
import { Modal } from './Modal';
import { ScoreForm } from './ScoreForm';

export type ScoreResult = OutputOf<'scores.record'>;

/** Recording a CIWA-Ar or COWS for one patient, item by item, in a dialog over Today's doses. */
export function ScoreDialog({ scale, patientId, patientName, orderId = null, nowIso, zone, onClose, onRecorded }: { scale: WithdrawalScale; patientId: number; patientName: string; orderId?: number | null; nowIso: string; zone: string; onClose(): void; onRecorded(result: ScoreResult): void }) {
  const [takenAt, setTakenAt] = useState(() => instantToLocal(nowIso, zone));
  const [touched, setTouched] = useState(false);
  const submit = useAction();
  const onSubmit = async (items: Record<string, number>) => {
    const scoredAt = touched ? (localToInstant(takenAt, zone) ?? takenAt) : null;
    const result = await submit.run(() => call('scores.record', { patientId, scale, items, scoredAt, orderId }));
    if (result) onRecorded(result);
  };
  return (
    <Modal title={`${scale} for ${patientName}`} onClose={onClose}>
      <ScoreForm
        scale={scale}
        takenAt={takenAt}
        onTakenAt={(v) => {
          setTakenAt(v);
          setTouched(true);
        }}
        onSubmit={(items) => void onSubmit(items)}
        onCancel={onClose}
        pending={submit.pending}
        error={submit.error}
      />
    </Modal>
  );
}
