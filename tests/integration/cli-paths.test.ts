import { describe, expect, it } from 'vitest';
import { appDataDir, defaultDataDir, defaultDatabasePath } from '../../main/cli/paths';

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
