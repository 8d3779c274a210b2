import type { HandlerMap } from './types';

export const backupsHandlers: HandlerMap<'backups.status' | 'backups.run' | 'clinic.changePassphrase' | 'clinic.rekey' | 'clinic.restore'> = {
  'clinic.rekey': async (input, { app, actor }) => {
    await app.rekey(actor.id, input.recoveryPassphrase);
    return { ok: true as const };
  },
  'clinic.restore': async (input, { app }) => {
    const r = await app.restore({ from: input.file, passphrase: input.passphrase, replaceOtherClinic: input.replaceOtherClinic });
    return { restoredFrom: input.file, clinicName: r.checked.clinicName, entries: r.checked.entries, keptAs: r.keptAs, notes: r.checked.notes };
  },
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
