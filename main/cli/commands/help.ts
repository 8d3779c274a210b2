import type { Command, CommandContext } from '../command';
import { usageText } from '../command';
import { EXIT_OK, UsageError } from '../errors';

/** The command list printed by `medtrack`, `medtrack help` and `medtrack --help`. */
export function overviewText(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    'Usage: medtrack <command> [options]',
    '',
    'Administration of a Medtrack clinic file from the command line.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    "Run 'medtrack <command> --help' for a command's options.",
    'Secrets are read from files or standard input (--passphrase-file FILE|-), never from arguments.',
    'Exit status: 0 success, 1 failure, 2 usage error.',
    '',
  ].join('\n');
}

export const helpCommand: Command = {
  name: 'help',
  summary: 'List the commands, or show the options of one.',
  flags: {},
  positionals: [{ name: 'COMMAND', description: 'The command to describe (several words for a subcommand).', optional: true, variadic: true }],
  async run(args, ctx: CommandContext) {
    const asked = args.positionals.join(' ');
    if (!asked) {
      ctx.io.stdout(overviewText(ctx.commands));
      return EXIT_OK;
    }
    const command = ctx.commands.find((c) => c.name === asked);
    if (!command) throw new UsageError(`unknown command "${asked}"; run 'medtrack help' for the list`);
    ctx.io.stdout(usageText(command, ctx.io));
    return EXIT_OK;
  },
};
