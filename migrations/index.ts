import type { Kysely } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_followups_by_order';
import * as m0003 from './0003_audit_state_hash';
import * as m0004 from './0004_dose_ranges';
import * as m0005 from './0005_mar';
import * as m0006 from './0006_no_known_allergies';
import * as m0007 from './0007_followups_audit_indexes';
import * as m0008 from './0008_patient_search';
import * as m0009 from './0009_audit_one_successor';
import * as m0010 from './0010_dose_frequency_check';
import * as m0011 from './0011_patients_birth_date_index';

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
  { version: 3, name: '0003_audit_state_hash', up: m0003.up },
  { version: 4, name: '0004_dose_ranges', up: m0004.up },
  { version: 5, name: '0005_mar', up: m0005.up },
  { version: 6, name: '0006_no_known_allergies', up: m0006.up },
  { version: 7, name: '0007_followups_audit_indexes', up: m0007.up },
  { version: 8, name: '0008_patient_search', up: m0008.up },
  { version: 9, name: '0009_audit_one_successor', up: m0009.up },
  { version: 10, name: '0010_dose_frequency_check', up: m0010.up },
  { version: 11, name: '0011_patients_birth_date_index', up: m0011.up },
];

export const latestSchemaVersion = migrations[migrations.length - 1].version;
