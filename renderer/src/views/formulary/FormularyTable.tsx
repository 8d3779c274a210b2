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
            <th scope="col">Withdrawal management</th>
            <th scope="col">RxNorm</th>
            <th scope="col">Origin</th>
            <th scope="col">Status</th>
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
              </td>
              <td>{m.deaSchedule ? deaLabel(m.deaSchedule) : '—'}</td>
              <td>{m.withdrawalManagement ? 'Yes' : 'No'}</td>
              <td>{m.rxnormCode ?? '—'}</td>
              <td>{m.origin === 'shipped' ? 'Shipped' : 'Clinic'}</td>
              <td>{m.active ? 'Active' : 'Withdrawn'}</td>
              <td>
                <div className="row-actions">
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
