import {
  addAllergy,
  createPatient,
  findPossibleDuplicates,
  getPatient,
  listPatients,
  pagePatients,
  markAllergyEnteredInError,
  recordNoKnownAllergies,
  updatePatient,
} from '../../services/patients';
import type { HandlerMap } from './types';

export const patientsHandlers: HandlerMap<
  | 'patients.list'
  | 'patients.page'
  | 'patients.get'
  | 'patients.findDuplicates'
  | 'patients.create'
  | 'patients.update'
  | 'patients.addAllergy'
  | 'patients.markAllergyEnteredInError'
  | 'patients.recordNoKnownAllergies'
> = {
  'patients.list': async (input, { ctx }) => listPatients(ctx, input),
  'patients.page': async (input, { ctx }) => pagePatients(ctx, input),
  'patients.findDuplicates': async (input, { ctx }) => findPossibleDuplicates(ctx.db, input),
  'patients.get': async (input, { ctx }) => getPatient(ctx, input.id),
  'patients.create': async (input, { ctx, actor }) => createPatient(ctx, actor, input),
  'patients.update': async (input, { ctx, actor }) => updatePatient(ctx, actor, input),
  'patients.addAllergy': async (input, { ctx, actor }) => addAllergy(ctx, actor, input.patientId, input.allergy),
  'patients.recordNoKnownAllergies': async (input, { ctx, actor }) => recordNoKnownAllergies(ctx, actor, input.patientId),
  'patients.markAllergyEnteredInError': async (input, { ctx, actor }) =>
    markAllergyEnteredInError(ctx, actor, input.allergyId, input.reason),
};
