-- schema after migrations: 0001_initial, 0002_followups_by_order, 0003_audit_state_hash, 0004_dose_ranges, 0005_mar, 0006_no_known_allergies, 0007_followups_audit_indexes, 0008_patient_search, 0009_audit_one_successor, 0010_dose_frequency_check, 0011_patients_birth_date_index
-- refresh with `npm run schema:snapshot`

-- index administrations_corrects
CREATE INDEX administrations_corrects ON administrations (corrects_id) WHERE corrects_id IS NOT NULL;

-- index administrations_one_per_slot
CREATE UNIQUE INDEX administrations_one_per_slot ON administrations (order_id, scheduled_for)
WHERE scheduled_for IS NOT NULL AND entered_in_error_at IS NULL;

-- index administrations_order_time
CREATE INDEX administrations_order_time ON administrations (order_id, administered_at);

-- index administrations_scheduled
CREATE INDEX administrations_scheduled ON administrations (scheduled_for);

-- index allergies_patient
CREATE INDEX allergies_patient ON allergies (patient_id);

-- index audit_entity
CREATE INDEX audit_entity ON audit_log (entity_type, entity_id);

-- index audit_log_one_successor
CREATE UNIQUE INDEX audit_log_one_successor ON audit_log (prev_hash);

-- index dose_versions_order
CREATE INDEX dose_versions_order ON dose_versions (order_id, effective_from);

-- index followups_cancelled
CREATE INDEX followups_cancelled ON followups (cancelled_at);

-- index followups_completed
CREATE INDEX followups_completed ON followups (completed_at);

-- index followups_due
CREATE INDEX followups_due ON followups (due_date);

-- index followups_one_open
CREATE UNIQUE INDEX followups_one_open ON followups (order_id, kind, ifnull(dose_version_id, 0))
WHERE status = 'scheduled' AND order_id IS NOT NULL;

-- index followups_open_by_due
CREATE INDEX followups_open_by_due ON followups (status, due_date, assigned_prescriber_id);

-- index followups_order
CREATE INDEX followups_order ON followups (order_id, status, due_date);

-- index followups_patient
CREATE INDEX followups_patient ON followups (patient_id, status);

-- index followups_prescriber
CREATE INDEX followups_prescriber ON followups (assigned_prescriber_id, status, due_date);

-- index order_holds_one_open
CREATE UNIQUE INDEX order_holds_one_open ON order_holds (order_id) WHERE held_to IS NULL;

-- index order_holds_order
CREATE INDEX order_holds_order ON order_holds (order_id, held_from);

-- index orders_patient
CREATE INDEX orders_patient ON orders (patient_id, status);

-- index orders_prescriber
CREATE INDEX orders_prescriber ON orders (prescriber_id, status);

-- index patients_date_of_birth_idx
CREATE INDEX patients_date_of_birth_idx ON patients (date_of_birth);

-- index patients_name
CREATE INDEX patients_name ON patients (family_name COLLATE NOCASE, given_name COLLATE NOCASE);

-- index withdrawal_scores_patient
CREATE INDEX withdrawal_scores_patient ON withdrawal_scores (patient_id, scored_at);

