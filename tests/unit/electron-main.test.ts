import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../main/ipc/contract';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/policy';

/**
 * main/electron/main.ts under plain Node with a stand-in `electron` module: the Electron binary
 * cannot run on the build machines, but the wiring (what gets registered, checked, denied and
 * loaded) can. The stand-in records what main.ts asks of Electron; the policy decisions
 * themselves are covered in electron-policy.test.ts.
 */

type Listener = (...args: unknown[]) => unknown;

class Emitter {
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

const fake = vi.hoisted(() => {
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
  return { state };
});

vi.mock('electron', () => {
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
});

vi.mock('electron-context-menu', () => ({
  default: (options: Record<string, unknown>) => {
    fake.state.contextMenu = options;
    return () => undefined;
  },
}));

vi.mock('electron-window-state', () => ({
  default: (_opts: unknown) => {
    const ws = fake.state.windowState;
    return { x: ws.x, y: ws.y, width: ws.width, height: ws.height, manage: (win: unknown) => void ws.managed.push(win) };
  },
}));

interface FakeWebContents extends Emitter {
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null;
}

let root: string;
const ELECTRON_VERSION = '45.5.0';

function writeBuild(): void {
  for (const f of ['dist/renderer/index.html', 'dist/preload/preload.js']) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), '');
  }
}

