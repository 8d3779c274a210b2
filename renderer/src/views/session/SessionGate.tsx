import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SessionState } from '../../../../main/ipc/contract/session';
import { asApiError, call, onAuthLost, type ApiError } from '../../api';
import { AppShell } from '../../components/AppShell';
import { CenteredPage } from '../../components/CenteredPage';
import { LoadError } from '../../components/FormError';
import { SessionContext, type SessionApi } from '../../context';
import { NavigationContext, type Navigation, type Place } from '../../navigation';
import { homeFor } from '../registry';
import { LockScreen } from './LockScreen';
import { LoginPage } from './LoginPage';

/** How often to ask main whether the session has locked, so the lock screen covers the data unprompted. */
const LOCK_POLL_MS = 30_000;

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
      setSession(await call('session.current', {}));
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
    if (user) setPlace((prev) => (prev && prev.userId === user.id ? prev : { userId: user.id, place: { view: homeFor(user.role), params: {} } }));
  }, []);

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
  if (!sessionApi || !navigation) return null;
  return (
    <SessionContext.Provider value={sessionApi}>
      <NavigationContext.Provider value={navigation}>
        <AppShell />
      </NavigationContext.Provider>
    </SessionContext.Provider>
  );
}
