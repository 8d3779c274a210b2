import { useClinicZone } from '../../context';
import { useApiQuery } from '../../hooks';
import { backupWarningText } from './words';

/**
 * Issue 10, item 12: on every administrator and director screen, a warning when no good backup
 * is less than a day old, or the last attempt failed. The shell remounts it on every move, so
 * it is as fresh as the screen under it. A failure to ask shows nothing here: the screens' own
 * calls report an unreachable data service.
 */
export function BackupWarning() {
  const zone = useClinicZone();
  const status = useApiQuery('backups.status', {});
  const text = status.data ? backupWarningText(status.data, zone) : null;
  if (!text) return null;
  return (
    <section aria-label="Backup warning" className="backup-warning">
      <p>{text}</p>
    </section>
  );
}
