/**
 * The audit log in words a clinician uses (issue 8 item 9): one map from every action code the
 * services write to a sentence, one from every entity type to a noun, and the labels of the
 * fields a before/after difference shows. AuditInput.action is typed from ACTION_WORDS, so a new
 * action without words does not compile, and tests/unit/audit-words.test.ts reads the services'
 * code to prove every written action is here.
 */

export const ACTION_WORDS = {
  // Accounts and sessions
  'users.create': 'User account created',
  'users.activate': 'User account reactivated',
  'users.deactivate': 'User account deactivated',
  'users.grant_charge_nurse': 'Charge-nurse role given',
  'users.revoke_charge_nurse': 'Charge-nurse role removed',
  'users.reset_password': 'Password reset by an administrator',
  'users.password_rehashed': 'Stored password strengthened at login',
  'session.login': 'Logged in',
  'session.login_failed': 'Login failed (wrong password)',
  'session.account_locked': 'Account locked after repeated failed logins',
  'session.logout': 'Logged out',
  'session.idle_lock': 'Session locked after inactivity',
  // Settings and formulary
  'settings.update': 'Setting changed',
  'formulary.ship': 'Medication added from the shipped formulary',
  'formulary.ship_dose_range': 'Published dose range added to a medication',
  'formulary.create': 'Medication added to the formulary',
  'formulary.update': 'Medication edited in the formulary',
  'formulary.activate': 'Medication made available to prescribe',
  'formulary.deactivate': 'Medication withdrawn from prescribing',
  // Patients
  'patients.create': 'Patient registered',
  'patients.update': 'Patient details edited',
  'patients.add_allergy': 'Allergy recorded',
  'patients.allergy_entered_in_error': 'Allergy marked entered in error',
  'patients.no_known_allergies': '“No known allergies” recorded',
  'patients.no_known_allergies_cleared': '“No known allergies” cleared (an allergy was recorded)',
  'programDays.update': 'Program days changed',
  // Orders and doses
  'orders.start': 'Order started',
  'orders.safety_override': 'Safety warning overridden',
  'orders.dose_override': 'Dose-range warning overridden',
  'orders.dose_initial': 'Starting dose set',
  'orders.dose_change': 'Dose changed',
  'orders.dose_taper_step': 'Taper step planned',
  'orders.dose_void': 'Planned dose cancelled',
  'orders.stop_taper': 'Taper stopped',
  'orders.hold': 'Order held',
  'orders.resume': 'Order resumed',
  'orders.discontinue': 'Order discontinued',
  // The MAR
  'administrations.record': 'Dose documented',
  'administrations.record_correction': 'Corrected dose documented',
  'administrations.entered_in_error': 'Dose entry marked entered in error',
  'administrations.allergy_override': 'Dose given despite a recorded allergy',
  'administrations.witness_confirmed': 'Controlled-drug dose witnessed',
  'administrations.witness_failed': 'Witness password wrong',
  'administrations.witness_locked': 'Witness account locked after repeated wrong passwords',
  'scores.record': 'Withdrawal score recorded',
  'scores.entered_in_error': 'Withdrawal score marked entered in error',
  'mar.print': 'MAR printed',
  'orders.print_list': 'Medication list printed',
  // Reviews
  'followups.schedule': 'Review scheduled',
  'followups.reassign': 'Review reassigned',
  'followups.reschedule': 'Review due date moved',
  'followups.complete': 'Review completed',
  'followups.cancel': 'Review cancelled',
  'followups.export_csv': 'Overdue-review report exported as a spreadsheet',
  'followups.export_print': 'Overdue-review report printed',
  'followups.export_cli': 'Overdue-review report exported from the command line',
  // The clinic file
  'clinic.passphrase_changed': 'Recovery passphrase changed',
  'clinic.rekeyed': 'Clinic file re-encrypted under a new key',
  'clinic.restored': 'Clinic file restored from a backup',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof ACTION_WORDS;
export const AUDIT_ACTIONS = Object.keys(ACTION_WORDS) as AuditAction[];

const isAction = (code: string): code is AuditAction => Object.prototype.hasOwnProperty.call(ACTION_WORDS, code);

/** The words for an action; an unknown code (an entry from a newer version) still reads as words, never as the code. */
export function actionWords(code: string): string {
  return isAction(code) ? ACTION_WORDS[code] : 'A change this version of Medtrack has no words for';
}

/** The kinds of action a person filters the audit log by, each with the actions it covers. */
export const ACTION_GROUPS: readonly { label: string; prefix: string }[] = [
  { label: 'Orders and doses', prefix: 'orders.' },
  { label: 'Doses given (MAR)', prefix: 'administrations.' },
  { label: 'Withdrawal scores', prefix: 'scores.' },
  { label: 'Reviews', prefix: 'followups.' },
  { label: 'Patients', prefix: 'patients.' },
  { label: 'Program days', prefix: 'programDays.' },
  { label: 'Formulary', prefix: 'formulary.' },
  { label: 'Settings', prefix: 'settings.' },
  { label: 'User accounts', prefix: 'users.' },
  { label: 'Logins and sessions', prefix: 'session.' },
  { label: 'Prints', prefix: 'mar.' },
  { label: 'The clinic file', prefix: 'clinic.' },
];

export const ENTITY_WORDS = {
  order: 'Order',
  dose_version: 'Dose',
  administration: 'Dose given',
  withdrawal_score: 'Withdrawal score',
  followup: 'Review',
  patient: 'Patient',
  allergy: 'Allergy',
  program_days: 'Program days',
  medication: 'Medication',
  setting: 'Setting',
  user: 'User account',
  report: 'Report',
  clinic: 'Clinic file',
} as const satisfies Record<string, string>;

export type AuditEntityType = keyof typeof ENTITY_WORDS;

export function entityWords(type: string): string {
  return Object.prototype.hasOwnProperty.call(ENTITY_WORDS, type) ? ENTITY_WORDS[type as AuditEntityType] : 'Record';
}

/**
 * Field labels for before/after differences. A column not listed is labelled from its name
 * ("due_date" -> "Due date"); the ones below either read better or are left out (hashes,
 * internal links and bookkeeping nobody acts on).
 */
export const FIELD_LABELS: Record<string, string | null> = {
  id: null,
  password_hash: null,
  credentials: null,
  hash: null,
  updated_at: null,
  created_at: null,
  created_by: null,
  previous_version_id: null,
  corrects_id: null,
  failed_logins: 'Failed logins',
  locked_until: 'Locked until',
  display_name: 'Name',
  given_name: 'Given name',
  family_name: 'Family name',
  mrn: 'MRN',
  date_of_birth: 'Date of birth',
  prn: 'As needed (PRN)',
  prn_indication: 'As-needed reason',
  prn_max_doses_24h: 'Most doses in 24 hours',
  prn_max_amount_24h: 'Most amount in 24 hours',
  prn_min_interval_minutes: 'Minutes between doses',
  rxnorm_code: 'RxNorm code',
  assigned_prescriber_id: 'Assigned prescriber',
  prescriber_id: 'Prescriber',
  patient_id: 'Patient',
  medication_id: 'Medication',
  order_id: 'Order',
  dose_version_id: 'Dose',
  nurse_id: 'Nurse',
  witness_id: 'Witness',
  author_id: 'Entered by',
  due_date: 'Due date',
  effective_from: 'Takes effect',
  status_reason: 'Reason for status',
  charge_nurse: 'Charge nurse',
  active: 'Active',
};

/** The label of a field in a difference, or null when it is not shown. */
export function fieldLabel(column: string): string | null {
  if (Object.prototype.hasOwnProperty.call(FIELD_LABELS, column)) return FIELD_LABELS[column];
  const words = column
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_.]+/g, ' ')
    .replace(/\b(at|id)$/i, (w) => (w.toLowerCase() === 'at' ? '(time)' : ''))
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : null;
}
