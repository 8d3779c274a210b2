import path from 'node:path';

/**
 * The Electron shell's security decisions as pure functions: no `electron` import, so every
 * rule here is unit-tested under plain Node (tests/unit/electron-policy.test.ts) and main.ts
 * only wires them to Electron events. Numbers refer to Electron's security checklist
 * (https://www.electronjs.org/docs/latest/tutorial/security).
 */

export const PRODUCT_NAME = 'Medtrack';

/**
 * #7 Content security policy. Sent as a response header with every app:// response
 * (appProtocol.ts) and on any other response main.ts sees (defence in depth), and also as a
 * <meta> tag in renderer/index.html, which guards the page wherever it is served without the
 * header (the loopback test server). 'unsafe-inline' for styles only (React style props); scripts only from
 * the app's own files, no eval.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/**
 * The same policy for renderer/index.html's <meta http-equiv="Content-Security-Policy">.
 * `frame-ancestors` is left out because browsers ignore it in a meta tag (and Chromium logs a
 * warning); the header above still carries it.
 */
export const CONTENT_SECURITY_POLICY_META = CONTENT_SECURITY_POLICY.split(';')
  .map((d) => d.trim())
  .filter((d) => d && !d.startsWith('frame-ancestors'))
  .join('; ');

/** Where the built pieces live, relative to the app root (the folder holding package.json, or app.asar). */
export interface AppPaths {
  root: string;
  rendererDir: string;
  rendererIndex: string;
  preload: string;
}

export function appPaths(appRoot: string): AppPaths {
  const root = path.resolve(appRoot);
  const rendererDir = path.join(root, 'dist', 'renderer');
  return {
    root,
    rendererDir,
    rendererIndex: path.join(rendererDir, 'index.html'),
    preload: path.join(root, 'dist', 'preload', 'preload.js'),
  };
}

/**
 * #18 The renderer is served from app://medtrack (main/electron/appProtocol.ts), never from
 * file://: a file:// page shares its origin with every local file, and the
 * grantFileProtocolExtraPrivileges fuse is off in packaged builds (electron-builder.yml).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'medtrack';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * The path of an app:// URL on our host, or null: other schemes, other hosts, credentials or a
 * port are never ours. Query and #route are dropped (the renderer routes by hash).
 */
export function appUrlPath(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname !== APP_HOST) return null;
  if (parsed.port !== '' || parsed.username !== '' || parsed.password !== '') return null;
  return parsed.pathname;
}

/** True only for the app's own page (any query or #route), however it is spelled. */
export function isAppPageUrl(url: string): boolean {
  return appUrlPath(url) === '/index.html';
}

/** True for any URL on the app's own origin (the page and its assets); the file may not exist. */
export function isAppOriginUrl(url: string): boolean {
  return appUrlPath(url) !== null;
}


/** The app's own renderer page (any query or #route): the only URL the window may show. */
export function isAppUrl(url: string): boolean {
  return isAppPageUrl(url);
}

/**
 * #13 Limit navigation: the window may only ever (re)load the app's own page. Every other
 * target (http, https, javascript:, data:, file:, other app:// paths) is refused; links are not
 * opened externally either, so nothing clinical leaves through a URL.
 */
export function shouldAllowNavigation(targetUrl: string): boolean {
  return isAppPageUrl(targetUrl);
}

/**
 * #1 Only load secure content, and no remote content at all: requests from the renderer may
 * reach the app's own origin (the page and its assets; the app:// handler then refuses
 * anything outside dist/renderer), data:/blob: (images, downloads the renderer builds itself)
 * and DevTools; every network scheme and every file:// URL is cancelled.
 */
export function isAllowedRequest(url: string): boolean {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return false;
  }
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'devtools:') return true;
  return isAppOriginUrl(url);
}

/** What main.ts knows about an IPC message's sending frame (event.senderFrame). */
export interface SenderInfo {
  url: string | null | undefined;
  isTopFrame: boolean;
}

/**
 * #17 Validate the sender of every IPC message: only the top frame of the app's own page may
 * call the API. A missing frame (navigated away or destroyed) is refused too.
 */
export function isTrustedSender(sender: SenderInfo | null): boolean {
  if (!sender || !sender.isTopFrame || !sender.url) return false;
  return isAppPageUrl(sender.url);
}

/** The answer an untrusted sender gets: the same Result shape the dispatcher uses. */
export const FORBIDDEN_SENDER = {
  ok: false as const,
  error: { code: 'FORBIDDEN', message: 'This window is not allowed to use Medtrack.' },
};

/** Sets the CSP response header, replacing any copy the response carried under another case. */
export function withCspHeader(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}

/** The subset of Electron's WebPreferences we set; structurally compatible with it. */
export interface HardenedWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  devTools: boolean;
}

/**
 * Checklist #2-#4, #6, #8-#10: context isolation, sandbox, no Node anywhere in the renderer,
 * web security on, no insecure content, no experimental Blink features, no <webview>.
 * Spell checking is off because on Linux Chromium downloads dictionaries from Google (the app
 * stays offline); dropping a file on the window must not navigate to it; DevTools only in
 * development (a packaged build has patient data on screen and no need for a console).
 */
export function hardenedWebPreferences(opts: { preload: string; devTools: boolean }): HardenedWebPreferences {
  return {
    preload: opts.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: opts.devTools,
  };
}

/**
 * Whether Electron's safeStorage really protects the database key here. On Linux without a
 * keyring (no libsecret / KWallet), Chromium falls back to 'basic_text': the "encryption" key
 * is a constant compiled into Chromium, so anyone who can read the key file can unwrap it.
 * Treating that as unavailable makes every unlock take the administrator's recovery
 * passphrase, which is real protection. 'unknown' means asked before `ready`: not usable yet.
 */
export function isOsKeyStoreUsable(platform: NodeJS.Platform, encryptionAvailable: boolean, linuxBackend: string | null): boolean {
  if (!encryptionAvailable) return false;
  if (platform !== 'linux') return true;
  return linuxBackend !== null && linuxBackend !== 'basic_text' && linuxBackend !== 'unknown';
}

/**
 * MEDTRACK_DATA_DIR: an absolute folder used instead of the per-user data folder, for the
 * Electron launch test (a fresh temp folder per run) and for running a second, throw-away
 * profile beside a real one. Relative or empty values are ignored so a stray variable cannot
 * put the clinic file somewhere unexpected relative to the working directory.
 */
export function dataDirOverride(env: Record<string, string | undefined>): string | null {
  const v = env.MEDTRACK_DATA_DIR?.trim();
  return v && path.isAbsolute(v) ? path.resolve(v) : null;
}

/**
 * The `medtrack` command line inside the app: the installed executable runs a command instead
 * of opening a window when its first argument is one of the command words (`Medtrack backup
 * --out F ...`; under `electron . backup ...` in a checkout). Anything else (no arguments,
 * Chromium switches such as --no-sandbox, macOS's -psn_ argument) starts the app as usual.
 * Returns the command's arguments, or null for a normal launch.
 */
export function cliArguments(argv: readonly string[], isPackaged: boolean, commandWords: readonly string[]): string[] | null {
  const args = argv.slice(isPackaged ? 1 : 2);
  const first = args[0];
  if (first === undefined) return null;
  if (first === '--help' || first === '-h' || commandWords.includes(first)) return [...args];
  return null;
}
