import { getAllSettings, updateSettings, type SettingKey } from '../../services/settings';
import type { HandlerMap } from './types';

export const settingsHandlers: HandlerMap<'settings.get' | 'settings.update'> = {
  'settings.get': async (_input, { ctx }) => getAllSettings(ctx.db),
  'settings.update': async (input, { app, ctx, actor }) => {
    const result = await updateSettings(ctx, actor, input.values as Partial<Record<SettingKey, unknown>>);
    await app.refreshSettings();
    return result;
  },
};
