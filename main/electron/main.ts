import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  shell,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
  type Session,
  type WebContents,
} from 'electron';
import windowStateKeeper from 'electron-window-state';
import { channelNames, type Result } from '../ipc/contract';
import { internalErrorMessage, openAppLog, type AppLog } from '../log/appLog';
import { DbWorkerHost } from '../worker/host';
import { COMMANDS, main as cliMain, processIo } from '../cli';
import { installScope, sharedDataDir } from '../cli/paths';
import { appProtocolResponse, APP_SCHEME_PRIVILEGES } from './appProtocol';
import {
  APP_INDEX_URL,
  APP_SCHEME,
  appPaths,
  cliArguments,
  dataDirOverride,
  FORBIDDEN_SENDER,
  hardenedWebPreferences,
  isAllowedRequest,
  isTrustedSender,
  PRODUCT_NAME,
  shouldAllowNavigation,
  withCspHeader,
  type SenderInfo,
} from './policy';
import { SafeStorageKeyStore } from './safeStorageKeyStore';
import { aboutText, applicationMenu, contextMenuOptions, helpText } from './menu';

/**
 * The Electron shell: lifecycle, the one window, security settings and the IPC registration
 * loop. Everything clinical is in ClinicApp and the dispatcher, which run without Electron in
 * the database worker (main/worker): each IPC call is forwarded there, so no query holds up
 * this process. Only the OS key store (safeStorage) stays here; the worker asks for it.
 * Checklist numbers: https://www.electronjs.org/docs/latest/tutorial/security
 */

// The folder holding package.json: the checkout under `electron .`, app.asar when packaged.
const paths = appPaths(app.getAppPath());
let mainWindow: BrowserWindow | null = null;
/** The log file in the data folder, once the data folder is chosen; the console until then. */
let appLog: AppLog | null = null;

const log = (msg: string, err?: unknown): void => {
  if (appLog) appLog.error(msg, err);
  else if (err === undefined) console.error(`[medtrack] ${msg}`);
  else console.error(`[medtrack] ${msg}`, err);
};

function fail(title: string, detail: string): void {
  log(`${title}: ${detail}`);
  dialog.showErrorBox(title, detail);
  app.exit(1);
}

/**
 * The data folder. Set explicitly from the product name because in development Electron names
 * it after package.json's "name" ("medtrack"), so `npm start` and the installed app would use
 * different folders. MEDTRACK_DATA_DIR (absolute path) replaces it; see policy.dataDirOverride.
 * Must run before the single-instance lock, which lives in this folder.
 */
function chooseDataDir(): void {
  app.setName(PRODUCT_NAME);
  // Installed for all users on Windows: the shared %ProgramData%\Medtrack (main/cli/paths.ts), so
  // every staff account opens the same clinic file; otherwise the user's own appData folder.
  const scope = installScope(process.platform, process.resourcesPath, fs.existsSync);
  app.setPath(
    'userData',
    dataDirOverride(process.env) ?? (scope === 'per-machine' ? sharedDataDir(process.env) : path.join(app.getPath('appData'), PRODUCT_NAME)),
  );
}

/**
 * The SQLCipher driver ships N-API prebuilt binaries, which load unchanged in Node and in
 * Electron, so development and packaged builds use the same file. Loaded once here so a broken
 * install is a clear message at launch rather than a failure at the first database open.
 * Returns false after showing the problem.
 */
function checkDatabaseDriver(): boolean {
  try {
    new Database(':memory:').close();
    return true;
  } catch (err) {
    const hint = app.isPackaged
      ? 'Reinstall Medtrack; the installed database driver could not be loaded.'
      : 'Run `npm ci` again: the database driver in node_modules could not be loaded.';
    fail('Medtrack: database driver could not load', `${err instanceof Error ? err.message : String(err)}\n\n${hint}`);
    return false;
  }
}

/**
 * #18, #5, #7, #1: serve the renderer from app://, deny every permission, send the CSP header,
 * cancel every request that is not the app's own.
 */
function hardenSession(ses: Session): void {
  ses.protocol.handle(APP_SCHEME, (request) =>
    appProtocolResponse(request, paths.rendererDir, (url, status) => log(`Refused app request ${url} (${status})`)),
  );
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url);
    if (!allowed) log(`Blocked request to ${details.url}`);
    callback({ cancel: !allowed });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders) });
  });
}

