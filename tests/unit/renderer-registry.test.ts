import { describe, expect, it } from 'vitest';
import { ROLES } from '../../main/ipc/contract';
import { VIEWS, homeFor, mayOpen, menuFor, type ViewName } from '../../renderer/src/views/registry';

describe('the renderer view registry', () => {
  it('gives each role the menu the program asked for, in order', () => {
    const titles = (role: (typeof ROLES)[number]) => menuFor(role).map((v) => v.title);
    expect(titles('prescriber')).toEqual(['Patients', 'Medication lists', 'Reviews']);
    expect(titles('nurse')).toEqual(["Today's doses", 'End of shift', 'Patients']);
    expect(titles('medical_director')).toEqual(['Overdue-review report', 'Patients', 'Audit log']);
    expect(titles('admin')).toEqual(['Users', 'Settings', 'Review policy', 'Audit log', 'Patients', 'Formulary', 'Backups']);
  });

  it('never puts a screen in a menu of a role that may not open it', () => {
    for (const role of ROLES) {
      for (const { name } of menuFor(role)) expect(mayOpen(role, name), `${role} -> ${name}`).toBe(true);
      expect(mayOpen(role, homeFor(role))).toBe(true);
    }
  });

  it('keeps admin-only screens admin-only, as main enforces', () => {
    for (const name of ['users', 'settings'] as ViewName[]) {
      expect(VIEWS[name].roles).toEqual(['admin']);
    }
    expect(mayOpen('medical_director', 'newPatient')).toBe(false);
  });

  it('gives the nurses their screens and keeps them from the roles main refuses', () => {
    expect(homeFor('nurse')).toBe('todaysDoses');
    for (const role of ['prescriber', 'medical_director', 'admin'] as const) {
      expect(mayOpen(role, 'todaysDoses'), role).toBe(false);
      expect(mayOpen(role, 'endOfShift'), role).toBe(false);
    }
    // The MAR is read by the clinical team, not the administrator.
    expect(mayOpen('prescriber', 'mar')).toBe(true);
    expect(mayOpen('admin', 'mar')).toBe(false);
  });
});
