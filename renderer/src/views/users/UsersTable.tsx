import type { OutputOf } from '../../../../main/ipc/contract';
import { formatInstant, roleLabel } from '../../format';
import { useClinicZone } from '../../context';
import type { UserAction } from './UserActionPanel';

export type User = OutputOf<'users.list'>[number];

export function UsersTable({ users, onAction }: { users: User[]; onAction(a: UserAction): void }) {
  const zone = useClinicZone();
  return (
    <table className="data-table">
      <caption>Staff accounts ({users.length})</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Login</th>
          <th scope="col">Role</th>
          <th scope="col">Status</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <tr key={u.id} className={u.active ? undefined : 'inactive'}>
            <th scope="row">
              <bdi>{u.displayName}</bdi>
              {u.credentials ? `, ${u.credentials}` : ''}
            </th>
            <td>
              <code>{u.login}</code>
            </td>
            <td>
              {roleLabel(u.role)}
              {u.role === 'nurse' && u.chargeNurse ? <span className="sub">Charge nurse</span> : null}
            </td>
            <td>{!u.active ? 'Deactivated' : u.lockedUntil ? `Locked until ${formatInstant(u.lockedUntil, zone)}` : 'Active'}</td>
            <td>
              <div className="row-actions">
                <button type="button" className="secondary small" onClick={() => onAction({ kind: u.active ? 'deactivate' : 'reactivate', user: u })} aria-label={`${u.active ? 'Deactivate' : 'Reactivate'} ${u.displayName}`}>
                  {u.active ? 'Deactivate' : 'Reactivate'}
                </button>
                <button type="button" className="secondary small" onClick={() => onAction({ kind: 'resetPassword', user: u })} aria-label={`Reset password for ${u.displayName}`}>
                  Reset password
                </button>
                {u.role === 'nurse' && u.active ? (
                  <button
                    type="button"
                    className="secondary small"
                    onClick={() => onAction({ kind: u.chargeNurse ? 'revokeCharge' : 'grantCharge', user: u })}
                    aria-label={`${u.chargeNurse ? 'Remove charge nurse' : 'Make charge nurse'}: ${u.displayName}`}
                  >
                    {u.chargeNurse ? 'Remove charge nurse' : 'Make charge nurse'}
                  </button>
                ) : null}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
