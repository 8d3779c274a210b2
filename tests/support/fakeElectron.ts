import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';

/**
 * A stand-in `electron` module for the suites that run main/electron/main.ts under plain Node
 * (the Electron binary cannot run on the build machines, but the wiring can). It records what
 * main.ts asks of Electron in one state object, kept on globalThis so it is the same object
 * after vi.resetModules (each launch imports main.ts afresh). A suite mocks the modules with
 *
 *   vi.mock('electron', async () => (await import('../support/fakeElectron.js')).fakeElectronModule());
 *   vi.mock('electron-context-menu', async () => (await import('../support/fakeElectron.js')).fakeContextMenuModule());
 *   vi.mock('electron-window-state', async () => (await import('../support/fakeElectron.js')).fakeWindowStateModule());
 *
 * and calls useFakeElectron() for the per-test reset and clean-up.
 */

type Listener = (...args: unknown[]) => unknown;

export class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  once(event: string, fn: Listener): this {
    return this.on(event, fn);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const fn of this.listeners.get(event) ?? []) fn(...args);
  }
}

function createState() {
  const state = {
    isPackaged: true,
    appRoot: '',
    gotLock: true,
    paths: new Map<string, string>(),
    ipc: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
    windows: [] as { options: Record<string, unknown>; loaded: string | null; webContents: unknown }[],
    errors: [] as { title: string; content: string }[],
    messageBoxes: [] as { title: string; message: string; detail: string }[],
    shownInFolder: [] as string[],
    menu: null as null | { label?: string; role?: string; click?: () => void; submenu?: unknown[] }[],
    contextMenu: null as null | Record<string, unknown>,
    windowState: { x: 40, y: 30, width: 1111, height: 777, managed: [] as unknown[] },
    exitCode: null as number | null,
    quits: 0,
    privilegedSchemes: [] as { scheme: string; privileges: Record<string, unknown> }[],
    readyAt: null as number | null,
    schemesAt: null as number | null,
    session: {
      protocolHandlers: new Map<string, (request: { url: string; method: string }) => Promise<Response>>(),
      permissionRequest: null as null | ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void),
      permissionCheck: null as null | (() => boolean),
      devicePermission: null as null | (() => boolean),
      beforeRequest: null as null | ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
      headersReceived: null as
        | null
        | ((
            details: { responseHeaders?: Record<string, string[]> },
            cb: (r: { responseHeaders: Record<string, string[]> }) => void,
          ) => void),
    },
  };
  return state;
}

type FakeState = ReturnType<typeof createState>;
const holder = globalThis as { __medtrackFakeElectron?: FakeState };
export const fake = { state: (holder.__medtrackFakeElectron ??= createState()) };

