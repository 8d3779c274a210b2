import path from 'node:path';

/**
 * Where the Electron app keeps its data, computed the way Electron computes
 * `app.getPath('userData')` (appData + productName), so the command line and the app find the
 * same clinic file without being told. Pure: tests pass any platform, environment and home.
 */
export const PRODUCT_NAME = 'Medtrack';
export const DATABASE_FILE_NAME = 'medtrack.db';

type Env = Readonly<Record<string, string | undefined>>;

/** Electron's `appData` folder. */
export function appDataDir(platform: NodeJS.Platform, env: Env, homedir: string): string {
  if (platform === 'win32') {
    // Electron asks Windows for the roaming AppData folder, which %APPDATA% names.
    return env.APPDATA ? env.APPDATA : path.win32.join(homedir, 'AppData', 'Roaming');
  }
  if (platform === 'darwin') return path.posix.join(homedir, 'Library', 'Application Support');
  // Chromium takes XDG_CONFIG_HOME whenever it is set and non-empty, else ~/.config.
  const xdg = env.XDG_CONFIG_HOME;
  return xdg ? xdg.replace(/(.)\/+$/, '$1') : path.posix.join(homedir, '.config');
}

/**
 * Whether this is a Windows install "for all users of this computer" (issue 9): the NSIS
 * installer (assets/installer.nsh) leaves PER_MACHINE_MARKER in the app's resources folder
 * then, and removes it on a per-user install. Anything else (a per-user install, a checkout,
 * Linux, macOS) keeps its data per user.
 */
export type InstallScope = 'per-user' | 'per-machine';
export const PER_MACHINE_MARKER = 'per-machine-install';

export function installScope(platform: NodeJS.Platform, resourcesPath: string | undefined, exists: (file: string) => boolean): InstallScope {
  if (platform !== 'win32' || !resourcesPath) return 'per-user';
  return exists(path.win32.join(resourcesPath, PER_MACHINE_MARKER)) ? 'per-machine' : 'per-user';
}

/** %ProgramData%\Medtrack: one folder every account on the computer shares (the installer lets staff change it). */
export function sharedDataDir(env: Env): string {
  const programData = env.ProgramData || env.PROGRAMDATA || 'C:\\ProgramData';
  return path.win32.join(programData, PRODUCT_NAME);
}

export function defaultDataDir(platform: NodeJS.Platform, env: Env, homedir: string, scope: InstallScope = 'per-user'): string {
  if (platform === 'win32' && scope === 'per-machine') return sharedDataDir(env);
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  return join(appDataDir(platform, env, homedir), PRODUCT_NAME);
}

export function defaultDatabasePath(platform: NodeJS.Platform, env: Env, homedir: string, scope: InstallScope = 'per-user'): string {
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  return join(defaultDataDir(platform, env, homedir, scope), DATABASE_FILE_NAME);
}
