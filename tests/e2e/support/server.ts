import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';

const SERVER_JS = path.resolve(__dirname, '../../../dist/main/http/testServer.js');
const START_TIMEOUT_MS = 20_000;

/** One loopback test server over one data folder, for one test. */
export interface TestServer {
  /** http://127.0.0.1:<port>/ */
  readonly url: string;
  readonly dataDir: string;
  /** Stop and start again on the same data folder and port: to the app, a new workstation. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** Move the server's clock forward (session idle limits, reviews falling due). */
  advanceClock(ms: number): Promise<void>;
}

class ServerProcess implements TestServer {
  private child: ChildProcess | null = null;
  private port = 0;
  private stderr = '';

  constructor(
    readonly dataDir: string,
    private readonly env: Record<string, string> = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  async start(): Promise<void> {
    if (!fs.existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run npm run build:core && npm run build:renderer first.`);
    const child = spawn(process.execPath, [SERVER_JS, '--data-dir', this.dataDir, '--port', String(this.port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...this.env },
    });
    this.child = child;
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
      process.stderr.write(chunk);
    });
    this.port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`The test server did not start within ${START_TIMEOUT_MS} ms.\n${this.stderr}`)), START_TIMEOUT_MS);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /LISTENING (\d+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`The test server exited (${code}) before listening.\n${this.stderr}`));
      });
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async advanceClock(ms: number): Promise<void> {
    const res = await fetch(new URL('/__test/clock', this.url), { method: 'POST', body: JSON.stringify({ advanceMs: ms }) });
    if (!res.ok) throw new Error(`Moving the clock failed: ${res.status} ${await res.text()}`);
  }
}

export const test = base.extend<{ server: TestServer; serverEnv: Record<string, string> }>({
  /** Extra environment for the server (test seams), set per spec with test.use({ serverEnv }). */
  serverEnv: [{}, { option: true }],
  server: async ({ serverEnv }, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrack-e2e-'));
    const server = new ServerProcess(dataDir, serverEnv);
    await server.start();
    try {
      await use(server);
    } finally {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';
