import type { Option } from '../../components/fields';

import type { LevelOfCare, Residence, AllergySeverity as Severity } from '../../../../main/domain/enums';

export type { LevelOfCare, Residence, Severity };

/** ASAM levels of care, with the names clinicians use for them. */
export const LEVEL_OF_CARE_OPTIONS: readonly Option<LevelOfCare>[] = [
  { value: '1.0', label: '1.0 — Outpatient' },
  { value: '2.1', label: '2.1 — Intensive outpatient' },
  { value: '2.5', label: '2.5 — Partial hospitalization' },
  { value: '3.1', label: '3.1 — Clinically managed low-intensity residential' },
  { value: '3.5', label: '3.5 — Clinically managed high-intensity residential' },
  { value: '3.7', label: '3.7 — Medically monitored intensive inpatient' },
];

export const RESIDENCE_OPTIONS: readonly Option<Residence>[] = [
  { value: 'facility', label: 'Lives at the facility' },
  { value: 'home', label: 'Lives at home' },
];

export const SEVERITY_OPTIONS: readonly Option<Severity>[] = [
  { value: 'unknown', label: 'Unknown' },
  { value: 'mild', label: 'Mild' },
  { value: 'moderate', label: 'Moderate' },
  { value: 'severe', label: 'Severe' },
];

export const levelOfCareLabel = (v: string) => LEVEL_OF_CARE_OPTIONS.find((o) => o.value === v)?.label ?? v;
export const residenceLabel = (v: string) => (v === 'facility' ? 'Facility' : v === 'home' ? 'Home' : v);
export const severityLabel = (v: string) => SEVERITY_OPTIONS.find((o) => o.value === v)?.label ?? v;
export const patientName = (p: { familyName: string; givenName: string }) => `${p.familyName}, ${p.givenName}`;
