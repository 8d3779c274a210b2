import { z } from 'zod';
import { IANAZone } from 'luxon';
import { channel, Empty, NewLogin, RequiredText } from './common';

export const ClinicPhase = z.enum(['needs_setup', 'locked', 'open']);

export const ClinicStatus = z.object({
  phase: ClinicPhase,
  /** Which file is open: the clinic's own, or the synthetic demo clinic. */
  mode: z.enum(['clinic', 'demo']).nullable(),
  clinicName: z.string().nullable(),
  timeZone: z.string().nullable(),
  /** Present in demo mode so the login screen can show the demo logins. */
  demoLogins: z.array(z.object({ login: z.string(), role: z.string(), displayName: z.string() })).nullable(),
  demoPassword: z.string().nullable(),
  problem: z.string().nullable(),
});
export type ClinicStatus = z.infer<typeof ClinicStatus>;

export const TimeZone = z.string().refine((z) => IANAZone.isValidZone(z), 'Choose a valid time zone, e.g. America/New_York.');

export const ClinicSetupInput = z
  .object({
    clinicName: RequiredText('Clinic name', 200),
    timeZone: TimeZone,
    adminLogin: NewLogin('Administrator login'),
    adminName: RequiredText('Administrator name', 200),
    adminPassword: z.string().min(10, 'The password must be at least 10 characters.').max(1000),
    recoveryPassphrase: z.string().min(12, 'The recovery passphrase must be at least 12 characters.').max(1000),
    recoveryPassphraseConfirm: z.string(),
  })
  .refine((v) => v.recoveryPassphrase === v.recoveryPassphraseConfirm, {
    message: 'The two recovery passphrases differ.',
    path: ['recoveryPassphraseConfirm'],
  })
  .refine((v) => v.recoveryPassphrase !== v.adminPassword, {
    message: 'Use a recovery passphrase different from the administrator password.',
    path: ['recoveryPassphrase'],
  });

export const JobState = z.object({
  kind: z.enum(['backup', 'demo', 'verify', 'export', 'rekey', 'restore']),
  phase: z.string(),
  percent: z.number().int().min(0).max(100).nullable(),
  startedAt: z.string(),
});

export const BackupResult = z.object({
  file: z.string(),
  keyFile: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  entries: z.number().int().nonnegative(),
  /** "entries:hash", for the backup log (as `medtrack backup` prints it). */
  anchor: z.string(),
});

export const clinicContract = {
  'clinic.status': channel({
    summary: 'Whether the clinic file needs setting up, unlocking, or is open.',
    access: 'public',
    input: Empty,
    output: ClinicStatus,
  }),
  'clinic.setup': channel({
    summary: 'First run: create the clinic file, its key, the administrator and the recovery passphrase.',
    access: 'public',
    input: ClinicSetupInput,
    output: ClinicStatus,
  }),
  'clinic.openDemo': channel({
    summary: 'Open (creating on first use) the synthetic demo clinic, in its own file.',
    access: 'public',
    input: Empty,
    output: ClinicStatus,
  }),
  'clinic.closeDemo': channel({
    summary: 'Leave the demo clinic and return to the first-run screen.',
    access: 'public',
    input: Empty,
    output: ClinicStatus,
  }),
  'clinic.unlock': channel({
    summary: "Unlock the clinic file with the administrator's recovery passphrase (new workstation).",
    access: 'public',
    input: z.object({ recoveryPassphrase: z.string().min(1, 'Enter the recovery passphrase.').max(1000) }),
    output: ClinicStatus,
  }),
  'clinic.backup': channel({
    summary: 'Write an encrypted, verified copy of the open clinic file (and its key file) to a new file; runs beside other calls.',
    access: ['admin'],
    input: z.object({
      file: z
        .string()
        .trim()
        .min(1, 'Choose where to write the backup.')
        .max(4096)
        .refine(
          (f) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(f),
          'Give the backup file its full path (starting from the drive or the top folder).',
        ),
    }),
    output: BackupResult,
  }),
  'clinic.jobs': channel({
    summary: 'Long operations now running (backup, demo build), with their phase and percent, for a progress display.',
    access: 'public',
    input: Empty,
    output: z.array(JobState),
  }),
  'clinic.about': channel({
    summary: 'Version, data folder, schema version, SQLCipher library and log file, for the About screen.',
    access: 'public',
    input: Empty,
    output: z.object({
      version: z.string(),
      dataFolder: z.string(),
      logFile: z.string(),
      /** The open file's schema version; null when no file is open. */
      schemaVersion: z.number().int().nullable(),
      /** The newest schema this version of Medtrack knows. */
      latestSchemaVersion: z.number().int(),
      sqliteVersion: z.string(),
      /** The cipher library: SQLite3 Multiple Ciphers, used in its SQLCipher 4 mode. */
      cipherLibrary: z.string(),
      runtime: z.string(),
    }),
  }),
};
