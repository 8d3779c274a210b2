import type { ComponentType } from 'react';
import { contract, ROLES, type ChannelName, type RoleName } from '../../../main/ipc/contract';
import { AboutPage } from './about/AboutPage';
import { AuditLogPage } from './audit/AuditLogPage';
import { BackupsPage } from './backups/BackupsPage';
import { ReviewPolicyPage } from './followups/policy/ReviewPolicyPage';
import { ReviewsPage } from './followups/worklist/ReviewsPage';
import { FormularyPage } from './formulary/FormularyPage';
import { EndOfShiftPage } from './mar/EndOfShiftPage';
import { MarPage } from './mar/MarPage';
import { TodaysDosesPage } from './mar/TodaysDosesPage';
import { MedicationListsPage } from './orders/MedicationListsPage';
import { OrderPage } from './orders/OrderPage';
import { OverdueReportPage } from './overdueReport/OverdueReportPage';
import { PatientMedicationsPage } from './orders/PatientMedicationsPage';
import { StartOrderPage } from './orders/start/StartOrderPage';
import { EditPatientPage } from './patients/EditPatientPage';
import { NewPatientPage } from './patients/NewPatientPage';
import { PatientDetailPage } from './patients/PatientDetailPage';
import { PatientsPage } from './patients/PatientsPage';
import { SettingsPage } from './settings/SettingsPage';
import { UsersPage } from './users/UsersPage';

type NoParams = Record<string, never>;

export interface ViewDef<P> {
  /** The page heading and, for views in the menu, the menu label. */
  title: string;
  /** Who may open the view (main enforces each call anyway; this keeps the screen honest). */
  roles: readonly RoleName[];
  /** Position in each role's menu (1 = first, and that role's home screen); absent = not in the menu. */
  nav?: Partial<Record<RoleName, number>>;
  Component: ComponentType<{ params: P }>;
}

const view = <P = NoParams>(def: ViewDef<P>): ViewDef<P> => def;

/** The roles main allows on a channel: a screen that needs that channel uses the same list. */
const rolesFor = (channel: ChannelName): readonly RoleName[] => {
  const access = contract[channel].access;
  return access === 'public' ? ROLES : access;
};

/**
 * Every screen of the signed-in app, in one place. To add a screen, add one entry here: its
 * params type, who may open it and where it sits in each role's menu. navigate('name', params)
 * is then type-checked against it.
 */
export const VIEWS = {
  patients: view({
    title: 'Patients',
    roles: rolesFor('patients.list'),
    nav: { prescriber: 1, nurse: 2, medical_director: 2, admin: 4 },
    Component: PatientsPage,
  }),
  patient: view<{ id: number }>({ title: 'Patient', roles: rolesFor('patients.get'), Component: PatientDetailPage }),
  newPatient: view({ title: 'New patient', roles: rolesFor('patients.create'), Component: NewPatientPage }),
  editPatient: view<{ id: number }>({ title: 'Edit patient', roles: rolesFor('patients.update'), Component: EditPatientPage }),
  medicationLists: view({
    title: 'Medication lists',
    roles: rolesFor('orders.prescriberPatients'),
    nav: { prescriber: 2 },
    Component: MedicationListsPage,
  }),
  patientMedications: view<{ patientId: number }>({
    title: 'Medication list',
    roles: rolesFor('orders.listForPatient'),
    Component: PatientMedicationsPage,
  }),
  startOrder: view<{ patientId: number }>({ title: 'Start an order', roles: rolesFor('orders.start'), Component: StartOrderPage }),
  order: view<{ id: number }>({ title: 'Order', roles: rolesFor('orders.get'), Component: OrderPage }),
  // The director opens the team worklist from the overdue-review report (and it links back); it is a prescriber's menu entry.
  reviews: view({ title: 'Reviews', roles: rolesFor('followups.worklist'), nav: { prescriber: 3 }, Component: ReviewsPage }),
  todaysDoses: view({ title: "Today's doses", roles: rolesFor('doses.today'), nav: { nurse: 1 }, Component: TodaysDosesPage }),
  // 1.5: between Today's doses and Patients, without renumbering the entries around it.
  endOfShift: view({ title: 'End of shift', roles: rolesFor('doses.endOfShift'), nav: { nurse: 1.5 }, Component: EndOfShiftPage }),
  mar: view<{ patientId: number }>({ title: 'MAR', roles: rolesFor('mar.forPatient'), Component: MarPage }),
  overdueReport: view({ title: 'Overdue-review report', roles: rolesFor('overdueReport.figures'), nav: { medical_director: 1 }, Component: OverdueReportPage }),
  users: view({ title: 'Users', roles: rolesFor('users.create'), nav: { admin: 1 }, Component: UsersPage }),
  settings: view({ title: 'Settings', roles: rolesFor('settings.update'), nav: { admin: 2 }, Component: SettingsPage }),
  // 2.5: right after Settings, without renumbering the entries around it.
  reviewPolicy: view({ title: 'Review policy', roles: rolesFor('settings.update'), nav: { admin: 2.5 }, Component: ReviewPolicyPage }),
  audit: view({ title: 'Audit log', roles: rolesFor('audit.verify'), nav: { medical_director: 3, admin: 3 }, Component: AuditLogPage }),
  formulary: view({ title: 'Formulary', roles: rolesFor('formulary.create'), nav: { admin: 5 }, Component: FormularyPage }),
  backups: view({ title: 'Backups', roles: rolesFor('backups.run'), nav: { admin: 6 }, Component: BackupsPage }),
  // Opened from the header's About button (and, in Electron, also as a dialog from Help > About).
  about: view({ title: 'About Medtrack', roles: rolesFor('clinic.about'), Component: AboutPage }),
};

export type Views = typeof VIEWS;
export type ViewName = keyof Views;
// Distributes over a union of names, so ParamsOf<ViewName> is the union of every view's params.
export type ParamsOf<V extends ViewName> = V extends ViewName ? (Views[V] extends ViewDef<infer P> ? P : never) : never;

/** The role's menu, in order. */
export function menuFor(role: RoleName): { name: ViewName; title: string }[] {
  return (Object.keys(VIEWS) as ViewName[])
    .map((name) => ({ name, title: VIEWS[name].title, position: VIEWS[name].nav?.[role] }))
    .filter((v): v is { name: ViewName; title: string; position: number } => v.position !== undefined)
    .sort((a, b) => a.position - b.position)
    .map(({ name, title }) => ({ name, title }));
}

/** Where a role lands after logging in: the first entry of its menu. */
export function homeFor(role: RoleName): ViewName {
  return menuFor(role)[0]?.name ?? 'patients';
}

export function mayOpen(role: RoleName, name: ViewName): boolean {
  return VIEWS[name].roles.includes(role);
}
