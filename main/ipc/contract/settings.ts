import { z } from 'zod';
import { channel, ALL_ROLES } from './common';

/** Values are validated per key by the settings service (main/services/settings.ts). */
export const settingsContract = {
  'settings.get': channel({
    summary: "The clinic's settings (time zone, session, and each feature's own).",
    access: ALL_ROLES,
    input: z.object({}).strict(),
    output: z.record(z.string(), z.unknown()),
  }),
  'settings.update': channel({
    summary: 'Change settings; each change is validated and audited.',
    access: ['admin'],
    input: z.object({ values: z.record(z.string(), z.unknown()) }),
    output: z.record(z.string(), z.unknown()),
  }),
};
