import { expect, type Page } from '@playwright/test';
import type { ChannelName, InputOf, OutputOf, Result } from '../../../main/ipc/contract';
import { CLINIC, logIn } from './flows';
import { setServerClock, type Person } from './followups';
import type { TestServer } from './server';

/**
 * Helpers for the nurse's specs. The clinic, staff, patients and orders are set up through the
 * test server's API (the same contract and handlers the screens use, as whoever is logged in),
 * because the prescribing screens have their own specs; what the nurse does is then done on
 * screen, by role and label.
 */

export const PRESCRIBER: Person = { name: 'Priya Testscript', login: 'priya.rx', password: 'prescriber-password-e2e', role: 'prescriber' };
export const NURSE: Person = { name: 'Nico Testdose', login: 'nico.rn', password: 'nurse-password-e2e', role: 'nurse' };
export const WITNESS: Person = { name: 'Wren Testwitness', login: 'wren.rn', password: 'witness-password-e2e', role: 'nurse' };

// Tuesday 2 June 2026 in Chicago (the spec clinic's zone), far from any DST change.
export const DAY1 = '2026-06-02';

/** A clinic-local wall time on a June 2026 day in Chicago (CDT, UTC-5) as a UTC instant. */
export const chicago = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00-05:00`).toISOString();

/** One call on the contract, as the session's user; throws with main's message when refused. */
export async function api<C extends ChannelName>(server: TestServer, channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result = await apiResult(server, channel, input);
  if (!result.ok) throw new Error(`${channel} refused: ${result.error.code} ${result.error.message}`);
  return result.value as OutputOf<C>;
}

export async function apiResult<C extends ChannelName>(server: TestServer, channel: C, input: InputOf<C>): Promise<Result<unknown>> {
  const res = await fetch(new URL(`/api/${channel}`, server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  if (!res.ok) throw new Error(`${channel}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as Result<unknown>;
}

export async function as(server: TestServer, person: { login: string; password: string }): Promise<void> {
  await api(server, 'session.logout', {});
  await api(server, 'session.login', { login: person.login, password: person.password });
}

export interface MarClinic {
  patientId: number;
  patientName: string;
  /** Formulary ids by name. */
  meds: Record<string, { id: number; unit: string }>;
}

export const PATIENT = { given: 'Mara', family: 'Dosewell', mrn: 'E2E-MAR-01' };
export const PATIENT_NAME = `${PATIENT.family}, ${PATIENT.given}`;

/**
 * A set-up clinic (the spec clinic's name, zone and administrator) with the given staff, the
 * server's clock at `now`. Ends with the administrator logged in (through the API), so the
 * caller can add patients.
 */
export async function setUpApiClinic(server: TestServer, now: string, staff: readonly Person[]): Promise<void> {
  await setServerClock(server, now);
  await api(server, 'clinic.setup', {
    clinicName: CLINIC.name,
    timeZone: CLINIC.timeZone,
    adminLogin: CLINIC.adminLogin,
    adminName: CLINIC.adminName,
    adminPassword: CLINIC.adminPassword,
    recoveryPassphrase: CLINIC.recoveryPassphrase,
    recoveryPassphraseConfirm: CLINIC.recoveryPassphrase,
  });
  await api(server, 'session.login', { login: CLINIC.adminLogin, password: CLINIC.adminPassword });
  for (const p of staff) {
    await api(server, 'users.create', { login: p.login, displayName: p.name, role: p.role, password: p.password });
  }
}

/**
 * A clinic with a prescriber, two nurses (one to give, one to witness) and one patient who lives
 * at the facility (so staff-given doses fall due every day), the server's clock at `now`. Ends
 * with the prescriber logged in (through the API), ready to order.
 */
export async function setUpMarClinic(server: TestServer, now: string): Promise<MarClinic> {
  await setUpApiClinic(server, now, [PRESCRIBER, NURSE, WITNESS]);
  const patient = await api(server, 'patients.create', {
    patient: { mrn: PATIENT.mrn, familyName: PATIENT.family, givenName: PATIENT.given, dateOfBirth: '1984-02-29', admissionDate: '2026-05-25', residence: 'facility' },
    allergies: [{ substance: 'Penicillin', reaction: 'Hives', severity: 'moderate' }],
  });
  await as(server, PRESCRIBER);
  const formulary = await api(server, 'formulary.list', {});
  const meds: MarClinic['meds'] = {};
  for (const m of formulary) meds[m.name] = { id: m.id, unit: m.unit };
  return { patientId: patient.id, patientName: PATIENT_NAME, meds };
}

type StartInput = InputOf<'orders.start'>;

/** The prescriber (logged in through the API) starts a staff-given order. */
export async function startOrder(server: TestServer, clinic: MarClinic, medication: string, o: Omit<StartInput, 'patientId' | 'medicationId' | 'unit' | 'administeredBy' | 'route'> & { route?: StartInput['route'] }): Promise<OutputOf<'orders.start'>> {
  const med = clinic.meds[medication];
  if (!med) throw new Error(`No ${medication} in the formulary.`);
  return api(server, 'orders.start', { route: 'oral', ...o, patientId: clinic.patientId, medicationId: med.id, unit: med.unit, administeredBy: 'staff' });
}

/** Hands the browser to a nurse: the API session is ended and the nurse logs in on screen. */
export async function nurseLogsIn(page: Page, server: TestServer, person: Person = NURSE): Promise<void> {
  await api(server, 'session.logout', {});
  await page.goto(server.url);
  await logIn(page, person.login, person.password);
  await expect(page.getByRole('heading', { level: 1, name: "Today's doses" })).toBeVisible();
}
