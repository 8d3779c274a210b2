import crypto from 'node:crypto';
import path from 'node:path';
import { contract, type ChannelName, type RoleName } from '../../main/ipc/contract';
import { unwrapKey } from '../../main/app/clinicFile';
import { passwordFor, seedStaff, TEST_ADMIN, TEST_PASSPHRASE, type TestApp } from './app';
import { itemsFor } from './mar';
import { keyFilePathFor, portableKeyFile, readKeyFile, writeKeyFile } from '../../main/keys/keyFile';

/**
 * A small clinic for the suites that call every channel (role matrix, fuzz): staff of every
 * role, a patient with an allergy, a withdrawal order with a taper, a manual review. And, per
 * channel, an input that is valid for the given role at this moment, so "refused" can only mean
 * the access rule. A channel missing here is reported by the suites (add it when you add the
 * channel); the access refusals of such a channel are still checked, they need no valid input.
 */
export interface World {
  staff: Awaited<ReturnType<typeof seedStaff>>;
  patientId: number;
  allergyIds: number[];
  medicationId: number;
  orderId: number;
  /** Patients with no allergies recorded, one per role that may record "no known allergies". */
  nkaPatientIds: number[];
  /** A second order, for orders.discontinue: the first must stay active for the MAR channels after it. */
  spareOrderId: number;
  reviewIds: number[];
  dir: string;
  /** The app itself, for inputs that need the open file (a fresh backup to restore). */
  app: TestApp['app'];
  /** Dose times of the order still undocumented today (the MAR), one per call that documents one. */
  doseTimes: string[];
  administrationIds: number[];
  scoreIds: number[];
}

export const LOGIN_OF: Record<RoleName, { login: string; password: string }> = {
  admin: { login: TEST_ADMIN.login, password: TEST_ADMIN.password },
  prescriber: { login: 'prescriber', password: passwordFor('prescriber') },
  nurse: { login: 'nurse', password: passwordFor('nurse') },
  medical_director: { login: 'director', password: passwordFor('director') },
};

