import { useAction } from '../hooks';
import { call } from '../api';
import { useClinic } from '../context';

/** Shown on every screen while the demo file is open, so synthetic data is never mistaken for real. */
export function DemoBanner() {
  const { setStatus } = useClinic();
  const leave = useAction();
  const onLeave = async () => {
    const status = await leave.run(() => call('clinic.closeDemo', {}));
    if (status) setStatus(status);
  };
  return (
    <div role="note" aria-label="Demo mode" className="demo-banner">
      <p>
        <strong>DEMO — synthetic data</strong> <span className="demo-detail">Every person and record here is made up.</span>
      </p>
      <button type="button" className="secondary small" onClick={onLeave} disabled={leave.pending}>
        Leave demo
      </button>
      {leave.error ? (
        <p role="alert" className="demo-error">
          {leave.error.message}
        </p>
      ) : null}
    </div>
  );
}
