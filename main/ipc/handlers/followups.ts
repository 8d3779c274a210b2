import { complete, counts, forPatient, reassign, reschedule, scheduleManual, worklist } from '../../services/followups';
import type { ChannelName } from '../contract';
import type { HandlerMap } from './types';

type FollowupChannels = Extract<ChannelName, `followups.${string}`>;

export const followupsHandlers: HandlerMap<FollowupChannels> = {
  'followups.worklist': async (input, { ctx, actor }) => worklist(ctx, actor, input),
  'followups.counts': async (_input, { ctx, actor }) => counts(ctx, actor),
  'followups.forPatient': async (input, { ctx }) => forPatient(ctx, input.patientId),
  'followups.schedule': async (input, { ctx, actor }) => scheduleManual(ctx, actor, input),
  'followups.reassign': async (input, { ctx, actor }) => reassign(ctx, actor, input),
  'followups.reschedule': async (input, { ctx, actor }) => reschedule(ctx, actor, input),
  'followups.complete': async (input, { ctx, actor }) => complete(ctx, actor, input),
};
