import { markEnteredInError } from '../../services/administrationCorrections';
import { recordAdministration } from '../../services/administrations';
import { endOfShift, todaysDoses } from '../../services/doses';
import { marForPatient, recordMarPrint } from '../../services/mar';
import { getProgramDays, updateProgramDays } from '../../services/programDays';
import { markScoreEnteredInError, recordScore, scaleDefinitions, scoresForPatient } from '../../services/scores';
import type { ChannelName } from '../contract';
import type { HandlerMap } from './types';

type MarChannels = Extract<ChannelName, `doses.${string}` | `administrations.${string}` | `mar.${string}` | `scores.${string}` | `programDays.${string}`>;

export const administrationsHandlers: HandlerMap<MarChannels> = {
  'doses.today': async (input, { ctx, actor }) => todaysDoses(ctx, actor, input),
  'doses.endOfShift': async (input, { ctx }) => endOfShift(ctx, input),
  'administrations.record': async (input, { ctx, actor }) => recordAdministration(ctx, actor, input),
  'administrations.markEnteredInError': async (input, { ctx, actor }) => markEnteredInError(ctx, actor, input),
  'mar.forPatient': async (input, { ctx }) => marForPatient(ctx, input),
  'mar.print': async (input, { ctx, actor }) => recordMarPrint(ctx, actor, input),
  'scores.scales': async () => scaleDefinitions(),
  'scores.record': async (input, { ctx, actor }) => recordScore(ctx, actor, input),
  'scores.markEnteredInError': async (input, { ctx, actor }) => markScoreEnteredInError(ctx, actor, input),
  'scores.forPatient': async (input, { ctx }) => scoresForPatient(ctx, input),
  'programDays.get': async (input, { ctx }) => getProgramDays(ctx, input.patientId),
  'programDays.update': async (input, { ctx, actor }) => updateProgramDays(ctx, actor, input),
};