export function fakeElectronModule() {
  const { state } = fake;
  const app = Object.assign(new Emitter(), {
    setName: (_n: string) => undefined,
    getAppPath: () => state.appRoot,
    setPath: (name: string, p: string) => void state.paths.set(name, p),
    getPath: (name: string) => state.paths.get(name) ?? path.join(state.appRoot, `.${name}`),
    requestSingleInstanceLock: () => state.gotLock,
    enableSandbox: () => undefined,
    whenReady: () => {
      state.readyAt ??= performance.now();
      return Promise.resolve();
    },
    quit: () => {
      state.quits += 1;
    },
    exit: (code: number) => {
      state.exitCode = code;
    },
  });
  // A getter (Object.assign would copy the value once): tests switch packaged/development.
  Object.defineProperty(app, 'isPackaged', { get: () => state.isPackaged });
  class WebContents extends Emitter {
    windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
    setWindowOpenHandler(fn: (d: { url: string }) => { action: string }): void {
      this.windowOpenHandler = fn;
    }
  }
  class BrowserWindow extends Emitter {
    readonly webContents = new WebContents();
    constructor(options: Record<string, unknown>) {
      super();
      const record = { options, loaded: null as string | null, webContents: this.webContents };
      state.windows.push(record);
      app.emit('web-contents-created', {}, this.webContents);
      this.loadFile = async (file: string) => {
        record.loaded = file;
      };
      this.loadURL = async (url: string) => {
        record.loaded = url;
      };
    }
    loadFile: (file: string) => Promise<void>;
    loadURL: (url: string) => Promise<void>;
    show(): void {}
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    focus(): void {}
  }
  const s = state.session;
  const defaultSession = {
    protocol: {
      handle: (scheme: string, fn: (request: { url: string; method: string }) => Promise<Response>) => void s.protocolHandlers.set(scheme, fn),
    },
    setPermissionRequestHandler: (fn: typeof s.permissionRequest) => void (s.permissionRequest = fn),
    setPermissionCheckHandler: (fn: typeof s.permissionCheck) => void (s.permissionCheck = fn),
    setDevicePermissionHandler: (fn: typeof s.devicePermission) => void (s.devicePermission = fn),
    webRequest: {
      onBeforeRequest: (fn: typeof s.beforeRequest) => void (s.beforeRequest = fn),
      onHeadersReceived: (fn: typeof s.headersReceived) => void (s.headersReceived = fn),
    },
  };
  return {
    app,
    BrowserWindow,
    dialog: {
      showErrorBox: (title: string, content: string) => void state.errors.push({ title, content }),
      showMessageBox: async (opts: { title: string; message: string; detail: string }) => {
        state.messageBoxes.push(opts);
        return { response: 0 };
      },
    },
    Menu: {
      buildFromTemplate: (template: typeof state.menu) => template,
      setApplicationMenu: (menu: typeof state.menu) => void (state.menu = menu),
    },
    shell: { showItemInFolder: (p: string) => void state.shownInFolder.push(p) },
    ipcMain: { handle: (name: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => void state.ipc.set(name, fn) },
    session: { defaultSession },
    protocol: {
      registerSchemesAsPrivileged: (schemes: typeof state.privilegedSchemes) => {
        state.schemesAt ??= performance.now();
        state.privilegedSchemes.push(...schemes);
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => false,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
  };
}

export function fakeContextMenuModule() {
  return {
    default: (options: Record<string, unknown>) => {
      fake.state.contextMenu = options;
      return () => undefined;
    },
  };
}

export function fakeWindowStateModule() {
  return {
    default: (_opts: unknown) => {
      const ws = fake.state.windowState;
      return { x: ws.x, y: ws.y, width: ws.width, height: ws.height, manage: (win: unknown) => void ws.managed.push(win) };
    },
  };
}

export interface FakeWebContents extends Emitter {
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null;
}

export const ELECTRON_VERSION = '45.5.0';

/** The test's app folder (a fresh temp folder per test). */
export const dirs = { root: '' };

/** An empty built renderer and preload, as main.ts looks for them. */
export function writeBuild(): void {
  for (const f of ['dist/renderer/index.html', 'dist/preload/preload.js']) {
    fs.mkdirSync(path.dirname(path.join(dirs.root, f)), { recursive: true });
    fs.writeFileSync(path.join(dirs.root, f), '');
  }
}

/** Imports main.ts afresh (it starts on import) and waits until it has shown a window or given up. */
export async function launch(): Promise<void> {
  vi.resetModules();
  await import('../../main/electron/main.js');
  await vi.waitFor(
    () => {
      if (fake.state.windows[0]?.loaded == null && fake.state.exitCode === null && fake.state.quits === 0)
        throw new Error('still starting');
    },
    { timeout: 20_000, interval: 20 },
  ); // starting the database worker takes a moment on a busy machine
}

export const indexPath = () => path.join(dirs.root, 'dist', 'renderer', 'index.html');
export const indexUrl = () => 'app://medtrack/index.html';

/** Registers the per-test reset of the stand-in and the clean-up after each launch. */
export function useFakeElectron(): void {
beforeEach(async () => {
  // The stand-in module outlives vi.resetModules: drop the previous launch's listeners.
  const { app } = (await import('electron')) as unknown as { app: Emitter };
  app.listeners.clear();
  dirs.root = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrack-main-'));
  const s = fake.state;
  Object.assign(s, { isPackaged: true, appRoot: dirs.root, gotLock: true, exitCode: null, quits: 0, readyAt: null, schemesAt: null });
  s.privilegedSchemes.length = 0;
  s.session.protocolHandlers.clear();
  s.paths.clear();
  s.paths.set('appData', path.join(dirs.root, 'appData'));
  s.ipc.clear();
  s.windows.length = 0;
  s.errors.length = 0;
  s.messageBoxes.length = 0;
  s.shownInFolder.length = 0;
  s.menu = null;
  s.contextMenu = null;
  s.windowState.managed.length = 0;
  Object.defineProperty(process.versions, 'electron', { value: ELECTRON_VERSION, configurable: true, enumerable: true });
  vi.stubEnv('MEDTRACK_DATA_DIR', '');
});

afterEach(async () => {
  // Let main.ts close the clinic (will-quit) before the folder goes.
  const s = fake.state;
  if (s.windows.length > 0) {
    const { app } = (await import('electron')) as unknown as { app: Emitter };
    app.emit('will-quit', { preventDefault: () => undefined });
    await vi.waitFor(
      () => {
        if (s.quits === 0) throw new Error('closing');
      },
      { timeout: 20_000, interval: 20 },
    );
  }
  vi.unstubAllEnvs();
  fs.rmSync(dirs.root, { recursive: true, force: true });
});
}
