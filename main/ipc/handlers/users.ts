import { createUser, listUsers, resetPassword, setChargeNurse, setUserActive } from '../../services/users';
import type { HandlerMap } from './types';

export const usersHandlers: HandlerMap<'users.list' | 'users.create' | 'users.setActive' | 'users.setChargeNurse' | 'users.resetPassword'> = {
  'users.list': async (input, { ctx }) => listUsers(ctx, { role: input.role, activeOnly: input.activeOnly }),
  'users.create': async (input, { ctx, actor }) => createUser(ctx, actor, input),
  'users.setActive': async (input, { ctx, actor }) => setUserActive(ctx, actor, input.id, input.active, input.reason),
  'users.setChargeNurse': async (input, { ctx, actor }) => setChargeNurse(ctx, actor, input.id, input.chargeNurse, input.reason),
  'users.resetPassword': async (input, { ctx, actor }) => resetPassword(ctx, actor, input.id, input.password),
};