-- table administrations
CREATE TABLE administrations (
id INTEGER PRIMARY KEY AUTOINCREMENT,
order_id INTEGER NOT NULL REFERENCES orders(id),
dose_version_id INTEGER REFERENCES dose_versions(id),
scheduled_for TEXT,
administered_at TEXT NOT NULL,
outcome TEXT NOT NULL CHECK (outcome IN ('given','refused','held','missed')),
amount REAL CHECK (amount IS NULL OR amount >= 0),
unit TEXT,
nurse_id INTEGER NOT NULL REFERENCES users(id),
witness_id INTEGER REFERENCES users(id),
scale TEXT CHECK (scale IN ('CIWA-Ar','COWS')),
score INTEGER CHECK (score IS NULL OR score >= 0),
reason TEXT,
note TEXT,
override_reason TEXT,
corrects_id INTEGER REFERENCES administrations(id),
recorded_at TEXT NOT NULL,
entered_in_error_at TEXT,
entered_in_error_by INTEGER REFERENCES users(id),
entered_in_error_reason TEXT, route TEXT, site TEXT, prn INTEGER NOT NULL DEFAULT 0 CHECK (prn IN (0,1)), late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0,1)), late_reason TEXT, reason_code TEXT CHECK (reason_code IN ('patient_refused','patient_absent','npo','asleep','vomiting','vital_signs','sedated','prescriber_instruction','not_available','other')), score_id INTEGER REFERENCES withdrawal_scores(id),
CHECK (outcome <> 'given' OR amount IS NOT NULL),
CHECK (witness_id IS NULL OR witness_id <> nurse_id),
CHECK ((scale IS NULL) = (score IS NULL)),
CHECK (entered_in_error_at IS NULL OR (entered_in_error_by IS NOT NULL AND entered_in_error_reason IS NOT NULL))
);

-- table allergies
CREATE TABLE allergies (
id INTEGER PRIMARY KEY AUTOINCREMENT,
patient_id INTEGER NOT NULL REFERENCES patients(id),
substance TEXT NOT NULL CHECK (length(substance) BETWEEN 1 AND 200),
reaction TEXT NOT NULL DEFAULT '',
severity TEXT NOT NULL CHECK (severity IN ('mild','moderate','severe','unknown')),
status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','entered_in_error')),
status_reason TEXT,
recorded_at TEXT NOT NULL,
recorded_by INTEGER NOT NULL REFERENCES users(id)
);

-- table audit_log
CREATE TABLE audit_log (
id INTEGER PRIMARY KEY AUTOINCREMENT,
at TEXT NOT NULL,
actor_id INTEGER REFERENCES users(id),
action TEXT NOT NULL,
entity_type TEXT NOT NULL,
entity_id TEXT,
before_json TEXT,
after_json TEXT,
reason TEXT,
prev_hash TEXT NOT NULL,
hash TEXT NOT NULL UNIQUE
, state_hash TEXT CHECK (state_hash IS NULL OR length(state_hash) = 64));

-- table dose_versions
CREATE TABLE dose_versions (
id INTEGER PRIMARY KEY AUTOINCREMENT,
order_id INTEGER NOT NULL REFERENCES orders(id),
previous_version_id INTEGER REFERENCES dose_versions(id),
kind TEXT NOT NULL CHECK (kind IN ('initial','change','taper_step')),
amount REAL NOT NULL CHECK (amount >= 0),
unit TEXT NOT NULL,
frequency TEXT NOT NULL,
effective_from TEXT NOT NULL,
reason TEXT NOT NULL CHECK (length(reason) >= 1),
author_id INTEGER NOT NULL REFERENCES users(id),
created_at TEXT NOT NULL,
voided_at TEXT,
voided_by INTEGER REFERENCES users(id),
void_reason TEXT,
CHECK (voided_at IS NULL OR (voided_by IS NOT NULL AND void_reason IS NOT NULL))
);

