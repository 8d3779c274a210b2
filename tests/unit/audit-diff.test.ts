import { describe, expect, it } from 'vitest';
import { describeChanges, type DiffContext } from '../../main/domain/auditDiff';

/** Before and after as a readable difference (issue 8 item 11): labels, clinic times, names. */
const ctx: DiffContext = {
  zone: 'America/New_York',
  userName: (id) => ({ 7: 'Dr. Priya Testmoor', 8: 'Dr. Sam Otherly' })[id],
  patientName: (id) => (id === 3 ? 'Testwell, Ada' : undefined),
  medicationName: () => 'Lorazepam',
};

describe('audit differences', () => {
  it('lists only the fields that changed, in words, with times in the clinic zone', () => {
    const before = { id: 4, status: 'scheduled', due_date: '2026-06-03', assigned_prescriber_id: 7, updated_at: '2026-06-01T13:00:00.000Z', note: null };
    const after = { ...before, due_date: '2026-06-10', assigned_prescriber_id: 8, updated_at: '2026-06-02T13:00:00.000Z', completed_at: '2026-03-08T07:30:00.000Z' };
    expect(describeChanges(before, after, ctx)).toEqual([
      { field: 'Due date', before: '3 Jun 2026', after: '10 Jun 2026' },
      { field: 'Assigned prescriber', before: 'Dr. Priya Testmoor', after: 'Dr. Sam Otherly' },
      { field: 'Completed (time)', before: '—', after: '8 Mar 2026, 03:30 EDT' },
    ]);
  });

  it('shows what a new record was created with, never ids or hashes', () => {
    const changes = describeChanges(null, { id: 9, patient_id: 3, medication_id: 2, status: 'active', prn: 0, password_hash: 'x' }, ctx);
    expect(changes).toEqual([
      { field: 'Patient', before: '—', after: 'Testwell, Ada' },
      { field: 'Medication', before: '—', after: 'Lorazepam' },
      { field: 'Status', before: '—', after: 'active' },
      { field: 'As needed (PRN)', before: '—', after: 'No' },
    ]);
  });

  it('reads a setting value, lists and nested objects', () => {
    expect(describeChanges(['07:00', '19:00'], ['06:00', '18:00'], ctx, 'Shift start times')).toEqual([{ field: 'Shift start times', before: '07:00, 19:00', after: '06:00, 18:00' }]);
    expect(describeChanges({ graceHours: 0 }, { graceHours: 12 }, ctx)).toEqual([{ field: 'Grace hours', before: '0', after: '12' }]);
    expect(describeChanges(15, 15, ctx)).toEqual([]);
  });
});