/** #13, #14, #12: for every web contents ever created, before it can load anything. */
function hardenWebContents(contents: WebContents): void {
  const guard = (event: { preventDefault(): void }, url: string): void => {
    if (shouldAllowNavigation(url)) return;
    event.preventDefault();
    log(`Blocked navigation to ${url}`);
  };
  contents.on('will-navigate', (event) => guard(event, event.url));
  contents.on('will-frame-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', (event) => guard(event, event.url));
  // Links and window.open never open anything: no second window, no external browser (#15).
  contents.setWindowOpenHandler(({ url }) => {
    log(`Blocked new window for ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function senderOf(event: IpcMainInvokeEvent): SenderInfo | null {
  const frame = event.senderFrame;
  if (!frame) return null;
  return { url: frame.url, isTopFrame: frame.parent === null };
}

type Forward = (name: string, input: unknown) => Promise<Result<unknown>>;

/** One registration loop over the contract; #17: every call's sender is checked first. */
function registerIpc(dispatch: Forward, internalMessage: string): void {
  for (const name of channelNames) {
    ipcMain.handle(name, async (event, input: unknown): Promise<Result<unknown>> => {
      const sender = senderOf(event);
      if (!isTrustedSender(sender)) {
        log(`Refused ${name} from ${sender?.url ?? 'an unknown frame'}`);
        return FORBIDDEN_SENDER;
      }
      try {
        return await dispatch(name, input);
      } catch (err) {
        log(`Channel ${name} failed outside the dispatcher`, err);
        return { ok: false, error: { code: 'INTERNAL', message: internalMessage } };
      }
    });
  }
}

async function createWindow(): Promise<void> {
  // Size, position and maximised state as the user left them (window-state.json in the data
  // folder); electron-window-state moves a window that would open off every screen back on.
  const state = windowStateKeeper({ defaultWidth: 1280, defaultHeight: 860 });
  const win = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 900,
    minHeight: 600,
    title: PRODUCT_NAME,
    show: false,
    webPreferences: hardenedWebPreferences({ preload: paths.preload, devTools: !app.isPackaged }),
  });
  mainWindow = win;
  state.manage(win);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  // #18: from the app's own scheme (hardenSession registers its handler), never file://.
  await win.loadURL(APP_INDEX_URL);
}

type About = Parameters<typeof aboutText>[0];

/** The application menu and the fields' right-click menu. */
async function installMenus(clinic: DbWorkerHost, devTools: boolean): Promise<void> {
  const about = async (): Promise<About | null> => {
    const r = await clinic.call('clinic.about', {});
    return r.ok ? (r.value as About) : null;
  };
  const show = (title: string, message: string, detail: string) =>
    void dialog.showMessageBox({ type: 'info', title, message, detail, buttons: ['OK'] });
  const template = applicationMenu(
    process.platform,
    {
      about: () => void about().then((a) => a && show('About Medtrack', 'Medtrack', aboutText(a))),
      help: () => void about().then((a) => a && show('Medtrack Help', 'Medtrack Help', helpText(a))),
      showLog: () => shell.showItemInFolder(appLog!.file),
    },
    { devTools },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template as MenuItemConstructorOptions[]));
  // ESM-only package: loaded with import() from this CommonJS entry.
  const { default: contextMenu } = await import('electron-context-menu');
  contextMenu(contextMenuOptions(devTools));
}

function missingBuildFiles(): string[] {
  return [paths.rendererIndex, paths.preload].filter((f) => !fs.existsSync(f));
}

/** `Medtrack backup ...`: the command line, with no window, no lock and no database worker. */
async function runCommandLine(args: string[]): Promise<void> {
  let code = 1;
  try {
    code = await cliMain(args, processIo());
  } finally {
    app.exit(code);
  }
}

async function main(): Promise<void> {
  const cliArgs = cliArguments(process.argv, app.isPackaged, [...new Set(COMMANDS.map((c) => c.name.split(' ')[0]!))]);
  if (cliArgs) return runCommandLine(cliArgs);
  chooseDataDir();
  appLog = openAppLog(app.getPath('userData'));
  // One process per data folder: two would each hold their own session and write the same file.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.enableSandbox(); // #4 for every renderer, whatever its webPreferences say.
  // #18: app:// behaves like https (an origin, a secure context, fetch for module scripts);
  // this must happen before `ready`.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  await app.whenReady();

  const missing = missingBuildFiles();
  if (missing.length > 0) {
    fail('Medtrack: app not built', `These files are missing:\n${missing.join('\n')}\n\nRun \`npm start\` (or \`npm run build\`).`);
    return;
  }
  if (!checkDatabaseDriver()) return;

  hardenSession(session.defaultSession);

  const internalMessage = internalErrorMessage(appLog!.file);
  const clinic = await DbWorkerHost.start({
    dataDir: app.getPath('userData'),
    keyStore: new SafeStorageKeyStore(), // after `ready`: Linux reports its keyring only then
    log: appLog!,
    internalMessage,
  });
  registerIpc((name, input) => clinic.call(name, input), internalMessage);
  await installMenus(clinic, !app.isPackaged);

  // Closing the window ends the session and closes the database on every platform (no
  // macOS-style lingering with a clinic file open and nobody in front of it).
  app.on('window-all-closed', () => app.quit());
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    clinic
      .close()
      .then((ok) => ok || log('Closing the clinic file failed'))
      .catch((err: unknown) => log('Closing the clinic file failed', err))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  await createWindow();
}

main().catch((err: unknown) => {
  fail('Medtrack could not start', err instanceof Error ? (err.stack ?? err.message) : String(err));
});
