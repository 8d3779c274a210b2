import { possibleDuplicates, type PersonKey } from '../domain/duplicatePatients';
import type { PossibleDuplicate } from '../ipc/contract/patients';
import type { ServiceContext, Trx } from './context';
import { validation } from './errors';

/**
 * Patients already on file who may be this person: born the same day, with the same or a close
 * name (domain/duplicatePatients.ts decides which), each with MRN and allergies so the person
 * registering can tell. Only one birth date's patients are read.
 */
export async function findPossibleDuplicates(
  db: ServiceContext['db'] | Trx,
  person: PersonKey & { exceptPatientId?: number | undefined },
): Promise<PossibleDuplicate[]> {
  // Served by patients_date_of_birth_idx (migration 0011): one birth date's rows, not the table.
  let query = db
    .selectFrom('patients')
    .select(['id', 'mrn', 'family_name', 'given_name', 'date_of_birth', 'discharge_date', 'no_known_allergies_at'])
    .where('date_of_birth', '=', person.dateOfBirth);
  // An edited chart is never its own duplicate.
  if (person.exceptPatientId !== undefined) query = query.where('id', '!=', person.exceptPatientId);
  const sameBirthday = await query.execute();
  const found = possibleDuplicates(
    person,
    sameBirthday.map((p) => ({ row: p, familyName: p.family_name, givenName: p.given_name, dateOfBirth: p.date_of_birth })),
  );
  if (found.length === 0) return [];
  const allergies = await db
    .selectFrom('allergies')
    .select(['patient_id', 'substance'])
    .where(
      'patient_id',
      'in',
      found.map((f) => f.patient.row.id),
    )
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  return found.map(({ patient: { row }, match }) => ({
    id: row.id,
    mrn: row.mrn,
    familyName: row.family_name,
    givenName: row.given_name,
    dateOfBirth: row.date_of_birth,
    dischargeDate: row.discharge_date,
    match,
    allergies: allergies.filter((a) => a.patient_id === row.id).map((a) => a.substance),
    noKnownAllergies: row.no_known_allergies_at !== null,
  }));
}

const duplicateWords = (d: PossibleDuplicate) =>
  `${d.givenName} ${d.familyName} (MRN ${d.mrn}, ${d.match === 'same' ? 'same name' : 'a close name'} and the same date of birth)`;

/**
 * The one duplicate gate for registering and for editing a name or birth date: refused with a
 * field error until "this is a different person" is confirmed; the override's words for the
 * audit entry otherwise (null when nobody matched).
 */
export async function duplicateGate(
  trx: Trx,
  person: PersonKey,
  confirmedDifferentPerson: boolean | undefined,
  exceptPatientId?: number,
): Promise<string | null> {
  const duplicates = await findPossibleDuplicates(trx, { ...person, exceptPatientId });
  if (duplicates.length === 0) return null;
  if (!confirmedDifferentPerson) {
    const message = `This may be a patient already registered: ${duplicates.map(duplicateWords).join('; ')}. Open their chart, or confirm this is a different person.`;
    throw validation(message, [{ path: 'confirmedDifferentPerson', message }]);
  }
  return `Possible duplicate warning overridden: confirmed a different person from ${duplicates.map(duplicateWords).join('; ')}.`;
}
