import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { OsKeyStore } from '../keys/keyStore';

/**
 * The OS key store (Electron safeStorage) exists only in the main process, but the clinic file
 * is opened in the database worker. OsKeyStore is synchronous (the core and the command line
 * run without Electron), so the worker asks the main thread over a dedicated MessagePort and
 * waits on a shared Int32Array: the main thread answers on the port, then flips the flag and
 * notifies. Only three calls cross, each once per unlock or setup, so the worker blocking for
 * the main thread's answer (well under a millisecond) costs nothing the user can see.
 */

export type KeyStoreOp = 'isAvailable' | 'wrap' | 'unwrap';
export interface KeyStoreRequest {
  seq: number;
  op: KeyStoreOp;
  data?: Uint8Array;
}
export type KeyStoreResponse = { seq: number; ok: true; value: boolean | Uint8Array } | { seq: number; ok: false; message: string };

/** What the worker needs: the port it asks on and the flag it waits on. */
export interface KeyStoreLink {
  port: MessagePort;
  signal: SharedArrayBuffer;
}

/** Main thread: answers the worker's key-store requests from the real store. */
export function serveKeyStore(port: MessagePort, signal: SharedArrayBuffer, store: OsKeyStore): void {
  const flag = new Int32Array(signal);
  port.on('message', (req: KeyStoreRequest) => {
    let res: KeyStoreResponse;
    try {
      const value =
        req.op === 'isAvailable'
          ? store.isAvailable()
          : req.op === 'wrap'
            ? store.wrap(Buffer.from(req.data!))
            : store.unwrap(Buffer.from(req.data!));
      res = { seq: req.seq, ok: true, value };
    } catch (err) {
      // The message only: a key store's errors name the store, never the secret.
      res = { seq: req.seq, ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(res);
    Atomics.store(flag, 0, req.seq);
    Atomics.notify(flag, 0);
  });
}

/** How long the worker waits for the main thread before calling the key store unreachable. */
const KEY_STORE_TIMEOUT_MS = 30_000;

/** Worker: an OsKeyStore whose every call is answered by the main thread's store. */
export class BridgedKeyStore implements OsKeyStore {
  private seq = 0;
  private readonly flag: Int32Array;
  constructor(private readonly link: KeyStoreLink) {
    this.flag = new Int32Array(link.signal);
  }

  private ask(op: KeyStoreOp, data?: Buffer): boolean | Uint8Array {
    const seq = ++this.seq;
    this.link.port.postMessage({ seq, op, data } satisfies KeyStoreRequest);
    const deadline = Date.now() + KEY_STORE_TIMEOUT_MS;
    while (Atomics.load(this.flag, 0) !== seq) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('The operating-system key store did not answer.');
      Atomics.wait(this.flag, 0, Atomics.load(this.flag, 0), left);
    }
    const got = receiveMessageOnPort(this.link.port);
    const res = got?.message as KeyStoreResponse | undefined;
    if (!res || res.seq !== seq) throw new Error('The operating-system key store answered out of turn.');
    if (!res.ok) throw new Error(res.message);
    return res.value;
  }

  isAvailable(): boolean {
    return this.ask('isAvailable') as boolean;
  }
  wrap(secret: Buffer): Buffer {
    return Buffer.from(this.ask('wrap', secret) as Uint8Array);
  }
  unwrap(blob: Buffer): Buffer {
    return Buffer.from(this.ask('unwrap', blob) as Uint8Array);
  }
}
