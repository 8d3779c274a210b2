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

export function defaultDataDir(platform: NodeJS.Platform, env: Env, homedir: string): string {
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  return join(appDataDir(platform, env, homedir), PRODUCT_NAME);
}

export function defaultDatabasePath(platform: NodeJS.Platform, env: Env, homedir: string): string {
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  return join(defaultDataDir(platform, env, homedir), DATABASE_FILE_NAME);
}
