import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ClinicStatus } from '../../main/ipc/contract/clinic';
import { asApiError, call, onAuthLost, type ApiError } from './api';
import { CenteredPage } from './components/CenteredPage';
import { DemoBanner } from './components/DemoBanner';
import { LoadError } from './components/FormError';
import { ClinicContext, type ClinicState } from './context';
import { FirstRunPage } from './views/clinic/FirstRunPage';
import { UnlockPage } from './views/clinic/UnlockPage';
import { SessionGate } from './views/session/SessionGate';

/**
 * The top of the app: which screen the clinic file's phase calls for. needs_setup -> first run,
 * locked -> recovery passphrase, open -> log in / lock screen / the signed-in shell.
 */
export function App() {
  const [status, setStatus] = useState<ClinicStatus | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const refresh = useCallback(async () => {
    try {
      setStatus(await call('clinic.status', {}));
      setError(null);
    } catch (err) {
      setError(asApiError(err));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // A call refused for want of a session may mean the file itself closed (main restarted on a
  // new workstation): re-read the phase so the unlock screen appears if it must.
  useEffect(() => onAuthLost(() => void refresh()), [refresh]);

  const clinic = useMemo<ClinicState | null>(() => (status ? { status, refresh, setStatus } : null), [status, refresh]);

  if (!clinic) {
    return (
      <CenteredPage>
        {error ? (
          <>
            <h1>Medtrack cannot start</h1>
            <LoadError error={error} onRetry={() => void refresh()} />
          </>
        ) : (
          <p role="status">Starting Medtrack…</p>
        )}
      </CenteredPage>
    );
  }

  return (
    <ClinicContext.Provider value={clinic}>
      {clinic.status.mode === 'demo' ? <DemoBanner /> : null}
      <PhaseScreen status={clinic.status} />
    </ClinicContext.Provider>
  );
}

function PhaseScreen({ status }: { status: ClinicStatus }) {
  switch (status.phase) {
    case 'needs_setup':
      return <FirstRunPage />;
    case 'locked':
      return <UnlockPage />;
    case 'open':
      // Keyed by file, so leaving the demo for the clinic (or back) never carries a session over.
      return <SessionGate key={status.mode ?? 'none'} />;
  }
}
