/** Command-line options of the loopback test server. */
export interface TestServerArgs {
  dataDir: string;
  port: number;
  /** Where the AdjustableClock starts (it then runs at real speed); default: now. */
  now: Date | null;
  /** The built renderer to serve; default dist/renderer next to this compiled file. */
  staticDir: string | null;
}

export function parseArgs(argv: readonly string[]): TestServerArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (!flag.startsWith('--')) throw new Error(`Unexpected argument ${flag}`);
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    values.set(flag.slice(2), value);
    i++;
  }
  for (const key of values.keys()) {
    if (!['data-dir', 'port', 'now', 'static'].includes(key)) throw new Error(`Unknown option --${key}`);
  }
  const dataDir = values.get('data-dir');
  if (!dataDir) throw new Error('--data-dir DIR is required');
  const port = Number(values.get('port') ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be an integer 0-65535 (0 picks a free port)');
  const nowText = values.get('now');
  const now = nowText ? new Date(nowText) : null;
  if (now && Number.isNaN(now.getTime())) throw new Error(`--now ${nowText} is not an ISO instant`);
  return { dataDir, port, now, staticDir: values.get('static') ?? null };
}
