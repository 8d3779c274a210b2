import { LoadError } from '../../../components/FormError';
import { PageHeading } from '../../../components/PageHeading';
import { useApiQuery } from '../../../hooks';
import '../followups.css';
import { OverdueThresholdsForm, thresholdsFrom } from './OverdueThresholdsForm';
import { PolicyRulesForm } from './PolicyRulesForm';
import { rulesFrom } from './rules';

/** The administrator's review settings: the overdue thresholds and the scheduling rules. */
export function ReviewPolicyPage() {
  const settings = useApiQuery('settings.get', {});
  return (
    <>
      <PageHeading>Review policy</PageHeading>
      <p className="important">
        The defaults are a starting point, not clinical advice. Your medical director should decide these intervals for your program; every change is recorded in the audit log.
      </p>
      <LoadError error={settings.error} onRetry={settings.reload} />
      {settings.data ? (
        <>
          <OverdueThresholdsForm initial={thresholdsFrom(settings.data['reviews.overdue'])} />
          <PolicyRulesForm initial={rulesFrom(settings.data['reviews.policy'])} />
        </>
      ) : settings.loading ? (
        <p role="status">Loading…</p>
      ) : null}
    </>
  );
}
