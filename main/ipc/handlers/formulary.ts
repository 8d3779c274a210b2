import { createMedication, listFormulary, setMedicationActive, updateMedication } from '../../services/formulary';
import type { HandlerMap } from './types';

export const formularyHandlers: HandlerMap<'formulary.list' | 'formulary.create' | 'formulary.update' | 'formulary.setActive'> = {
  'formulary.list': async (input, { ctx }) => listFormulary(ctx, input),
  'formulary.create': async (input, { ctx, actor }) => createMedication(ctx, actor, input),
  'formulary.update': async (input, { ctx, actor }) => updateMedication(ctx, actor, input.id, input.medication, input.reason),
  'formulary.setActive': async (input, { ctx, actor }) => setMedicationActive(ctx, actor, input.id, input.active, input.reason),
};
