import fs from 'node:fs';
import os from 'node:os';
import { systemClock } from '../clock';
import { parseCommandArgs, usageText, wantsHelp, type Command } from './command';
import { describeError, EXIT_OK, UsageError } from './errors';
import type { CliIo } from './io';
import { installScope } from './paths';
import { backupCommand } from './commands/backup';
import { demoCommand } from './commands/demo';
import { helpCommand, overviewText } from './commands/help';
import { initCommand } from './commands/init';
import { reportOverdueCommand } from './commands/reportOverdue';
import { restoreCommand } from './commands/restore';
import { verifyAuditCommand } from './commands/verifyAudit';
import { rekeyCommand } from './commands/rekey';
import { changePassphraseCommand } from './commands/changePassphrase';

export type { CliIo } from './io';

/**
 * The registry. To add a command, write main/cli/commands/<name>.ts exporting a `Command`
 * (multi-word names such as "report overdue" work as subcommands) and list it here.
 */
export const COMMANDS: readonly Command[] = [
  initCommand,
  demoCommand,
  verifyAuditCommand,
  backupCommand,
  restoreCommand,
  reportOverdueCommand,
  rekeyCommand,
  changePassphraseCommand,
  helpCommand,
];

/** The longest command name whose words start argv, so "report overdue" wins over "report". */
function findCommand(argv: readonly string[]): Command | undefined {
  let best: Command | undefined;
  for (const c of COMMANDS) {
    const words = c.name.split(' ');
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.name.split(' ').length)) best = c;
  }
  return best;
}

function unknownCommand(argv: readonly string[]): UsageError {
  const first = argv[0];
  if (first.startsWith('-')) return new UsageError(`unknown option ${first.split('=')[0]}; options go after the command (run 'medtrack help')`);
  const subcommands = COMMANDS.filter((c) => c.name.startsWith(`${first} `)).map((c) => c.name.slice(first.length + 1));
  if (subcommands.length > 0) return new UsageError(`"${first}" needs one of: ${subcommands.join(', ')}`);
  return new UsageError(`unknown command "${first}"; run 'medtrack help' for the list`);
}

/** Runs one command line. Never throws: every outcome is an exit code and text on stdout/stderr. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let command: Command | undefined;
  try {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
      io.stdout(overviewText(COMMANDS));
      return EXIT_OK;
    }
    command = findCommand(argv);
    if (!command) throw unknownCommand(argv);
    const rest = argv.slice(command.name.split(' ').length);
    if (wantsHelp(rest)) {
      io.stdout(usageText(command, io));
      return EXIT_OK;
    }
    const args = parseCommandArgs(command, rest, io);
    return await command.run(args, { io, commands: COMMANDS });
  } catch (err) {
    const { code, message } = describeError(err, Boolean(io.env.MEDTRACK_DEBUG));
    const where = command ? `medtrack ${command.name}` : 'medtrack';
    const hint = command && err instanceof UsageError ? ` (run '${where} --help')` : '';
    io.stderr(`${where}: ${message}${hint}\n`);
    return code;
  }
}

/** The real process's streams, clock and environment, for bin/medtrack.js. */
export function processIo(): CliIo {
  return {
    stdin: process.stdin,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    clock: systemClock,
    env: process.env,
    cwd: process.cwd(),
    platform: process.platform,
    homedir: os.homedir(),
    // Electron sets resourcesPath (the installed app's resources folder); plain Node does not.
    installScope: installScope(process.platform, (process as { resourcesPath?: string }).resourcesPath, fs.existsSync),
  };
}
