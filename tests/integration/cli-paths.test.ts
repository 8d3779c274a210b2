import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../main/cli';
import { systemClock } from '../../main/clock';
import { appDataDir, defaultDataDir, defaultDatabasePath, installScope, PER_MACHINE_MARKER, sharedDataDir } from '../../main/cli/paths';

// Must match Electron's app.getPath('userData') for productName "Medtrack", or the command
// line and the app would look at different clinic files.
describe('default clinic database location', () => {
  it('Linux: $XDG_CONFIG_HOME/Medtrack/medtrack.db when set', () => {
    expect(defaultDatabasePath('linux', { XDG_CONFIG_HOME: '/srv/cfg' }, '/home/ann')).toBe('/srv/cfg/Medtrack/medtrack.db');
    expect(defaultDatabasePath('linux', { XDG_CONFIG_HOME: '/srv/cfg/' }, '/home/ann')).toBe('/srv/cfg/Medtrack/medtrack.db');
  });

  it('Linux: ~/.config/Medtrack/medtrack.db when XDG_CONFIG_HOME is unset or empty', () => {
    expect(defaultDatabasePath('linux', {}, '/home/ann')).toBe('/home/ann/.config/Medtrack/medtrack.db');
    expect(defaultDatabasePath('linux', { XDG_CONFIG_HOME: '' }, '/home/ann')).toBe('/home/ann/.config/Medtrack/medtrack.db');
    expect(defaultDataDir('freebsd', {}, '/home/ann')).toBe('/home/ann/.config/Medtrack');
  });

  it('macOS: ~/Library/Application Support/Medtrack, whatever XDG says', () => {
    expect(defaultDatabasePath('darwin', { XDG_CONFIG_HOME: '/x' }, '/Users/ann')).toBe('/Users/ann/Library/Application Support/Medtrack/medtrack.db');
  });

  it('Windows: %APPDATA%\\Medtrack, falling back to the roaming profile folder', () => {
    expect(defaultDatabasePath('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Medtrack\\medtrack.db',
    );
    expect(appDataDir('win32', {}, 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Roaming');
  });
});

// Issue 9: installed "for all users" on Windows, every staff account shares one clinic file.
describe('data folder by install scope', () => {
  const env = { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming', ProgramData: 'D:\\ProgramData' };
  const resources = 'C:\\Program Files\\Medtrack\\resources';
  const marker = `${resources}\\${PER_MACHINE_MARKER}`;

  it('reads the installer\u2019s marker in the resources folder, on Windows only', () => {
    expect(installScope('win32', resources, (f) => f === marker)).toBe('per-machine');
    expect(installScope('win32', resources, () => false)).toBe('per-user');
    // A checkout or plain Node has no resources folder; Linux and macOS keep data per user.
    expect(installScope('win32', undefined, () => true)).toBe('per-user');
    expect(installScope('linux', '/opt/Medtrack/resources', () => true)).toBe('per-user');
    expect(installScope('darwin', '/Applications/Medtrack.app/Contents/Resources', () => true)).toBe('per-user');
  });

  it('puts a per-machine install\u2019s clinic file in %ProgramData%\\Medtrack, a per-user one in %APPDATA%\\Medtrack', () => {
    expect(defaultDatabasePath('win32', env, 'C:\\Users\\ann', 'per-machine')).toBe('D:\\ProgramData\\Medtrack\\medtrack.db');
    expect(defaultDatabasePath('win32', { PROGRAMDATA: 'E:\\PD' }, 'C:\\Users\\ann', 'per-machine')).toBe('E:\\PD\\Medtrack\\medtrack.db');
    expect(sharedDataDir({})).toBe('C:\\ProgramData\\Medtrack');
    expect(defaultDatabasePath('win32', env, 'C:\\Users\\ann', 'per-user')).toBe('C:\\Users\\ann\\AppData\\Roaming\\Medtrack\\medtrack.db');
    // Elsewhere the scope changes nothing.
    expect(defaultDatabasePath('linux', {}, '/home/ann', 'per-machine')).toBe('/home/ann/.config/Medtrack/medtrack.db');
  });

  it('matches the marker the NSIS installer writes, and the builder config includes that script', () => {
    const nsh = fs.readFileSync(path.join(__dirname, '../../assets/installer.nsh'), 'utf8');
    expect(nsh).toContain(`FileOpen $0 "$INSTDIR\\resources\\${PER_MACHINE_MARKER}" w`);
    expect(nsh).toContain(`Delete "$INSTDIR\\resources\\${PER_MACHINE_MARKER}"`);
    expect(fs.readFileSync(path.join(__dirname, '../../electron-builder.yml'), 'utf8')).toMatch(/^ {2}include: assets\/installer\.nsh$/m);
  });

  it('the command line run by a per-machine app defaults to the shared clinic file', async () => {
    const out: string[] = [];
    const code = await main(['backup', '--help'], {
      stdin: async () => '', stdout: (t) => out.push(t), stderr: (t) => out.push(t), clock: systemClock,
      env, cwd: 'C:\\', platform: 'win32', homedir: 'C:\\Users\\ann', installScope: 'per-machine',
    });
    expect(code).toBe(0);
    expect(out.join('')).toContain('D:\\ProgramData\\Medtrack\\medtrack.db');
  });
});
