import { z } from 'zod';
import { ABSOLUTE_PATH, BackupScheduleSchema } from '../../domain/backupSchedule';
import { channel, Empty } from './common';

/** One backup the app made or tried (manual or scheduled), as the Backups screen shows it. */
export const BackupRecord = z.object({
  startedAt: z.string(),
  finishedAt: z.string(),
  trigger: z.enum(['manual', 'scheduled']),
  ok: z.boolean(),
  file: z.string().nullable(),
  sizeBytes: z.number().int().nonnegative().nullable(),
  anchor: z.string().nullable(),
  message: z.string().nullable(),
});

export const BackupStatus = z.object({
  schedule: BackupScheduleSchema.nullable(),
  scheduleProblem: z.string().nullable(),
  lastGood: BackupRecord.nullable(),
  lastFailure: BackupRecord.nullable(),
  nextAt: z.string().nullable(),
  dueSince: z.string().nullable(),
  /** 'never': no good backup yet; 'stale': the last good one is more than a day old. */
  warning: z.enum(['never', 'stale']).nullable(),
});

export const backupsContract = {
  'clinic.changePassphrase': channel({
    summary: "Wrap the clinic file's key with a new recovery passphrase (the current one is checked first; audited).",
    access: ['admin'],
    input: z
      .object({
        currentPassphrase: z.string().min(1, 'Enter the current recovery passphrase.').max(1000),
        newPassphrase: z.string().min(12, 'The new recovery passphrase must be at least 12 characters.').max(1000),
        newPassphraseConfirm: z.string().max(1000),
      })
      .refine((v) => v.newPassphrase === v.newPassphraseConfirm, { message: 'The two new passphrases differ.', path: ['newPassphraseConfirm'] }),
    output: z.object({ ok: z.literal(true) }),
  }),
  'clinic.rekey': channel({
    summary: 'Re-encrypt the clinic file under a new random key, as a job (the recovery passphrase is checked first; audited).',
    access: ['admin'],
    input: z.object({ recoveryPassphrase: z.string().min(1, 'Enter the recovery passphrase.').max(1000) }),
    output: z.object({ ok: z.literal(true) }),
  }),
  'clinic.restore': channel({
    summary: 'Replace the clinic file with a checked backup, as a job, and reopen on it (everyone logs in again; audited).',
    access: ['admin'],
    input: z.object({
      file: z
        .string()
        .trim()
        .min(1, 'Give the backup file to restore from.')
        .max(4096)
        .refine((f) => ABSOLUTE_PATH.test(f), 'Give the backup file its full path (starting from the drive or the top folder).'),
      passphrase: z.string().min(1, "Enter the backup's recovery passphrase.").max(1000),
      confirm: z.literal(true, { message: 'Tick the box to confirm that the clinic file is to be replaced.' }),
      replaceOtherClinic: z.boolean().default(false),
    }),
    output: z.object({
      restoredFrom: z.string(),
      clinicName: z.string().nullable(),
      entries: z.number().int().nonnegative(),
      /** The previous clinic file's new name, or null when there was none. */
      keptAs: z.string().nullable(),
      notes: z.array(z.string()),
    }),
  }),
  'backups.status': channel({
    summary: 'The last good backup, the last failure, the schedule and whether a warning is due (admin and director screens).',
    access: ['admin', 'medical_director'],
    input: Empty,
    output: BackupStatus,
  }),
  'backups.run': channel({
    summary: 'Back up now into a folder, under a new dated file name; runs beside other calls, never twice at once.',
    access: ['admin'],
    input: z.object({
      folder: z
        .string()
        .trim()
        .min(1, 'Choose the folder for the backup.')
        .max(4096)
        .refine((f) => ABSOLUTE_PATH.test(f), 'Give the folder its full path (starting from the drive or the top folder).'),
    }),
    output: BackupRecord,
  }),
};
