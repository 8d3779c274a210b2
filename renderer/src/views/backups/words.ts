import type { OutputOf } from '../../../../main/ipc/contract';
import { formatInstant } from '../../format';

type Record_ = NonNullable<OutputOf<'backups.status'>['lastGood']>;
type Status = OutputOf<'backups.status'>;

/** 1234567 -> "1.2 MB" (decimal units, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = bytes / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** One good backup in a sentence: when, which file, how big, who started it. */
export function describeBackup(r: Record_, zone: string | null): string {
  const how = r.trigger === 'scheduled' ? 'daily backup' : 'backup made by hand';
  return `${formatInstant(r.finishedAt, zone)}, ${how}: ${r.file ?? ''} (${formatBytes(r.sizeBytes ?? 0)}), checked and intact.`;
}

/** What the warning on the administrator's and director's screens says, or null for none. */
export function backupWarningText(s: Status, zone: string | null): string | null {
  const parts: string[] = [];
  if (s.warning === 'never') parts.push('No backup of the clinic file has been made on this workstation yet.');
  if (s.warning === 'stale' && s.lastGood) parts.push(`The last good backup is from ${formatInstant(s.lastGood.finishedAt, zone)}, more than a day ago.`);
  if (s.lastFailure) parts.push(`The backup of ${formatInstant(s.lastFailure.startedAt, zone)} failed: ${s.lastFailure.message ?? 'no reason was recorded.'}`);
  if (parts.length === 0) return null;
  parts.push('An administrator can back up now, or set up the daily backup, on the Backups screen.');
  return parts.join(' ');
}