-- table followups
CREATE TABLE "followups" (
id INTEGER PRIMARY KEY AUTOINCREMENT,
patient_id INTEGER NOT NULL REFERENCES patients(id),
order_id INTEGER REFERENCES orders(id),
dose_version_id INTEGER REFERENCES dose_versions(id),
kind TEXT NOT NULL CHECK (kind IN ('order_start','dose_change','taper_step','resume','routine','discharge','manual','mar_alert')),
due_date TEXT NOT NULL CHECK (due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
assigned_prescriber_id INTEGER NOT NULL REFERENCES users(id),
status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','completed','cancelled')),
origin TEXT NOT NULL CHECK (origin IN ('policy','manual')),
reason TEXT,
completed_at TEXT,
completed_by INTEGER REFERENCES users(id),
outcome TEXT CHECK (outcome IN ('continue','adjust','stop')),
note TEXT,
cancelled_reason TEXT,
cancelled_at TEXT,
created_at TEXT NOT NULL,
created_by INTEGER REFERENCES users(id),
CHECK (status <> 'completed' OR (completed_at IS NOT NULL AND completed_by IS NOT NULL AND outcome IS NOT NULL)),
CHECK (status <> 'cancelled' OR (cancelled_reason IS NOT NULL AND cancelled_at IS NOT NULL))
);

-- table medications
CREATE TABLE medications (
id INTEGER PRIMARY KEY AUTOINCREMENT,
name TEXT NOT NULL COLLATE NOCASE UNIQUE,
ingredients TEXT NOT NULL,
rxnorm_code TEXT,
form TEXT NOT NULL,
strengths TEXT NOT NULL,
unit TEXT NOT NULL CHECK (unit IN ('mg','mL','ug','g','{tablet}','{capsule}','{patch}','{piece}')),
drug_class TEXT NOT NULL,
sedating_class TEXT CHECK (sedating_class IN ('benzodiazepine','opioid','barbiturate','gabapentinoid')),
dea_schedule TEXT CHECK (dea_schedule IN ('II','III','IV','V')),
withdrawal_management INTEGER NOT NULL DEFAULT 0 CHECK (withdrawal_management IN (0,1)),
origin TEXT NOT NULL CHECK (origin IN ('shipped','clinic')),
active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
created_at TEXT NOT NULL,
updated_at TEXT NOT NULL
, usual_single_dose REAL CHECK (usual_single_dose IS NULL OR usual_single_dose > 0), max_single_dose REAL CHECK (max_single_dose IS NULL OR max_single_dose > 0), max_daily_dose REAL CHECK (max_daily_dose IS NULL OR max_daily_dose > 0), dose_range_source TEXT);

-- table order_holds
CREATE TABLE order_holds (
id INTEGER PRIMARY KEY AUTOINCREMENT,
order_id INTEGER NOT NULL REFERENCES orders(id),
held_from TEXT NOT NULL,
held_to TEXT CHECK (held_to IS NULL OR held_to >= held_from),
reason TEXT,
held_by INTEGER REFERENCES users(id),
ended_by INTEGER REFERENCES users(id),
created_at TEXT NOT NULL
);

-- table orders
CREATE TABLE orders (
id INTEGER PRIMARY KEY AUTOINCREMENT,
patient_id INTEGER NOT NULL REFERENCES patients(id),
medication_id INTEGER NOT NULL REFERENCES medications(id),
prescriber_id INTEGER NOT NULL REFERENCES users(id),
indication TEXT NOT NULL CHECK (length(indication) >= 1),
route TEXT NOT NULL CHECK (route IN ('oral','sublingual','buccal','transdermal','intramuscular','subcutaneous','intravenous','intranasal','inhaled','topical','rectal')),
administered_by TEXT NOT NULL CHECK (administered_by IN ('staff','patient')),
prn INTEGER NOT NULL DEFAULT 0 CHECK (prn IN (0,1)),
prn_indication TEXT,
prn_max_doses_24h INTEGER CHECK (prn_max_doses_24h IS NULL OR prn_max_doses_24h > 0),
prn_min_interval_minutes INTEGER CHECK (prn_min_interval_minutes IS NULL OR prn_min_interval_minutes > 0),
symptom_trigger TEXT,
start_at TEXT NOT NULL,
end_at TEXT CHECK (end_at IS NULL OR end_at > start_at),
status TEXT NOT NULL CHECK (status IN ('active','held','discontinued','completed')),
status_reason TEXT,
status_changed_at TEXT,
status_changed_by INTEGER REFERENCES users(id),
held_since TEXT,
safety_override_reason TEXT,
created_at TEXT NOT NULL,
created_by INTEGER NOT NULL REFERENCES users(id), prn_max_amount_24h REAL CHECK (prn_max_amount_24h IS NULL OR prn_max_amount_24h > 0), symptom_trigger_scale TEXT CHECK (symptom_trigger_scale IN ('CIWA-Ar','COWS')), symptom_trigger_min_score INTEGER CHECK (symptom_trigger_min_score IS NULL OR symptom_trigger_min_score >= 0),
CHECK (prn = 0 OR (prn_indication IS NOT NULL AND prn_max_doses_24h IS NOT NULL)),
CHECK (status NOT IN ('held','discontinued') OR status_reason IS NOT NULL)
);

-- table patients
CREATE TABLE patients (
id INTEGER PRIMARY KEY AUTOINCREMENT,
mrn TEXT NOT NULL UNIQUE CHECK (length(mrn) BETWEEN 1 AND 40),
family_name TEXT NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
given_name TEXT NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
date_of_birth TEXT NOT NULL CHECK (date_of_birth GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
admission_date TEXT NOT NULL CHECK (admission_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
discharge_date TEXT CHECK (discharge_date IS NULL OR discharge_date >= admission_date),
level_of_care TEXT NOT NULL CHECK (level_of_care IN ('1.0','2.1','2.5','3.1','3.5','3.7')),
residence TEXT NOT NULL CHECK (residence IN ('facility','home')),
created_at TEXT NOT NULL,
created_by INTEGER NOT NULL REFERENCES users(id),
updated_at TEXT NOT NULL
, no_known_allergies_at TEXT, no_known_allergies_by INTEGER REFERENCES users(id));

-- table patients_search
CREATE VIRTUAL TABLE patients_search USING fts5(mrn, family_name, given_name, full_name, tokenize = 'trigram');

-- table patients_search_config
CREATE TABLE 'patients_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table patients_search_content
CREATE TABLE 'patients_search_content'(id INTEGER PRIMARY KEY, c0, c1, c2, c3);

-- table patients_search_data
CREATE TABLE 'patients_search_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table patients_search_docsize
CREATE TABLE 'patients_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table patients_search_idx
CREATE TABLE 'patients_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table program_days
CREATE TABLE program_days (
patient_id INTEGER PRIMARY KEY REFERENCES patients(id),
weekdays TEXT NOT NULL,
absences TEXT NOT NULL DEFAULT '[]',
extra_days TEXT NOT NULL DEFAULT '[]',
updated_at TEXT NOT NULL,
updated_by INTEGER REFERENCES users(id)
);

-- table schema_migrations
CREATE TABLE schema_migrations (
version INTEGER PRIMARY KEY,
name TEXT NOT NULL,
applied_at TEXT NOT NULL
);

-- table settings
CREATE TABLE settings (
key TEXT PRIMARY KEY,
value_json TEXT NOT NULL,
updated_at TEXT NOT NULL,
updated_by INTEGER REFERENCES users(id)
);

-- table users
CREATE TABLE users (
id INTEGER PRIMARY KEY AUTOINCREMENT,
login TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(login) BETWEEN 2 AND 64),
display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
role TEXT NOT NULL CHECK (role IN ('prescriber','nurse','medical_director','admin')),
credentials TEXT,
password_hash TEXT NOT NULL,
active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
locked_until TEXT,
created_at TEXT NOT NULL,
updated_at TEXT NOT NULL
, charge_nurse INTEGER NOT NULL DEFAULT 0 CHECK (charge_nurse IN (0,1)));

-- table withdrawal_scores
CREATE TABLE withdrawal_scores (
id INTEGER PRIMARY KEY AUTOINCREMENT,
patient_id INTEGER NOT NULL REFERENCES patients(id),
scale TEXT NOT NULL CHECK (scale IN ('CIWA-Ar','COWS')),
items TEXT NOT NULL,
total INTEGER NOT NULL CHECK (total >= 0),
band TEXT NOT NULL,
scored_at TEXT NOT NULL,
nurse_id INTEGER NOT NULL REFERENCES users(id),
order_id INTEGER REFERENCES orders(id),
note TEXT,
recorded_at TEXT NOT NULL,
entered_in_error_at TEXT,
entered_in_error_by INTEGER REFERENCES users(id),
entered_in_error_reason TEXT,
CHECK (entered_in_error_at IS NULL OR (entered_in_error_by IS NOT NULL AND entered_in_error_reason IS NOT NULL))
);

-- trigger administrations_frozen
CREATE TRIGGER administrations_frozen BEFORE UPDATE ON administrations
WHEN OLD.entered_in_error_at IS NOT NULL
OR NEW.order_id IS NOT OLD.order_id OR NEW.dose_version_id IS NOT OLD.dose_version_id
OR NEW.scheduled_for IS NOT OLD.scheduled_for OR NEW.administered_at IS NOT OLD.administered_at
OR NEW.outcome IS NOT OLD.outcome OR NEW.amount IS NOT OLD.amount OR NEW.unit IS NOT OLD.unit
OR NEW.nurse_id IS NOT OLD.nurse_id OR NEW.witness_id IS NOT OLD.witness_id
OR NEW.scale IS NOT OLD.scale OR NEW.score IS NOT OLD.score OR NEW.reason IS NOT OLD.reason
OR NEW.note IS NOT OLD.note OR NEW.override_reason IS NOT OLD.override_reason
OR NEW.corrects_id IS NOT OLD.corrects_id OR NEW.recorded_at IS NOT OLD.recorded_at
OR NEW.route IS NOT OLD.route OR NEW.site IS NOT OLD.site OR NEW.prn IS NOT OLD.prn
OR NEW.late IS NOT OLD.late OR NEW.late_reason IS NOT OLD.late_reason
OR NEW.reason_code IS NOT OLD.reason_code OR NEW.score_id IS NOT OLD.score_id
BEGIN SELECT RAISE(ABORT, 'administrations are never edited; mark entered-in-error and add a new one'); END;

-- trigger administrations_no_delete
CREATE TRIGGER administrations_no_delete BEFORE DELETE ON administrations
BEGIN SELECT RAISE(ABORT, 'administrations rows are never deleted'); END;

-- trigger allergies_no_delete
CREATE TRIGGER allergies_no_delete BEFORE DELETE ON allergies
BEGIN SELECT RAISE(ABORT, 'allergies rows are never deleted'); END;

-- trigger audit_log_no_delete
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- trigger audit_log_no_update
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- trigger dose_versions_frozen
CREATE TRIGGER dose_versions_frozen BEFORE UPDATE ON dose_versions
WHEN OLD.voided_at IS NOT NULL
OR NEW.order_id IS NOT OLD.order_id OR NEW.previous_version_id IS NOT OLD.previous_version_id
OR NEW.kind IS NOT OLD.kind OR NEW.amount IS NOT OLD.amount OR NEW.unit IS NOT OLD.unit
OR NEW.frequency IS NOT OLD.frequency OR NEW.effective_from IS NOT OLD.effective_from
OR NEW.reason IS NOT OLD.reason OR NEW.author_id IS NOT OLD.author_id OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'dose versions are never edited; void and add a new one'); END;

-- trigger dose_versions_known_frequency
CREATE TRIGGER dose_versions_known_frequency BEFORE INSERT ON dose_versions
WHEN NEW.frequency NOT IN ('once','daily','bid','tid','qid','q4h','q6h','q8h','q12h','at_bedtime','every_other_day','weekly','prn') OR (NEW.kind = 'taper_step' AND NEW.frequency IN ('once','prn'))
BEGIN SELECT RAISE(ABORT, 'dose_versions: unknown frequency, or a taper step as needed or as a single dose'); END;

-- trigger dose_versions_no_delete
CREATE TRIGGER dose_versions_no_delete BEFORE DELETE ON dose_versions
BEGIN SELECT RAISE(ABORT, 'dose_versions rows are never deleted'); END;

-- trigger followups_no_delete
CREATE TRIGGER followups_no_delete BEFORE DELETE ON followups
BEGIN SELECT RAISE(ABORT, 'followups rows are never deleted'); END;

-- trigger medications_no_delete
CREATE TRIGGER medications_no_delete BEFORE DELETE ON medications
BEGIN SELECT RAISE(ABORT, 'medications rows are never deleted'); END;

-- trigger order_holds_frozen
CREATE TRIGGER order_holds_frozen BEFORE UPDATE ON order_holds
WHEN OLD.held_to IS NOT NULL
OR NEW.order_id IS NOT OLD.order_id OR NEW.held_from IS NOT OLD.held_from OR NEW.reason IS NOT OLD.reason
OR NEW.held_by IS NOT OLD.held_by OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'hold periods are never edited; only an open hold may be ended'); END;

