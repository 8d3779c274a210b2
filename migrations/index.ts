import type { Kysely } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_followups_by_order';
import * as m0003 from './0003_followups_audit_indexes';
import * as m0004 from './0004_patient_search';

export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<any>): Promise<void>;
}

/**
 * Static list: the app is bundled, so migrations are never discovered by scanning a folder.
 * Append only; versions are consecutive from 1.
 */
export const migrations: readonly Migration[] = [
  { version: 1, name: '0001_initial', up: m0001.up },
  { version: 2, name: '0002_followups_by_order', up: m0002.up },
  { version: 3, name: '0003_followups_audit_indexes', up: m0003.up },
  { version: 4, name: '0004_patient_search', up: m0004.up },
];

export const latestSchemaVersion = migrations[migrations.length - 1].version;
