import { useState } from 'react';
import { LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { useApiQuery } from '../../hooks';
import { CreateUserForm } from './CreateUserForm';
import { UserActionPanel, type UserAction } from './UserActionPanel';
import { UsersTable } from './UsersTable';

/** Staff accounts: never deleted, only deactivated, so the audit trail keeps its names. */
export function UsersPage() {
  const users = useApiQuery('users.list', { activeOnly: false });
  const [adding, setAdding] = useState(false);
  const [action, setAction] = useState<UserAction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const done = (message: string) => {
    setNotice(message);
    setAction(null);
    setAdding(false);
    users.reload();
  };

  return (
    <>
      <div className="page-title-row">
        <PageHeading>Users</PageHeading>
        {!adding ? (
          <button
            type="button"
            onClick={() => {
              setAdding(true);
              setAction(null);
            }}
          >
            Add user
          </button>
        ) : null}
      </div>
      <p role="status" className="saved">
        {notice}
      </p>
      {adding ? <CreateUserForm onCreated={(u) => done(`${u.displayName} can now log in as ${u.login}.`)} onCancel={() => setAdding(false)} /> : null}
      <LoadError error={users.error} onRetry={users.reload} />
      {users.data ? (
        <UsersTable
          users={users.data}
          onAction={(a) => {
            setAction(a);
            setAdding(false);
            setNotice(null);
          }}
        />
      ) : null}
      {action ? <UserActionPanel key={`${action.kind}-${action.user.id}`} action={action} onDone={done} onCancel={() => setAction(null)} /> : null}
    </>
  );
}
