import type { OutputOf } from '../../../../main/ipc/contract';
import { DataTable } from '../../components/DataTable';
import { ViewLink } from '../../components/ViewLink';
import { useClinicZone } from '../../context';
import { formatDate, formatInstant } from '../../format';
import { residenceLabel } from '../patients/labels';
import { amountWithUnit } from './labels';

type Row = OutputOf<'orders.prescriberPatients'>['rows'][number];

const FLAG_LABELS: Record<string, string> = {
  allergies: 'Allergies',
  'controlled substance': 'Controlled substance',
  'withdrawal management': 'Withdrawal management',
  'held order': 'Held order',
  'safety override': 'Safety override',
  'overdue review': 'Overdue review',
};
const URGENT_FLAGS = new Set(['allergies', 'overdue review', 'safety override']);

/** One page of the prescriber's patients; the caption gives the true total (counted in main), never the page's length. */
export function PrescriberPatientsTable({ rows, total, query, onlyMine, busy }: { rows: Row[]; total: number; query: string; onlyMine: boolean; busy: boolean }) {
  const zone = useClinicZone();
  const count = total === 1 ? '1 patient' : `${total.toLocaleString('en-US')} patients`;
  const caption = `${count}${onlyMine ? ' with your orders or reviews' : ' currently admitted'}${query ? ` matching “${query}”` : ''}`;
  return (
    <>
      <DataTable<Row>
        caption={caption}
        rows={rows}
        rowKey={(r) => r.patientId}
        busy={busy}
        columns={[
          {
            id: 'patient',
            header: 'Patient',
            rowHeader: true,
            cell: (r) => (
              <>
                <ViewLink view="patientMedications" params={{ patientId: r.patientId }}>
                  <bdi>{r.name}</bdi>
                </ViewLink>
                <span className="sub nowrap">MRN {r.mrn}</span>
                <span className="sub">Lives at {r.residence === 'facility' ? 'the facility' : residenceLabel(r.residence).toLowerCase()}</span>
              </>
            ),
          },
          { id: 'active', header: 'Active', className: 'num', cell: (r) => r.activeOrders },
          { id: 'held', header: 'Held', className: 'num', cell: (r) => r.heldOrders },
          {
            id: 'nextStep',
            header: 'Next taper step',
            cell: (r) =>
              r.nextTaperStep ? (
                <>
                  <span className="nowrap">{formatInstant(r.nextTaperStep.at, zone)}</span>
                  <br />
                  {r.nextTaperStep.medication} to {amountWithUnit(r.nextTaperStep.amount, r.nextTaperStep.unit)}
                </>
              ) : (
                '—'
              ),
          },
          {
            id: 'nextReview',
            header: 'Next review due',
            className: 'nowrap',
            cell: (r) => (
              <>
                {formatDate(r.nextReviewDue)}
                {r.overdueReviews > 0 ? <span className="overdue"> ({r.overdueReviews} overdue)</span> : null}
              </>
            ),
          },
          {
            id: 'flags',
            header: 'Flags',
            cell: (r) => (
              <ul className="flags">
                {r.flags.map((f) => (
                  <li key={f} className={URGENT_FLAGS.has(f) ? 'flag urgent' : 'flag'}>
                    {FLAG_LABELS[f] ?? f}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
      {rows.length === 0 ? <p className="empty">No patients to show{query ? ` for “${query}”` : ''}.</p> : null}
    </>
  );
}
