/**
 * FOR TESTS ONLY: the loopback server the browser end-to-end suite runs against. It serves the
 * built renderer and answers the same contract through the same database worker, dispatcher and
 * handlers as the Electron main process, so the real renderer can run in a plain Chromium where
 * Electron cannot, and every e2e call takes the app's own path (main thread -> worker).
 *
 *   node dist/main/http/testServer.js --data-dir DIR [--port 0] [--now ISO] [--static DIR]
 *
 * Prints `LISTENING <port>` once ready. Binds 127.0.0.1 only and refuses other Host headers
 * (DNS rebinding) and cross-site requests. Keys live in a MemoryKeyStore, so a restarted server
 * is a new workstation: the recovery passphrase is needed again.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { channelNames } from '../ipc/contract';
import { MemoryKeyStore } from '../keys/memoryKeyStore';
import { internalErrorMessage, openAppLog } from '../log/appLog';
import { DbWorkerHost } from '../worker/host';
import { parseArgs } from './args';
import { bridgeScript } from './bridgeScript';
import { indexWithBridge, readStatic } from './staticFiles';

const MAX_BODY_BYTES = 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'Request body too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve({});
      try {
        resolve(JSON.parse(text) as unknown);
      } catch {
        reject(new HttpError(400, 'The request body is not JSON.'));
      }
    });
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

const sendJson = (res: http.ServerResponse, status: number, value: unknown) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

/** Only our own page on loopback may talk to us: exact Host, and no cross-site Origin. */
function fromLoopback(req: http.IncomingMessage, port: number): boolean {
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowed.includes(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null' && !allowed.map((h) => `http://${h}`).includes(origin)) return false;
  return req.headers['sec-fetch-site'] !== 'cross-site';
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const staticDir = path.resolve(args.staticDir ?? path.join(__dirname, '..', '..', 'renderer'));
  if (!fs.existsSync(path.join(staticDir, 'index.html')))
    throw new Error(`No built renderer at ${staticDir}; run npm run build:renderer first.`);
  fs.mkdirSync(args.dataDir, { recursive: true });

  // Errors on stderr too (the e2e suite shows them); slow-call warnings only in the file.
  const appLog = openAppLog(args.dataDir, { console: 'error' });
  const log = (msg: string, err?: unknown) => appLog.error(`[testServer] ${msg}`, err);
  // The key store stays on this thread, as safeStorage stays in Electron's main process.
  const worker = await DbWorkerHost.start({
    dataDir: args.dataDir,
    keyStore: new MemoryKeyStore(),
    clock: { kind: 'adjustable', startAt: args.now ? args.now.toISOString() : null },
    log: appLog,
    internalMessage: internalErrorMessage(appLog.file),
  });
  const bridge = bridgeScript(channelNames);
  let port = args.port;

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!fromLoopback(req, port)) throw new HttpError(403, 'Loopback test server: this request is not from its own page.');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';

    if (method === 'POST' && url.pathname.startsWith('/api/')) {
      const input = await readBody(req);
      return sendJson(res, 200, await worker.call(decodeURIComponent(url.pathname.slice('/api/'.length)), input));
    }
    if (method === 'POST' && url.pathname === '/__test/clock') {
      const body = (await readBody(req)) as { advanceMs?: unknown; set?: unknown };
      let now: string;
      if (typeof body.advanceMs === 'number' && Number.isFinite(body.advanceMs))
        now = await worker.moveClock({ advanceMs: body.advanceMs });
      else if (typeof body.set === 'string' && !Number.isNaN(new Date(body.set).getTime())) now = await worker.moveClock({ set: body.set });
      else throw new HttpError(400, 'Send {"advanceMs": number} or {"set": ISO instant}.');
      return sendJson(res, 200, { now });
    }
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'Method not allowed.');
    if (url.pathname === '/' || url.pathname === '/index.html')
      return send(res, 200, 'text/html; charset=utf-8', indexWithBridge(staticDir));
    if (url.pathname === '/test-bridge.js') return send(res, 200, 'text/javascript; charset=utf-8', bridge);
    const file = readStatic(staticDir, url.pathname);
    if (!file) throw new HttpError(404, 'Not found.');
    return send(res, 200, file.contentType, file.body);
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) log('Request failed', err);
      if (!res.headersSent) send(res, status, 'text/plain; charset=utf-8', err instanceof HttpError ? err.message : 'Internal error.');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(args.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The server has no TCP address.');
  port = address.port;
  process.stdout.write(`LISTENING ${port}\n`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    // Closing checkpoints the WAL and releases the file, as quitting the app would.
    if (!(await worker.close())) process.exitCode = 1;
    process.exit();
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}

main().catch((err: unknown) => {
  console.error(`[testServer] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
