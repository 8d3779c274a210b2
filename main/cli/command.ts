import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';
import type { CliIo } from './io';
import { defaultDatabasePath } from './paths';

/**
 * The shape every command file exports. A command declares its flags once; parsing, required
 * checks, `--help` and the usage text all come from that declaration, so a new command is one
 * file plus one line in the registry (main/cli/index.ts).
 */
export interface FlagSpec {
  type: 'string' | 'boolean';
  /** Placeholder in the usage text, e.g. "PATH". */
  placeholder?: string;
  description: string;
  required?: boolean;
}

export interface PositionalSpec {
  name: string;
  description: string;
  optional?: boolean;
  /** Takes all remaining words (only the last positional). */
  variadic?: boolean;
}

export interface CommandContext {
  io: CliIo;
  /** The registry, for commands that describe other commands (help). */
  commands: readonly Command[];
}

export interface Command {
  /** One or more words: "backup", or "report overdue" for a subcommand. */
  name: string;
  summary: string;
  /** Paragraphs printed after the option list. */
  details?: string;
  flags: Readonly<Record<string, FlagSpec>>;
  positionals?: readonly PositionalSpec[];
  run(args: Args, ctx: CommandContext): Promise<number>;
}

/** Parsed, checked arguments. Required flags are already known to be present. */
export class Args {
  constructor(
    private readonly values: Readonly<Record<string, string | boolean | undefined>>,
    readonly positionals: readonly string[],
    private readonly io: CliIo,
  ) {}

  string(name: string): string | undefined {
    const v = this.values[name];
    return typeof v === 'string' ? v : undefined;
  }

  /** For flags declared `required`; parseCommandArgs has already rejected their absence. */
  required(name: string): string {
    const v = this.string(name);
    if (v === undefined) throw new UsageError(`missing --${name}`);
    return v;
  }

  flag(name: string): boolean {
    return this.values[name] === true;
  }

  /** A path flag, resolved against the caller's working folder. */
  path(name: string): string | undefined {
    const v = this.string(name);
    return v === undefined ? undefined : path.resolve(this.io.cwd, v);
  }

  /** `--db`, or the Electron app's own clinic file when it is not given. */
  database(): string {
    return this.path('db') ?? defaultDatabasePath(this.io.platform, this.io.env, this.io.homedir, this.io.installScope);
  }
}

const label = (name: string, spec: FlagSpec): string => (spec.type === 'string' ? `--${name} ${spec.placeholder ?? 'VALUE'}` : `--${name}`);

/**
 * Strict parsing with messages of our own: Node's are long, and an unknown `--passphrase=...`
 * must be named without echoing its value.
 */
export function parseCommandArgs(command: Command, argv: readonly string[], io: CliIo): Args {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(command.flags)) options[name] = { type: spec.type };
  const { values, positionals, tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const seen = new Set<string>();
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const spec = command.flags[t.name];
    if (!spec) {
      const hint = /pass(word|phrase)/i.test(t.name) ? '; secrets are read from files: use --passphrase-file (or --admin-password-file for init)' : '';
      throw new UsageError(`unknown option ${t.rawName}${hint}`);
    }
    if (seen.has(t.name)) throw new UsageError(`--${t.name} is given more than once`);
    seen.add(t.name);
    if (spec.type === 'boolean' && t.inlineValue) throw new UsageError(`--${t.name} takes no value`);
    if (spec.type === 'string') {
      // Without strict mode Node would take "--db --out" as db="--out"; treat it as a forgotten value.
      const missing = t.value === undefined || (!t.inlineValue && t.value.length > 1 && t.value.startsWith('-'));
      if (missing) throw new UsageError(`${label(t.name, spec)}: the value is missing`);
      if (t.value.trim() === '') throw new UsageError(`--${t.name} must not be empty`);
    }
  }
  for (const [name, spec] of Object.entries(command.flags)) {
    if (spec.required && values[name] === undefined) throw new UsageError(`missing ${label(name, spec)}`);
  }
  const declared = command.positionals ?? [];
  const unlimited = declared[declared.length - 1]?.variadic === true;
  if (!unlimited && positionals.length > declared.length) throw new UsageError(`unexpected argument "${positionals[declared.length]}"`);
  const missing = declared.slice(positionals.length).find((p) => !p.optional);
  if (missing) throw new UsageError(`missing ${missing.name}`);
  return new Args(values, positionals, io);
}

export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

export function usageText(command: Command, io: CliIo): string {
  const flags = Object.entries(command.flags);
  const synopsis = [
    `medtrack ${command.name}`,
    ...flags.filter(([, s]) => s.required).map(([n, s]) => label(n, s)),
    ...flags.filter(([, s]) => !s.required).map(([n, s]) => `[${label(n, s)}]`),
    ...(command.positionals ?? []).map((p) => (p.optional ? `[${p.name}]` : p.name)),
  ].join(' ');
  const rows: Array<[string, string]> = [
    ...(command.positionals ?? []).map((p): [string, string] => [p.name, p.description]),
    ...flags.map(([n, s]): [string, string] => {
      const extra = n === 'db' ? ` (default: ${defaultDatabasePath(io.platform, io.env, io.homedir, io.installScope)})` : '';
      return [label(n, s), `${s.description}${extra}`];
    }),
    ['-h, --help', 'Show this help.'],
  ];
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  const lines = [`Usage: ${synopsis}`, '', command.summary, '', 'Options:', ...rows.map(([l, d]) => `  ${l.padEnd(width)}${d}`)];
  if (command.details) lines.push('', command.details.trim());
  return `${lines.join('\n')}\n`;
}
