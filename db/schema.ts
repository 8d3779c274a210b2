import type { ColumnType, Generated, Selectable } from 'kysely';
import type {
  AdministeredBy,
  AdministrationOutcome,
  AllergySeverity,
  AllergyStatus,
  DeaSchedule,
  DoseKind,
  DoseUnit,
  LevelOfCare,
  MedicationOrigin,
  NotGivenReasonCode,
  OrderStatus,
  Residence,
  ReviewKind,
  ReviewOrigin,
  ReviewOutcome,
  ReviewStatus,
  Role,
  Route,
  SedatingClass,
  WithdrawalScale,
} from '../main/domain/enums';

export type {
  AllergySeverity,
  DeaSchedule,
  DoseKind,
  DoseUnit,
  LevelOfCare,
  OrderStatus,
  Residence,
  Role,
  Route,
  SedatingClass,
  WithdrawalScale,
};

/**
 * Kysely's view of the schema created by migrations/. Keep in step with every migration. The
 * enumerated columns take their types from main/domain/enums.ts, the one list of each.
 */

type Id = Generated<number>;
/** An ISO-8601 UTC instant, e.g. "2026-11-27T14:00:00.000Z". */
export type Instant = string;
/** A calendar date "YYYY-MM-DD", read in the clinic's zone. */
export type IsoDate = string;
type Bool = ColumnType<number, number | undefined, number>;

export interface UsersTable {
  id: Id;
  login: string;
  display_name: string;
  role: Role;
  credentials: string | null;
  password_hash: string;
  active: Bool;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: Instant | null;
  created_at: Instant;
  updated_at: Instant;
  /** 0005_mar: a nurse with the charge role may correct colleagues' MAR entries (if the setting allows). */
  charge_nurse: Bool;
}

