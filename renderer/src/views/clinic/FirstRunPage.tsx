import { useEffect, useState } from 'react';
import { call } from '../../api';
import { CenteredPage } from '../../components/CenteredPage';
import { FormError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { useClinic } from '../../context';
import { useAction } from '../../hooks';
import { ClinicSetupForm } from './ClinicSetupForm';
import './clinic.css';

/** First run on this workstation: set up the clinic's own encrypted file, or try the demo. */
export function FirstRunPage() {
  const [settingUp, setSettingUp] = useState(false);
  const { setStatus } = useClinic();
  const demo = useAction();
  const percent = useJobPercent('demo', demo.pending);

  const openDemo = async () => {
    const status = await demo.run(() => call('clinic.openDemo', {}));
    if (status) setStatus(status);
  };

  return (
    <CenteredPage wide>
      <PageHeading>Set up Medtrack</PageHeading>
      <p className="lead">Medtrack keeps your program&apos;s medication records in one encrypted file on this computer.</p>
      {settingUp ? (
        <section aria-labelledby="setup-heading">
          <h2 id="setup-heading">Set up our clinic</h2>
          <ClinicSetupForm onCancel={() => setSettingUp(false)} />
        </section>
      ) : (
        <div className="choices">
          <section className="choice" aria-labelledby="choice-clinic">
            <h2 id="choice-clinic">Our clinic</h2>
            <p>
              Create the clinic&apos;s file, its first administrator and the recovery passphrase. Do this once, on the workstation the
              clinic will use.
            </p>
            <button type="button" onClick={() => setSettingUp(true)}>
              Set up our clinic
            </button>
          </section>
          <section className="choice" aria-labelledby="choice-demo">
            <h2 id="choice-demo">Demo</h2>
            <p>
              Try Medtrack with made-up staff and patients. The demo lives in its own file and never mixes with a real clinic&apos;s
              records.
            </p>
            <button type="button" className="secondary" onClick={openDemo} disabled={demo.pending}>
              Explore a demo clinic
            </button>
            {demo.pending ? (
              <p role="status">Preparing the demo clinic{percent === null ? '' : ` (${percent}% done)`}; this takes a few seconds…</p>
            ) : null}
            <FormError error={demo.error} />
          </section>
        </div>
      )}
    </CenteredPage>
  );
}

/** While `active`, the running job's percent from clinic.jobs (asked twice a second), else null. */
function useJobPercent(kind: 'backup' | 'demo', active: boolean): number | null {
  const [percent, setPercent] = useState<number | null>(null);
  useEffect(() => {
    if (!active) {
      setPercent(null);
      return;
    }
    let live = true;
    const timer = setInterval(() => {
      call('clinic.jobs', {}).then(
        (jobs) => live && setPercent(jobs.find((j) => j.kind === kind)?.percent ?? null),
        () => undefined, // progress is a nicety: the action's own answer reports any failure
      );
    }, 500);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [kind, active]);
  return percent;
}
