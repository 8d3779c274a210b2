import { main, type CliIo } from '../../main/cli';
import { fixedClock } from '../../main/clock';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `medtrack` in-process on Linux paths, with a fixed clock and captured output. */
export async function runCli(
  argv: string[],
  opts: { now: string; cwd: string; home: string; env?: Record<string, string>; stdin?: string },
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdin: async () => {
      if (opts.stdin === undefined) throw new Error('this test gave no standard input');
      return opts.stdin;
    },
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    clock: fixedClock(opts.now),
    env: opts.env ?? {},
    cwd: opts.cwd,
    platform: 'linux',
    homedir: opts.home,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
