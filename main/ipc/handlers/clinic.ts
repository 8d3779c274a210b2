import type { HandlerMap } from './types';

export const clinicHandlers: HandlerMap<
  | 'clinic.status'
  | 'clinic.setup'
  | 'clinic.openDemo'
  | 'clinic.closeDemo'
  | 'clinic.unlock'
  | 'clinic.backup'
  | 'clinic.jobs'
  | 'clinic.about'
> = {
  'clinic.status': async (_input, { app }) => app.status(),
  'clinic.setup': async (input, { app }) =>
    app.setup({
      clinicName: input.clinicName,
      timeZone: input.timeZone,
      admin: { login: input.adminLogin, displayName: input.adminName, password: input.adminPassword },
      recoveryPassphrase: input.recoveryPassphrase,
    }),
  'clinic.openDemo': async (_input, { app }) => app.openDemo(),
  'clinic.closeDemo': async (_input, { app }) => app.closeDemo(),
  'clinic.unlock': async (input, { app }) => app.unlock(input.recoveryPassphrase),
  'clinic.backup': async (input, { app }) => {
    const r = await app.backup(input.file);
    return { file: r.file, keyFile: r.keyFile, sizeBytes: r.sizeBytes, entries: r.entries, anchor: `${r.entries}:${r.lastHash}` };
  },
  'clinic.jobs': async (_input, { app }) => app.jobs.list(),
  'clinic.about': async (_input, { app }) => app.about(),
};
