import fs from 'node:fs';
import { IANAZone } from 'luxon';
// Loaded when the command runs, so other commands do not pay for the clinic-setup modules.
const clinicFileModule = () => import('../../app/clinicFile.js');
import { ClinicSetupInput } from '../../ipc/contract/clinic';
import { keyFilePathFor } from '../../keys/keyFile';
import { closeFully } from '../clinic';
import type { Command } from '../command';
import { CliFailure, EXIT_OK, UsageError } from '../errors';
import { DB_FLAG, PASSPHRASE_FILE_FLAG } from '../flags';
import { readSecret, STDIN } from '../secrets';

const DEFAULT_TIME_ZONE = 'America/New_York';

/** Which flag each setup field came from; issues with secrets are failures (1), the rest usage (2). */
const FIELD_FLAGS: Record<string, { flag: string; secret: boolean }> = {
  clinicName: { flag: '--clinic-name', secret: false },
  timeZone: { flag: '--time-zone', secret: false },
  adminLogin: { flag: '--admin-login', secret: false },
  adminName: { flag: '--admin-name', secret: false },
  adminPassword: { flag: '--admin-password-file', secret: true },
  recoveryPassphrase: { flag: '--passphrase-file', secret: true },
  recoveryPassphraseConfirm: { flag: '--passphrase-file', secret: true },
};

export const initCommand: Command = {
  name: 'init',
  summary: 'Create a new clinic: the encrypted database, its key file and the first administrator.',
  flags: {
    db: DB_FLAG,
    'clinic-name': { type: 'string', placeholder: 'NAME', description: 'The clinic name shown in the app.', required: true },
    'time-zone': { type: 'string', placeholder: 'ZONE', description: `IANA time zone of the clinic (default: ${DEFAULT_TIME_ZONE}).` },
    'admin-login': { type: 'string', placeholder: 'LOGIN', description: 'Login of the first administrator (letters, digits, . _ -).', required: true },
    'admin-name': { type: 'string', placeholder: 'NAME', description: "The administrator's display name.", required: true },
    'admin-password-file': {
      type: 'string',
      placeholder: 'FILE|-',
      description: "File holding the administrator's password (at least 10 characters).",
      required: true,
    },
    'passphrase-file': { ...PASSPHRASE_FILE_FLAG, description: `${PASSPHRASE_FILE_FLAG.description} At least 12 characters.` },
  },
  details: `Refuses to overwrite an existing database or key file. Only one of --admin-password-file and
--passphrase-file may be "-". The key file holds the database key wrapped by the recovery
passphrase; keep the passphrase safe: without it (or a workstation that has already unlocked the
file) the clinic's records cannot be opened. On first launch the app asks for it once.`,
  async run(args, { io }) {
    const file = args.database();
    const timeZone = args.string('time-zone') ?? DEFAULT_TIME_ZONE;
    if (!IANAZone.isValidZone(timeZone)) throw new UsageError(`--time-zone "${timeZone}" is not an IANA time zone (for example America/New_York)`);
    const passSpec = args.required('passphrase-file');
    const adminSpec = args.required('admin-password-file');
    if (passSpec === STDIN && adminSpec === STDIN) {
      throw new UsageError('--passphrase-file and --admin-password-file cannot both read standard input; give one of them as a file');
    }
    // Checked before any secret is read so a re-run against an existing clinic fails fast.
    if (fs.existsSync(file) || fs.existsSync(keyFilePathFor(file))) {
      throw new CliFailure(`A clinic database or key file already exists at ${file}; refusing to overwrite it.`);
    }
    const recoveryPassphrase = await readSecret(passSpec, '--passphrase-file', 'recovery passphrase', io);
    const adminPassword = await readSecret(adminSpec, '--admin-password-file', 'administrator password', io);

    const parsed = ClinicSetupInput.safeParse({
      clinicName: args.required('clinic-name'),
      timeZone,
      adminLogin: args.required('admin-login'),
      adminName: args.required('admin-name'),
      adminPassword,
      recoveryPassphrase,
      recoveryPassphraseConfirm: recoveryPassphrase,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = FIELD_FLAGS[String(issue.path[0] ?? '')] ?? { flag: 'input', secret: true };
      const message = `${field.flag}: ${issue.message}`;
      throw field.secret ? new CliFailure(message) : new UsageError(message);
    }
    const v = parsed.data;
    const { createClinic } = await clinicFileModule();
    const handle = await createClinic(
      file,
      {
        clinicName: v.clinicName,
        timeZone: v.timeZone,
        admin: { login: v.adminLogin, displayName: v.adminName, password: v.adminPassword },
        recoveryPassphrase: v.recoveryPassphrase,
      },
      io.clock,
    );
    await closeFully(handle);
    io.stdout(
      [
        `Created clinic "${v.clinicName}" (${v.timeZone}) at ${file}`,
        `Key file: ${keyFilePathFor(file)} (the database key, wrapped by the recovery passphrase)`,
        `Administrator: ${v.adminLogin}`,
        `Keep the recovery passphrase safe: the clinic file cannot be opened on a new workstation without it.`,
      ].join('\n') + '\n',
    );
    return EXIT_OK;
  },
};
