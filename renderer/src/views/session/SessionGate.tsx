import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SessionState } from '../../../../main/ipc/contract/session';
import { asApiError, call, onAuthLost, type ApiError } from '../../api';
import { AppShell } from '../../components/AppShell';
import { CenteredPage } from '../../components/CenteredPage';
import { LoadError } from '../../components/FormError';
import { SessionContext, type SessionApi } from '../../context';
import { NavigationContext, type Navigation, type Place } from '../../navigation';
import { homeFor, mayOpen, VIEWS, type ViewName } from '../registry';
import type { SessionUser } from '../../../../main/ipc/contract/session';
import { LockScreen } from './LockScreen';
import { LoginPage } from './LoginPage';

/** How often to ask main whether the session has locked, so the lock screen covers the data unprompted. */
const LOCK_POLL_MS = 30_000;

/**
 * Where the person is, kept in this window's sessionStorage (a view name and record ids, no
 * patient data) so a page reload (the default menu's Reload, F5) returns to the same screen
 * instead of a blank window. Gone when the window closes.
 */
const PLACE_KEY = 'medtrack.place';

function startingPlace(user: SessionUser): { userId: number; place: Place } {
  try {
    const saved = JSON.parse(sessionStorage.getItem(PLACE_KEY) ?? 'null') as { userId?: unknown; place?: { view?: unknown; params?: unknown } } | null;
    const view = saved?.place?.view;
    if (
      saved?.userId === user.id &&
      typeof view === 'string' &&
      Object.hasOwn(VIEWS, view) &&
      mayOpen(user.role, view as ViewName) &&
      typeof saved.place?.params === 'object' &&
      saved.place.params !== null
    ) {
      return { userId: user.id, place: { view, params: saved.place.params } as Place };
    }
  } catch {
    // Unreadable or no storage: start at home.
  }
  return { userId: user.id, place: { view: homeFor(user.role), params: {} } };
}

/**
 * With the clinic file open: the login screen, the lock screen, or the signed-in app. Where
 * the person was (the current screen) survives a lock, so unlocking returns them to it.
 */
export function SessionGate() {
  const [session, setSession] = useState<SessionState | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [place, setPlace] = useState<{ userId: number; place: Place } | null>(null);
  const [switchingUser, setSwitchingUser] = useState(false);
  const [lockedByUser, setLockedByUser] = useState(false);

  const reload = useCallback(async () => {
    try {
      const next = await call('session.current', {});
      setSession(next);
      // A session already open when the page loads (a reload) has no place yet: the saved one, or home.
      const user = next.user;
      if (user) setPlace((prev) => (prev && prev.userId === user.id ? prev : startingPlace(user)));
      setError(null);
    } catch (err) {
      setError(asApiError(err));
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => onAuthLost(() => void reload()), [reload]);

  const signedInId = session?.user && !session.locked ? session.user.id : null;
  useEffect(() => {
    if (signedInId === null) return;
    // session.current is public and does not count as activity, so polling never keeps a session alive.
    const timer = setInterval(() => void reload(), LOCK_POLL_MS);
    return () => clearInterval(timer);
  }, [signedInId, reload]);

  const adopt = useCallback((next: SessionState) => {
    setSession(next);
    setSwitchingUser(false);
    setLockedByUser(false);
    const user = next.user;
    if (user) setPlace((prev) => (prev && prev.userId === user.id ? prev : startingPlace(user)));
  }, []);

  useEffect(() => {
    try {
      if (place) sessionStorage.setItem(PLACE_KEY, JSON.stringify(place));
    } catch {
      // No storage (private mode): a reload then starts at home.
    }
  }, [place]);

  const sessionApi = useMemo<SessionApi | null>(() => {
    if (!session?.user) return null;
    return {
      user: session.user,
      lock: async () => {
        try {
          setSession(await call('session.lock', {}));
          setLockedByUser(true);
        } catch {
          // Locking failed only if the session is already gone; reload shows whatever screen applies.
          void reload();
        }
      },
      logout: async () => {
        try {
          await call('session.logout', {});
        } catch {
          // Already logged out (or the file closed): either way the next screen is whatever reload finds.
        }
        setPlace(null);
        try {
          sessionStorage.removeItem(PLACE_KEY);
        } catch {
          // No storage: nothing was kept.
        }
        await reload();
      },
    };
  }, [session, reload]);

  const navigation = useMemo<Navigation | null>(() => {
    if (!place) return null;
    return {
      place: place.place,
      navigate: (view, params) => setPlace((prev) => (prev ? { ...prev, place: { view, params } as Place } : prev)),
    };
  }, [place]);

  if (!session) {
    return (
      <CenteredPage>
        {error ? <LoadError error={error} onRetry={() => void reload()} /> : <p role="status">Loading…</p>}
      </CenteredPage>
    );
  }
  if (!session.user || switchingUser) {
    return <LoginPage onLoggedIn={adopt} onCancel={switchingUser ? () => setSwitchingUser(false) : undefined} />;
  }
  if (session.locked) {
    return <LockScreen user={session.user} byUser={lockedByUser} onUnlocked={adopt} onSwitchUser={() => setSwitchingUser(true)} />;
  }
  // Never a blank window: until the place is known, say so.
  if (!sessionApi || !navigation) {
    return (
      <CenteredPage>
        <p role="status">Loading…</p>
      </CenteredPage>
    );
  }
  return (
    <SessionContext.Provider value={sessionApi}>
      <NavigationContext.Provider value={navigation}>
        <AppShell />
      </NavigationContext.Provider>
    </SessionContext.Provider>
  );
}
