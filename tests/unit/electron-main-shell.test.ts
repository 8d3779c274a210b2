import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fake, dirs, writeBuild, launch, useFakeElectron } from '../support/fakeElectron';

/**
 * main/electron/main.ts as a desktop app, under plain Node with a stand-in `electron` module
 * (tests/support/fakeElectron.ts): a medtrack command instead of a window, the menus and About,
 * the context menu and window state, and the single-instance lock.
 */
vi.mock('electron', async () => (await import('../support/fakeElectron.js')).fakeElectronModule());
vi.mock('electron-context-menu', async () => (await import('../support/fakeElectron.js')).fakeContextMenuModule());
vi.mock('electron-window-state', async () => (await import('../support/fakeElectron.js')).fakeWindowStateModule());

useFakeElectron();

describe('main.ts as a desktop app: command mode, menus, context menu, one instance', () => {
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
    await vi.waitFor(() => expect(fake.state.messageBoxes).toHaveLength(1), { timeout: 30_000 });
    const dataDir = path.join(dirs.root, 'appData', 'Medtrack');
    const logFile = path.join(dataDir, 'logs', 'medtrack.log');
    const about = fake.state.messageBoxes[0]!.detail;
    expect(about).toContain('Version 0.1.0');
    expect(about).toContain(`Data folder: ${dataDir}`);
    expect(about).toContain(`Application log: ${logFile}`);
    expect(about).toMatch(/Database schema: no clinic file open/);
    expect(about).toMatch(/Encryption: SQLite3 Multiple Ciphers [\d.]+ \(SQLCipher 4 format\)/);

    items.find((i) => i.label === 'Medtrack Help')!.click!();
    await vi.waitFor(() => expect(fake.state.messageBoxes).toHaveLength(2), { timeout: 30_000 });
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