export async function buildWorld(t: TestApp): Promise<World> {
  t.clock.set(new Date('2026-06-01T14:00:00.000Z'));
  const staff = await seedStaff(t);
  await t.loginAs('nurse', passwordFor('nurse'));
  const patient = await t.call('patients.create', {
    patient: { mrn: 'W-1', familyName: 'Worldly', givenName: 'Testa', dateOfBirth: '1980-02-02', admissionDate: '2026-05-20', residence: 'facility' },
    allergies: [1, 2, 3, 4, 5, 6].map((i) => ({ substance: `substance ${i}`, reaction: 'rash', severity: 'mild' as const })),
  });
  const nkaPatientIds: number[] = [];
  for (const i of [1, 2, 3, 4]) {
    nkaPatientIds.push((await t.call('patients.create', { patient: { mrn: `NKA-${i}`, familyName: 'Noallergy', givenName: `Pat${i}`, dateOfBirth: '1981-03-03', admissionDate: '2026-05-20', residence: 'home' }, allergies: [], confirmedDifferentPerson: true })).id);
  }
  await t.loginAs('prescriber', passwordFor('prescriber'));
  const med = (await t.call('formulary.list', { query: 'Chlordiazepoxide' }))[0];
  const order = await t.call('orders.start', {
    patientId: patient.id, medicationId: med.id, indication: 'Alcohol withdrawal', route: 'oral', administeredBy: 'staff',
    amount: 25, unit: med.unit, frequency: 'qid', startAt: '2026-06-01T14:00:00.000Z',
    taperSteps: [{ effectiveFrom: '2026-06-03T14:00:00.000Z', amount: 20 }, { effectiveFrom: '2026-06-05T14:00:00.000Z', amount: 15 }],
    // Faster than the benzodiazepine taper limit (issue 8 item 4), so it is confirmed.
    overrideReason: 'Suite fixture: a short alcohol-withdrawal taper on purpose',
  });
  const spare = await t.call('orders.start', {
    patientId: patient.id, medicationId: med.id, indication: 'Spare for the suites', route: 'oral', administeredBy: 'staff',
    amount: 5, unit: med.unit, frequency: 'daily', startAt: '2026-06-01T14:00:00.000Z', overrideReason: 'Suite fixture: a second order on purpose',
  });
  const reviews = [];
  for (let i = 0; i < 6; i++) reviews.push((await t.call('followups.schedule', { patientId: patient.id, dueDate: `2026-06-${10 + i}`, reason: `World review ${i}` })).id);
  // The MAR: today's dose times of the order, one dose documented and one score recorded to mark in error.
  await t.loginAs('nurse', passwordFor('nurse'));
  const today = await t.call('doses.today', { patientId: patient.id });
  const doseTimes = [...new Set(JSON.stringify(today).match(/"scheduledFor":"[^"]+"/g)?.map((m) => m.slice(16, -1)) ?? [])];
  const administrationIds: number[] = [];
  const first = doseTimes.shift();
  if (first) administrationIds.push((await t.call('administrations.record', { orderId: order.id, scheduledFor: first, outcome: 'refused', reasonCode: 'patient_refused', reasonText: 'Declined today', lateReason: 'World' })).administration.id);
  const scoreIds = [(await t.call('scores.record', { patientId: patient.id, scale: 'CIWA-Ar', items: itemsFor('CIWA-Ar', 4) })).score.id];
  await t.call('session.logout', {});
  return { staff, patientId: patient.id, allergyIds: patient.allergies.map((a) => a.id), medicationId: med.id, orderId: order.id, spareOrderId: spare.id, nkaPatientIds, reviewIds: reviews, dir: t.dir, app: t.app, doseTimes, administrationIds, scoreIds };
}

let n = 0;
const next = () => ++n;
/** A fresh value each call, so a second valid create is not a duplicate. */
const OTHER_PASSPHRASE = 'matrix passphrase two, long enough';
/** Whichever of the two passphrases clinic.changePassphrase moves between opens the key file now. */
function currentPassphrase(w: World): string {
  try {
    unwrapKey(path.join(w.dir, 'medtrack.db'), TEST_PASSPHRASE).fill(0);
    return TEST_PASSPHRASE;
  } catch {
    return OTHER_PASSPHRASE;
  }
}
const uniq = () => `${next()}${crypto.randomBytes(2).toString('hex')}`;

type Valid = (w: World, role: RoleName) => unknown;

/** Public channels that change which file is open or who is logged in: the suites leave them to their own tests. */
export const STATE_CHANGING_PUBLIC = new Set<string>(['clinic.setup', 'clinic.openDemo', 'clinic.closeDemo', 'clinic.unlock', 'session.login', 'session.logout']);

export const VALID: Partial<Record<ChannelName, Valid>> = {
  'clinic.status': () => ({}),
  'clinic.jobs': () => ({}),
  'clinic.about': () => ({}),
  'clinic.backup': (w) => ({ file: path.join(w.dir, `backup-${uniq()}.db`) }),
  'backups.status': () => ({}),
  'backups.run': (w) => ({ folder: w.dir }),
  // Back and forth between two passphrases: whichever opens the key file now is the current one.
  'clinic.changePassphrase': (w) => {
    const current = currentPassphrase(w);
    const next = current === TEST_PASSPHRASE ? OTHER_PASSPHRASE : TEST_PASSPHRASE;
    return { currentPassphrase: current, newPassphrase: next, newPassphraseConfirm: next };
  },
  'clinic.rekey': (w) => ({ recoveryPassphrase: currentPassphrase(w) }),
  // A copy of the clinic as it is now (VACUUM INTO on the open connection, as a backup makes it),
  // so restoring it leaves every other channel's world in place.
  'clinic.restore': (w) => {
    const out = path.join(w.dir, `restore-from-${uniq()}.db`);
    w.app.database!.sqlite.prepare('VACUUM INTO ?').run(out);
    const db = path.join(w.dir, 'medtrack.db');
    writeKeyFile(keyFilePathFor(out), portableKeyFile(readKeyFile(keyFilePathFor(db))));
    return { file: out, passphrase: currentPassphrase(w), confirm: true };
  },
  'session.current': () => ({}),
  'session.lock': () => ({}),
  'users.list': () => ({}),
  'users.create': () => ({ login: `u${uniq()}`, role: 'nurse', displayName: 'Matrix Nurse', password: 'password-matrix-1' }),
  'users.setActive': (w) => ({ id: w.staff.nurse2, active: true, reason: 'Matrix check' }),
  'users.setChargeNurse': (w) => ({ id: w.staff.nurse2, chargeNurse: true, reason: 'Matrix check' }),
  'users.resetPassword': (w) => ({ id: w.staff.nurse2, password: 'password-nurse2' }),
  'patients.list': () => ({}),
  'patients.page': () => ({ query: 'a', offset: 0, limit: 10 }),
  'patients.findDuplicates': () => ({ familyName: 'Worldly', givenName: 'Testa', dateOfBirth: '1980-02-02' }),
  'patients.get': (w) => ({ id: w.patientId }),
  'patients.create': () => ({ patient: { mrn: `M-${uniq()}`, familyName: 'Matrix', givenName: 'Pat', dateOfBirth: '1980-01-01', admissionDate: '2026-05-30', residence: 'home' }, allergies: [], confirmedDifferentPerson: true }),
  'patients.update': (w) => ({ id: w.patientId, patient: { mrn: 'W-1', familyName: 'Worldly', givenName: `Testa${next()}`, dateOfBirth: '1980-02-02', admissionDate: '2026-05-20', residence: 'facility' }, reason: 'Matrix check' }),
  'patients.addAllergy': (w) => ({ patientId: w.patientId, allergy: { substance: `matrix ${uniq()}`, severity: 'mild' } }),
  // One allergy per role that may mark one, so each call finds its own still active.
  'patients.markAllergyEnteredInError': (w, role) => ({ allergyId: w.allergyIds[['prescriber', 'nurse', 'admin', 'medical_director'].indexOf(role)], reason: 'Matrix check' }),
  'patients.recordNoKnownAllergies': (w, role) => ({ patientId: w.nkaPatientIds[['prescriber', 'nurse', 'admin', 'medical_director'].indexOf(role)] }),
  'formulary.list': () => ({}),
  'formulary.create': () => ({ name: `Matrixol ${uniq()}`, ingredients: ['matrixol'], form: 'tablet', strengths: [5], unit: 'mg', drugClass: 'test' }),
  'formulary.update': (w) => ({ id: w.medicationId, medication: { name: 'Chlordiazepoxide', ingredients: ['chlordiazepoxide'], form: 'capsule', strengths: [5, 10, 25], unit: 'mg', drugClass: 'benzodiazepine', sedatingClass: 'benzodiazepine', deaSchedule: 'IV', withdrawalManagement: true }, reason: 'Matrix check' }),
  'formulary.setActive': (w) => ({ id: w.medicationId, active: true, reason: 'Matrix check' }),
  'orders.listForPatient': (w) => ({ patientId: w.patientId }),
  'orders.get': (w) => ({ id: w.orderId }),
  'orders.checkSafety': (w) => ({ patientId: w.patientId, medicationId: w.medicationId }),
  'orders.prescriberPatients': () => ({}),
  'orders.printList': (w) => ({ patientId: w.patientId, orderIds: [w.orderId] }),
  'followups.worklist': () => ({ scope: 'everyone' }),
  'followups.counts': () => ({}),
  'followups.forPatient': (w) => ({ patientId: w.patientId }),
  'followups.schedule': (w) => ({ patientId: w.patientId, dueDate: '2026-07-01', reason: 'Matrix check' }),
  'followups.reassign': (w, role) => ({ id: w.reviewIds[role === 'prescriber' ? 0 : 1], prescriberId: w.staff.prescriber2, reason: 'Matrix check' }),
  'followups.reschedule': (w) => ({ id: w.reviewIds[2], dueDate: `2026-08-${10 + (next() % 15)}`, reason: 'Matrix check' }),
  'followups.complete': (w) => ({ id: w.reviewIds[3], outcome: 'continue', note: 'Matrix check' }),
  'overdueReport.figures': () => ({}),
  'overdueReport.reviews': (w) => ({ filters: {}, prescriberId: w.staff.prescriber, figure: 'overdue' }),
  'overdueReport.export': () => ({ format: 'csv', filters: {} }),
  'audit.list': () => ({}),
  'audit.search': (w) => ({ patientId: w.patientId, kind: 'orders.', from: '2026-01-01' }),
  'audit.verify': () => ({}),
  'settings.get': () => ({}),
  'settings.update': () => ({ values: { 'session.idleMinutes': 15 + (next() % 5) } }),
  'orders.changeDose': (w) => ({ orderId: w.orderId, amount: 25, frequency: 'tid', effectiveFrom: '2026-06-06T14:00:00.000Z', reason: 'Matrix check' }),
  'orders.setTaper': (w) => ({ orderId: w.orderId, steps: [{ effectiveFrom: '2026-06-08T14:00:00.000Z', amount: 20 }], reason: 'Matrix check', overrideReason: 'Matrix check: a fast taper on purpose' }),
  'orders.stopTaper': (w) => ({ orderId: w.orderId, reason: 'Matrix check' }),
  'orders.hold': (w) => ({ orderId: w.orderId, reason: 'Matrix check' }),
  'orders.resume': (w) => ({ orderId: w.orderId, reason: 'Matrix check' }),
  'orders.discontinue': (w) => ({ orderId: w.spareOrderId, reason: 'Matrix check' }),
  'doses.today': (w) => ({ patientId: w.patientId }),
  'doses.endOfShift': () => ({}),
  'administrations.record': (w) => ({ orderId: w.orderId, scheduledFor: w.doseTimes[0] ?? null, outcome: 'refused', reasonCode: 'patient_refused', reasonText: 'Declined today', lateReason: 'Matrix check' }),
  'administrations.markEnteredInError': (w) => ({ id: w.administrationIds[0], reason: 'Matrix check' }),
  'mar.forPatient': (w) => ({ patientId: w.patientId }),
  'mar.print': (w) => ({ patientId: w.patientId, paper: 'A4' }),
  'programDays.get': (w) => ({ patientId: w.patientId }),
  'programDays.update': (w) => ({ patientId: w.patientId, weekdays: [1, 2, 3, 4, 5].slice(0, 3 + (next() % 3)), reason: 'Matrix check' }),
  'scores.scales': () => ({}),
  'scores.record': (w) => ({ patientId: w.patientId, scale: 'CIWA-Ar', items: itemsFor('CIWA-Ar', 3) }),
  'scores.markEnteredInError': (w) => ({ id: w.scoreIds[0], reason: 'Matrix check' }),
  'scores.forPatient': (w) => ({ patientId: w.patientId }),
  'orders.start': (w) => ({ patientId: w.patientId, medicationId: w.medicationId, indication: 'Matrix', route: 'oral', administeredBy: 'staff', amount: 10, unit: 'mg', frequency: 'daily', startAt: '2026-06-01T15:00:00.000Z', overrideReason: 'Matrix check: duplicate accepted' }),
};

/** Every channel in the contract, in its order; new channels appear here by themselves. */
export const ALL_CHANNELS = Object.keys(contract) as ChannelName[];
export const rolesAllowed = (c: ChannelName): readonly RoleName[] | 'public' => contract[c].access as readonly RoleName[] | 'public';

/** A digest of every table's rows: equal before and after means the call changed nothing. */
export function tablesDigest(t: TestApp): string {
  const sqlite = t.app.database!.sqlite;
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  const h = crypto.createHash('sha256');
  for (const name of tables) {
    h.update(name);
    for (const row of sqlite.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).raw().iterate()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}

/** Puts the app in the caller's state: logged out, logged in as a role, or that role's session locked. */
export async function becomeCaller(t: TestApp, caller: RoleName | 'none' | 'locked'): Promise<void> {
  await t.raw('session.logout', {});
  if (caller === 'none') return;
  const who = LOGIN_OF[caller === 'locked' ? 'nurse' : caller];
  await t.loginAs(who.login, who.password);
  if (caller === 'locked') await t.call('session.lock', {});
}
