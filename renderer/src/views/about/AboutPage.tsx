import { LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { useApiQuery } from '../../hooks';
import './about.css';

/**
 * About Medtrack: what IT and support ask for first (version, where the data and the log are,
 * which schema and cipher library). The same facts as the Help menu's About dialog.
 */
export function AboutPage() {
  const about = useApiQuery('clinic.about', {});
  const a = about.data;
  return (
    <>
      <PageHeading>About Medtrack</PageHeading>
      <LoadError error={about.error} onRetry={about.reload} />
      {a ? (
        <dl className="about">
          <dt>Version</dt>
          <dd>{a.version}</dd>
          <dt>Data folder</dt>
          <dd>
            <code>{a.dataFolder}</code>
          </dd>
          <dt>Application log</dt>
          <dd>
            <code>{a.logFile}</code>
          </dd>
          <dt>Database schema</dt>
          <dd>
            {a.schemaVersion === null
              ? `no clinic file open (this version knows schema ${a.latestSchemaVersion})`
              : `version ${a.schemaVersion} of ${a.latestSchemaVersion}`}
          </dd>
          <dt>Encryption library</dt>
          <dd>
            {a.cipherLibrary}, SQLite {a.sqliteVersion}
          </dd>
          <dt>Runtime</dt>
          <dd>{a.runtime}</dd>
        </dl>
      ) : about.loading ? (
        <p role="status">Loading…</p>
      ) : null}
    </>
  );
}
