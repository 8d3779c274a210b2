import type { Medication } from '../../../../main/ipc/contract/formulary';
import { deaLabel, unitLabel } from '../orders/labels';

export function FormularyTable({ medications, busy, onEdit, onSetActive }: { medications: Medication[]; busy: boolean; onEdit(m: Medication): void; onSetActive(m: Medication): void }) {
  const shipped = medications.filter((m) => m.origin === 'shipped').length;
  return (
    <>
      <table className="data-table formulary-table" aria-busy={busy || undefined}>
        <caption>
          {medications.length} medications: {shipped} shipped with Medtrack, {medications.length - shipped} added by the clinic
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Form and strengths</th>
            <th scope="col">Class</th>
            <th scope="col">DEA schedule</th>
            <th scope="col">Origin and status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {medications.map((m) => (
            <tr key={m.id} className={m.active ? undefined : 'inactive'}>
              <th scope="row">
                {m.name}
                <span className="sub">{m.ingredients.join(', ')}</span>
                {m.rxnormCode ? <span className="sub">RxNorm {m.rxnormCode}</span> : null}
              </th>
              <td>
                {m.form}
                <span className="sub">
                  {m.strengths.join(', ')} {unitLabel(m.unit)}
                </span>
              </td>
              <td>
                {m.drugClass}
                {m.sedatingClass ? <span className="sub">Sedating: {m.sedatingClass}</span> : null}
                {m.withdrawalManagement ? <span className="sub">Withdrawal management</span> : null}
              </td>
              <td className="nowrap">{m.deaSchedule ? deaLabel(m.deaSchedule) : '—'}</td>
              <td>
                {m.origin === 'shipped' ? 'Shipped' : 'Clinic'}
                <span className="sub">{m.active ? 'Active' : 'Withdrawn'}</span>
              </td>
              <td>
                <div className="row-actions nowrap">
                  <button type="button" className="secondary small" onClick={() => onEdit(m)} aria-label={`Edit ${m.name}`}>
                    Edit
                  </button>
                  <button type="button" className="secondary small" onClick={() => onSetActive(m)} aria-label={`${m.active ? 'Withdraw' : 'Restore'} ${m.name}`}>
                    {m.active ? 'Withdraw' : 'Restore'}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {medications.length === 0 ? <p className="empty">No medications match.</p> : null}
    </>
  );
}
