import fs from 'node:fs';
import path from 'node:path';
import { CliFailure, UsageError } from './errors';
import type { Args } from './command';
import { readAllStdin, type CliIo } from './io';

/**
 * Secrets come from a file or standard input, never from argv: argv is visible to every user
 * of the machine (ps, /proc) and lands in shell history.
 */
export const STDIN = '-';

/** `echo pass > f` adds one newline; anything beyond that is taken as part of the secret. */
export function stripOneTrailingNewline(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  if (text.endsWith('\n')) return text.slice(0, -1);
  return text;
}

const isTty = (stdin: CliIo['stdin']): boolean => typeof stdin !== 'function' && (stdin as { isTTY?: boolean }).isTTY === true;

/** `label` names the secret in messages ("recovery passphrase"); `flag` the option it came from. */
export async function readSecret(spec: string, flag: string, label: string, io: CliIo): Promise<string> {
  let text: string;
  let source: string;
  if (spec === STDIN) {
    // Typing a secret into a terminal would echo it on screen, and reading to end-of-file
    // would look like a hang: ask for a pipe or a file instead.
    if (isTty(io.stdin)) throw new UsageError(`${flag} - reads the ${label} from standard input, which is a terminal here; pipe it in or give a file.`);
    text = await readAllStdin(io.stdin);
    source = 'standard input';
  } else {
    const file = path.resolve(io.cwd, spec);
    source = file;
    if (!fs.existsSync(file)) throw new CliFailure(`The ${label} file ${file} (${flag}) does not exist.`);
    if (!fs.statSync(file).isFile()) throw new CliFailure(`The ${label} file ${file} (${flag}) is not a file.`);
    text = fs.readFileSync(file, 'utf8');
  }
  const secret = stripOneTrailingNewline(text);
  if (secret.length === 0) throw new CliFailure(`The ${label} from ${source} (${flag}) is empty.`);
  return secret;
}

/** The clinic's recovery passphrase, from --passphrase-file (a file, or - for standard input). */
export const readRecoveryPassphrase = (args: Args, io: CliIo): Promise<string> =>
  readSecret(args.required('passphrase-file'), '--passphrase-file', 'recovery passphrase', io);