-- trigger order_holds_no_delete
CREATE TRIGGER order_holds_no_delete BEFORE DELETE ON order_holds
BEGIN SELECT RAISE(ABORT, 'order_holds rows are never deleted'); END;

-- trigger orders_no_delete
CREATE TRIGGER orders_no_delete BEFORE DELETE ON orders
BEGIN SELECT RAISE(ABORT, 'orders rows are never deleted'); END;

-- trigger patients_no_delete
CREATE TRIGGER patients_no_delete BEFORE DELETE ON patients
BEGIN SELECT RAISE(ABORT, 'patients rows are never deleted'); END;

-- trigger patients_search_insert
CREATE TRIGGER patients_search_insert AFTER INSERT ON patients BEGIN
INSERT INTO patients_search (rowid, mrn, family_name, given_name, full_name)
VALUES (NEW.id, NEW.mrn, NEW.family_name, NEW.given_name, NEW.given_name || ' ' || NEW.family_name);
END;

-- trigger patients_search_update
CREATE TRIGGER patients_search_update AFTER UPDATE OF mrn, family_name, given_name ON patients BEGIN
UPDATE patients_search SET mrn = NEW.mrn, family_name = NEW.family_name, given_name = NEW.given_name,
full_name = NEW.given_name || ' ' || NEW.family_name WHERE rowid = NEW.id;
END;