/** Imports main.ts afresh (it starts on import) and waits until it has shown a window or given up. */
async function launch(): Promise<void> {
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

const indexPath = () => path.join(root, 'dist', 'renderer', 'index.html');
const indexUrl = () => 'app://medtrack/index.html';

beforeEach(async () => {
  // The stand-in module outlives vi.resetModules: drop the previous launch's listeners.
  const { app } = (await import('electron')) as unknown as { app: Emitter };
  app.listeners.clear();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrack-main-'));
  const s = fake.state;
  Object.assign(s, { isPackaged: true, appRoot: root, gotLock: true, exitCode: null, quits: 0, readyAt: null, schemesAt: null });
  s.privilegedSchemes.length = 0;
  s.session.protocolHandlers.clear();
  s.paths.clear();
  s.paths.set('appData', path.join(root, 'appData'));
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
  fs.rmSync(root, { recursive: true, force: true });
});

describe('main.ts wiring', () => {
  it('opens one hardened window on the built renderer, with data under userData/Medtrack', async () => {
    writeBuild();
    await launch();
    const [win] = fake.state.windows;
    expect(fake.state.errors).toEqual([]);
    expect(win!.loaded).toBe(indexUrl());
    expect(win!.options.webPreferences).toMatchObject({
      preload: path.join(root, 'dist', 'preload', 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false, // packaged
    });
    expect(fake.state.paths.get('userData')).toBe(path.join(root, 'appData', 'Medtrack'));
  });

  it('serves the renderer from app:// (privileged before ready), with its MIME type and CSP, and nothing outside dist/renderer', async () => {
    writeBuild();
    fs.writeFileSync(indexPath(), '<!doctype html><title>Medtrack</title>');
    await launch();
    const s = fake.state;
    expect(s.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    expect(s.schemesAt).not.toBeNull();
    expect(s.schemesAt!).toBeLessThanOrEqual(s.readyAt!); // Electron ignores it after ready
    const handle = s.session.protocolHandlers.get('app')!;
    const page = await handle({ url: indexUrl(), method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>Medtrack</title>');
    // The preload (next to the renderer folder) and the data folder are out of reach.
    expect((await handle({ url: 'app://medtrack/..%2Fpreload%2Fpreload.js', method: 'GET' })).status).toBe(404);
    expect((await handle({ url: 'app://medtrack/..%2F..%2F.userData%2Fmedtrack.db', method: 'GET' })).status).toBe(404);
  });

  it('honours MEDTRACK_DATA_DIR', async () => {
    writeBuild();
    const dir = path.join(root, 'custom-data');
    vi.stubEnv('MEDTRACK_DATA_DIR', dir);
    await launch();
    expect(fake.state.paths.get('userData')).toBe(dir);
  });

  it('registers every channel, and only the app page may call them', async () => {
    writeBuild();
    await launch();
    const { ipc } = fake.state;
    expect([...ipc.keys()].sort()).toEqual([...channelNames].sort());
    const status = ipc.get('clinic.status')!;

    expect(await status({ senderFrame: { url: `${indexUrl()}#/setup`, parent: null } }, {})).toMatchObject({
      ok: true,
      value: { phase: 'needs_setup' },
    });
    for (const senderFrame of [
      { url: 'https://evil.example/', parent: null },
      { url: 'file:///tmp/evil.html', parent: null },
      { url: pathToFileURL(indexPath()).href, parent: null }, // the same page, but from file://
      { url: indexUrl(), parent: { url: indexUrl() } }, // a subframe
      null,
    ]) {
      expect(await status({ senderFrame }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('denies navigation away, new windows, webviews and every permission; sets the CSP; blocks remote requests', async () => {
    writeBuild();
    await launch();
    const wc = fake.state.windows[0]!.webContents as FakeWebContents;
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = { url: 'https://evil.example/', preventDefault: vi.fn() };
      wc.emit(event, away);
      expect(away.preventDefault, event).toHaveBeenCalled();
      const home = { url: `${indexUrl()}#/`, preventDefault: vi.fn() };
      wc.emit(event, home);
      expect(home.preventDefault, event).not.toHaveBeenCalled();
    }
    expect(wc.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    wc.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();

    const s = fake.state.session;
    const granted: boolean[] = [];
    s.permissionRequest!({}, 'media', (g) => granted.push(g));
    expect(granted).toEqual([false]);
    expect(s.permissionCheck!()).toBe(false);
    expect(s.devicePermission!()).toBe(false);

    const headers: Record<string, string[]>[] = [];
    s.headersReceived!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => headers.push(r.responseHeaders));
    expect(headers[0]!['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);

    const cancels: boolean[] = [];
    s.beforeRequest!({ url: 'https://tracker.example/p.gif' }, (r) => cancels.push(r.cancel));
    s.beforeRequest!({ url: 'app://medtrack/assets/index.js' }, (r) => cancels.push(r.cancel));
    s.beforeRequest!({ url: pathToFileURL(path.join(root, 'dist', 'renderer', 'assets', 'index.js')).href }, (r) => cancels.push(r.cancel));
    expect(cancels).toEqual([true, false, true]);
  });

  it('in development, loads the same N-API driver as the tests (no Electron-specific copy)', async () => {
    writeBuild();
    fake.state.isPackaged = false;
    await launch();
    expect(fake.state.errors).toEqual([]);
    expect(fake.state.windows[0]!.loaded).toBe(indexUrl());
    expect((fake.state.windows[0]!.options.webPreferences as { devTools: boolean }).devTools).toBe(true);
    expect(fs.existsSync(path.join(root, '.electron-native'))).toBe(false);
  });

  it('refuses to start without the built renderer and preload', async () => {
    await launch();
    expect(fake.state.windows).toEqual([]);
    expect(fake.state.exitCode).toBe(1);
    expect(fake.state.errors[0]!.content).toMatch(/npm run build/);
  });

  it('runs a medtrack command when started with one: no window, no lock, no database worker; exits with its code', async () => {
    writeBuild();
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    const argv = process.argv;
    process.argv = ['/opt/Medtrack/medtrack', 'help'];
    try {
      await launch();
    } finally {
      process.argv = argv;
      write.mockRestore();
    }
    expect(fake.state.exitCode).toBe(0);
    expect(fake.state.windows).toEqual([]);
    expect(fake.state.ipc.size).toBe(0);
    expect(fake.state.paths.has('userData')).toBe(false);
    expect(out.join('')).toMatch(/Usage: medtrack <command>[\s\S]*backup/);
  });

  it("sets File, Edit, View and Help menus with the app's own help and About, and no link to electronjs.org", async () => {
    writeBuild();
    await launch();
    const menu = fake.state.menu!;
    const labels = menu.map((m) => m.label);
    expect(labels).toEqual(process.platform === 'darwin' ? ['Medtrack', 'File', 'Edit', 'View', 'Help'] : ['File', 'Edit', 'View', 'Help']);
    expect(JSON.stringify(menu)).not.toMatch(/electronjs|github|http/i);
    const edit = menu.find((m) => m.label === 'Edit')!.submenu as { role?: string }[];
    expect(edit.map((i) => i.role)).toEqual(expect.arrayContaining(['cut', 'copy', 'paste']));
    // Packaged: no reload or DevTools in View.
    const view = menu.find((m) => m.label === 'View')!.submenu as { role?: string }[];
    expect(view.map((i) => i.role)).not.toContain('toggleDevTools');

    const items = menu.flatMap((m) => (m.submenu ?? []) as { label?: string; click?: () => void }[]);
    items.find((i) => i.label === 'About Medtrack')!.click!();
    await vi.waitFor(() => expect(fake.state.messageBoxes).toHaveLength(1), { timeout: 10_000 });
    const dataDir = path.join(root, 'appData', 'Medtrack');
    const logFile = path.join(dataDir, 'logs', 'medtrack.log');
    const about = fake.state.messageBoxes[0]!.detail;
    expect(about).toContain('Version 0.1.0');
    expect(about).toContain(`Data folder: ${dataDir}`);
    expect(about).toContain(`Application log: ${logFile}`);
    expect(about).toMatch(/Database schema: no clinic file open/);
    expect(about).toMatch(/Encryption: SQLite3 Multiple Ciphers [\d.]+ \(SQLCipher 4 format\)/);

    items.find((i) => i.label === 'Medtrack Help')!.click!();
    await vi.waitFor(() => expect(fake.state.messageBoxes).toHaveLength(2), { timeout: 10_000 });
    expect(fake.state.messageBoxes[1]!.detail).toContain(logFile);
    items.find((i) => i.label === 'Show the Application Log')!.click!();
    expect(fake.state.shownInFolder).toEqual([logFile]);
  });

  it('offers cut, copy and paste on right-click without searching the web, and restores the window where it was', async () => {
    writeBuild();
    await launch();
    expect(fake.state.contextMenu).toMatchObject({
      showSearchWithGoogle: false,
      showLookUpSelection: false,
      showCopyLink: false,
      showSaveImageAs: false,
      showInspectElement: false,
    });
    const [win] = fake.state.windows;
    expect(win!.options).toMatchObject({ x: 40, y: 30, width: 1111, height: 777 });
    expect(fake.state.windowState.managed).toHaveLength(1);
  });

  it('leaves the running instance alone when another one holds the lock', async () => {
    writeBuild();
    fake.state.gotLock = false;
    await launch();
    expect(fake.state.quits).toBe(1);
    expect(fake.state.windows).toEqual([]);
    expect(fake.state.ipc.size).toBe(0);
  });
});
