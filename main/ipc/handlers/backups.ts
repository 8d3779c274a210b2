import type { HandlerMap } from './types';

export const backupsHandlers: HandlerMap<'backups.status' | 'backups.run' | 'clinic.changePassphrase'> = {
  'clinic.changePassphrase': async (input, { app, actor }) => {
    await app.changePassphrase(actor.id, input.currentPassphrase, input.newPassphrase);
    return { ok: true as const };
  },
  'backups.status': async (_input, { app }) => app.backupStatus(),
  'backups.run': async (input, { app }) => {
    const r = await app.backupToFolder(input.folder);
    return { startedAt: r.startedAt, finishedAt: r.finishedAt, trigger: r.trigger, ok: r.ok, file: r.file, sizeBytes: r.sizeBytes, anchor: r.anchor, message: r.message };
  },
};
