import type { ComponentType } from 'react';
import { roleLabel } from '../format';
import { useCan, useClinic, useSession } from '../context';
import { BackupWarning } from '../views/backups/BackupWarning';
import { placeKey, useNavigation } from '../navigation';
import { VIEWS, mayOpen, menuFor } from '../views/registry';
import { NavReviewCount, useReviewCounts } from '../views/followups/NavReviewCount';
import { PageHeading } from './PageHeading';
import { ViewLink } from './ViewLink';

/** Header, the role's menu, and the current screen. */
export function AppShell() {
  const { status } = useClinic();
  const { user, lock, logout } = useSession();
  const { place, navigate } = useNavigation();
  const menu = menuFor(user.role);
  const reviewCounts = useReviewCounts(menu.map((item) => item.name));
  const can = useCan();
  const def = VIEWS[place.view];
  // Each entry pairs its own Component with its own params; the registry's types guarantee it.
  const Page = def.Component as ComponentType<{ params: typeof place.params }>;

  return (
    <div className="shell">
      <header className="app-header">
        <p className="brand">
          <span className="brand-name">Medtrack</span>
          <span className="clinic-name">{status.clinicName}</span>
        </p>
        <div className="who">
          <span className="user-name">
            <bdi>{user.displayName}</bdi>
          </span>
          <span className="role-badge">{roleLabel(user.role)}</span>
          <button type="button" className="secondary small" onClick={() => navigate('about', {})}>
            About
          </button>
          <button type="button" className="secondary small" onClick={() => void lock()}>
            Lock
          </button>
          <button type="button" className="secondary small" onClick={() => void logout()}>
            Log out
          </button>
        </div>
      </header>
      <div className="shell-body">
        <nav aria-label="Main" className="main-nav">
          <ul>
            {menu.map((item) => (
              <li key={item.name}>
                <ViewLink view={item.name} params={{}} current={item.name === place.view}>
                  {item.title}
                </ViewLink>
                <NavReviewCount view={item.name} counts={reviewCounts} />
              </li>
            ))}
          </ul>
        </nav>
        <main className="page" key={placeKey(place)}>
          {can('backups.status') ? <BackupWarning /> : null}
          {mayOpen(user.role, place.view) ? (
            <Page params={place.params} />
          ) : (
            <>
              <PageHeading>{def.title}</PageHeading>
              <p role="status" className="notice">
                This screen is not available to your role ({roleLabel(user.role)}).
              </p>
            </>
          )}
        </main>
      </div>
    </div>
  );
}