-- trigger program_days_no_delete
CREATE TRIGGER program_days_no_delete BEFORE DELETE ON program_days
BEGIN SELECT RAISE(ABORT, 'program_days rows are never deleted'); END;

-- trigger users_no_delete
CREATE TRIGGER users_no_delete BEFORE DELETE ON users
BEGIN SELECT RAISE(ABORT, 'users rows are never deleted'); END;

-- trigger withdrawal_scores_frozen
CREATE TRIGGER withdrawal_scores_frozen BEFORE UPDATE ON withdrawal_scores
WHEN OLD.entered_in_error_at IS NOT NULL
OR NEW.patient_id IS NOT OLD.patient_id OR NEW.scale IS NOT OLD.scale OR NEW.items IS NOT OLD.items
OR NEW.total IS NOT OLD.total OR NEW.band IS NOT OLD.band OR NEW.scored_at IS NOT OLD.scored_at
OR NEW.nurse_id IS NOT OLD.nurse_id OR NEW.order_id IS NOT OLD.order_id OR NEW.note IS NOT OLD.note
OR NEW.recorded_at IS NOT OLD.recorded_at
BEGIN SELECT RAISE(ABORT, 'withdrawal scores are never edited; mark entered-in-error and record a new one'); END;

-- trigger withdrawal_scores_no_delete
CREATE TRIGGER withdrawal_scores_no_delete BEFORE DELETE ON withdrawal_scores
BEGIN SELECT RAISE(ABORT, 'withdrawal_scores rows are never deleted'); END;
