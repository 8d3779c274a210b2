import type { OutputOf } from '../../../../main/ipc/contract';
import { ViewLink } from '../../components/ViewLink';
import { useClinicZone } from '../../context';
import { formatDate, formatInstant } from '../../format';
import { residenceLabel } from '../patients/labels';
import { amountWithUnit } from './labels';

type Row = OutputOf<'orders.prescriberPatients'>[number];

const FLAG_LABELS: Record<string, string> = {
  allergies: 'Allergies',
  'controlled substance': 'Controlled substance',
  'withdrawal management': 'Withdrawal management',
  'held order': 'Held order',
  'safety override': 'Safety override',
  'overdue review': 'Overdue review',
};
const URGENT_FLAGS = new Set(['allergies', 'overdue review', 'safety override']);

export function PrescriberPatientsTable({ rows, query, onlyMine, busy }: { rows: Row[]; query: string; onlyMine: boolean; busy: boolean }) {
  const zone = useClinicZone();
  const count = rows.length === 1 ? '1 patient' : `${rows.length} patients`;
  const caption = `${count}${onlyMine ? ' with your orders or reviews' : ' currently admitted'}${query ? ` matching “${query}”` : ''}`;
  return (
    <>
      <table className="data-table" aria-busy={busy || undefined}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Patient</th>
            <th scope="col" className="num">
              Active
            </th>
            <th scope="col" className="num">
              Held
            </th>
            <th scope="col">Next taper step</th>
            <th scope="col">Next review due</th>
            <th scope="col">Flags</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.patientId}>
              <th scope="row">
                <ViewLink view="patientMedications" params={{ patientId: r.patientId }}>
                  <bdi>{r.name}</bdi>
                </ViewLink>
                <span className="sub nowrap">MRN {r.mrn}</span>
                <span className="sub">Lives at {r.residence === 'facility' ? 'the facility' : residenceLabel(r.residence).toLowerCase()}</span>
              </th>
              <td className="num">{r.activeOrders}</td>
              <td className="num">{r.heldOrders}</td>
              <td>
                {r.nextTaperStep ? (
                  <>
                    <span className="nowrap">{formatInstant(r.nextTaperStep.at, zone)}</span>
                    <br />
                    {r.nextTaperStep.medication} to {amountWithUnit(r.nextTaperStep.amount, r.nextTaperStep.unit)}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td className="nowrap">
                {formatDate(r.nextReviewDue)}
                {r.overdueReviews > 0 ? <span className="overdue"> ({r.overdueReviews} overdue)</span> : null}
              </td>
              <td>
                <ul className="flags">
                  {r.flags.map((f) => (
                    <li key={f} className={URGENT_FLAGS.has(f) ? 'flag urgent' : 'flag'}>
                      {FLAG_LABELS[f] ?? f}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="empty">No patients to show{query ? ` for “${query}”` : ''}.</p> : null}
    </>
  );
}
