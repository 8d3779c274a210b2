import fs from 'node:fs';
// Loaded when the command runs, so other commands do not pay for the demo's modules.
const demoModule = () => import('../../demo/index.js');
import { keyFilePathFor } from '../../keys/keyFile';
import { closeFully } from '../clinic';
import type { Command } from '../command';
import { CliFailure, EXIT_OK, UsageError } from '../errors';
import { DB_FLAG, PASSPHRASE_FILE_FLAG } from '../flags';
import { readRecoveryPassphrase } from '../secrets';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Build the synthetic demo clinic (fictional staff and patients) in a new encrypted file.',
  // Required here: the default location is the real clinic's file, which must never be a demo.
  flags: { db: { ...DB_FLAG, required: true }, 'passphrase-file': PASSPHRASE_FILE_FLAG },
  details: `Every demo login shares one password, printed at the end. The data is synthetic; the file
is still encrypted like a real clinic's. Refuses to overwrite an existing file.`,
  async run(args, { io }) {
    const file = args.path('db');
    if (!file) throw new UsageError('missing --db PATH');
    if (fs.existsSync(file) || fs.existsSync(keyFilePathFor(file))) {
      throw new CliFailure(`A clinic database or key file already exists at ${file}; refusing to overwrite it.`);
    }
    const passphrase = await readRecoveryPassphrase(args, io);
    const { buildDemoClinic, DEMO_PASSWORD, DEMO_STAFF } = await demoModule();
    try {
      const handle = await buildDemoClinic(file, { clock: io.clock, passphrase });
      await closeFully(handle);
    } catch (err) {
      // createClinic cleans up its own failures, not a seeding step's; the file did not exist
      // before this run, so a half-built demo is removed rather than left looking usable.
      for (const f of [file, `${file}-wal`, `${file}-shm`, keyFilePathFor(file)]) fs.rmSync(f, { force: true });
      throw err;
    }
    const logins = [{ login: 'admin', role: 'admin', displayName: 'Demo Administrator' }, ...DEMO_STAFF];
    const width = Math.max(...logins.map((l) => l.login.length)) + 2;
    io.stdout(
      [
        `Created the demo clinic at ${file} (key file ${keyFilePathFor(file)}).`,
        'Demo logins:',
        ...logins.map((l) => `  ${l.login.padEnd(width)}${l.role.padEnd(18)}${l.displayName}`),
        `Password for every demo login: ${DEMO_PASSWORD}`,
      ].join('\n') + '\n',
    );
    return EXIT_OK;
  },
};