export interface PatientsTable {
  id: Id;
  mrn: string;
  family_name: string;
  given_name: string;
  date_of_birth: IsoDate;
  admission_date: IsoDate;
  discharge_date: IsoDate | null;
  level_of_care: LevelOfCare;
  residence: Residence;
  created_at: Instant;
  created_by: number;
  updated_at: Instant;
  /** 0006: "no known allergies" recorded, when and by whom; null = not recorded. */
  no_known_allergies_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  no_known_allergies_by: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface AllergiesTable {
  id: Id;
  patient_id: number;
  substance: string;
  reaction: ColumnType<string, string | undefined, string>;
  severity: AllergySeverity;
  status: ColumnType<AllergyStatus, AllergyStatus | undefined, AllergyStatus>;
  status_reason: string | null;
  recorded_at: Instant;
  recorded_by: number;
}

export interface MedicationsTable {
  id: Id;
  name: string;
  /** JSON array of ingredient names, lower case. */
  ingredients: string;
  rxnorm_code: string | null;
  form: string;
  /** JSON array of available strengths in `unit`. */
  strengths: string;
  unit: DoseUnit;
  drug_class: string;
  sedating_class: SedatingClass | null;
  dea_schedule: DeaSchedule | null;
  withdrawal_management: Bool;
  origin: MedicationOrigin;
  active: Bool;
  /** 0004: dose range in `unit`; null = not listed, not checked. */
  usual_single_dose: ColumnType<number | null, number | null | undefined, number | null>;
  max_single_dose: ColumnType<number | null, number | null | undefined, number | null>;
  max_daily_dose: ColumnType<number | null, number | null | undefined, number | null>;
  dose_range_source: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Instant;
  updated_at: Instant;
}

export interface OrdersTable {
  id: Id;
  patient_id: number;
  medication_id: number;
  prescriber_id: number;
  indication: string;
  route: Route;
  administered_by: AdministeredBy;
  prn: Bool;
  prn_indication: string | null;
  prn_max_doses_24h: number | null;
  prn_min_interval_minutes: number | null;
  symptom_trigger: string | null;
  start_at: Instant;
  end_at: Instant | null;
  status: OrderStatus;
  status_reason: string | null;
  status_changed_at: Instant | null;
  status_changed_by: number | null;
  held_since: Instant | null;
  safety_override_reason: string | null;
  created_at: Instant;
  created_by: number;
  /** 0005_mar: most of the ingredient per rolling 24 h, summed across the patient's orders of it. */
  prn_max_amount_24h: number | null;
  /** 0005_mar: a symptom-triggered PRN needs a score of at least min_score on this scale. */
  symptom_trigger_scale: WithdrawalScale | null;
  symptom_trigger_min_score: number | null;
}

/** 0005_mar: a hold period [held_from, held_to); held_to null while the order is held. */
export interface OrderHoldsTable {
  id: Id;
  order_id: number;
  held_from: Instant;
  held_to: Instant | null;
  reason: string | null;
  held_by: number | null;
  ended_by: number | null;
  created_at: Instant;
}

/** 0005_mar: a home patient's program days; JSON arrays (weekdays 1 = Monday .. 7, dates YYYY-MM-DD). */
export interface ProgramDaysTable {
  patient_id: number;
  weekdays: string;
  absences: ColumnType<string, string | undefined, string>;
  extra_days: ColumnType<string, string | undefined, string>;
  updated_at: Instant;
  updated_by: number | null;
}

/** 0005_mar: a CIWA-Ar or COWS assessment, item by item (items: JSON object item -> value). */
export interface WithdrawalScoresTable {
  id: Id;
  patient_id: number;
  scale: WithdrawalScale;
  items: string;
  total: number;
  band: string;
  scored_at: Instant;
  nurse_id: number;
  order_id: number | null;
  note: string | null;
  recorded_at: Instant;
  entered_in_error_at: Instant | null;
  entered_in_error_by: number | null;
  entered_in_error_reason: string | null;
}

export interface DoseVersionsTable {
  id: Id;
  order_id: number;
  previous_version_id: number | null;
  kind: DoseKind;
  amount: number;
  unit: string;
  frequency: string;
  effective_from: Instant;
  reason: string;
  author_id: number;
  created_at: Instant;
  voided_at: Instant | null;
  voided_by: number | null;
  void_reason: string | null;
}

export type Outcome = AdministrationOutcome;

export interface AdministrationsTable {
  id: Id;
  order_id: number;
  dose_version_id: number | null;
  scheduled_for: Instant | null;
  administered_at: Instant;
  outcome: Outcome;
  amount: number | null;
  unit: string | null;
  nurse_id: number;
  witness_id: number | null;
  scale: WithdrawalScale | null;
  score: number | null;
  reason: string | null;
  note: string | null;
  override_reason: string | null;
  corrects_id: number | null;
  recorded_at: Instant;
  entered_in_error_at: Instant | null;
  entered_in_error_by: number | null;
  entered_in_error_reason: string | null;
  /** 0005_mar */
  route: string | null;
  site: string | null;
  prn: Bool;
  late: Bool;
  late_reason: string | null;
  reason_code: NotGivenReason | null;
  /** The score that justified the dose (a symptom-triggered PRN). */
  score_id: number | null;
}

export type NotGivenReason = NotGivenReasonCode;

export type FollowupKind = ReviewKind;
export type FollowupStatus = ReviewStatus;
export type FollowupOutcome = ReviewOutcome;

export interface FollowupsTable {
  id: Id;
  patient_id: number;
  order_id: number | null;
  dose_version_id: number | null;
  kind: FollowupKind;
  due_date: IsoDate;
  assigned_prescriber_id: number;
  status: ColumnType<FollowupStatus, FollowupStatus | undefined, FollowupStatus>;
  origin: ReviewOrigin;
  reason: string | null;
  completed_at: Instant | null;
  completed_by: number | null;
  outcome: FollowupOutcome | null;
  note: string | null;
  cancelled_reason: string | null;
  cancelled_at: Instant | null;
  created_at: Instant;
  created_by: number | null;
}

export interface AuditLogTable {
  id: Id;
  at: Instant;
  actor_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
  /** SHA-256 of the entity's whole row after the write (migration 0003); null before it. */
  state_hash: Generated<string | null>;
}

export interface SettingsTable {
  key: string;
  value_json: string;
  updated_at: Instant;
  updated_by: number | null;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: Instant;
}

export interface DB {
  users: UsersTable;
  patients: PatientsTable;
  allergies: AllergiesTable;
  medications: MedicationsTable;
  orders: OrdersTable;
  dose_versions: DoseVersionsTable;
  administrations: AdministrationsTable;
  order_holds: OrderHoldsTable;
  program_days: ProgramDaysTable;
  withdrawal_scores: WithdrawalScoresTable;
  followups: FollowupsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type User = Selectable<UsersTable>;
export type Patient = Selectable<PatientsTable>;
export type Allergy = Selectable<AllergiesTable>;
export type Medication = Selectable<MedicationsTable>;
export type Order = Selectable<OrdersTable>;
export type DoseVersion = Selectable<DoseVersionsTable>;
export type Administration = Selectable<AdministrationsTable>;
export type Followup = Selectable<FollowupsTable>;
export type OrderHold = Selectable<OrderHoldsTable>;
export type WithdrawalScore = Selectable<WithdrawalScoresTable>;
export type AuditEntry = Selectable<AuditLogTable>;
