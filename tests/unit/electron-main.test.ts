import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { channelNames } from '../../main/ipc/contract';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/policy';
import { describe, expect, it, vi } from 'vitest';
import { fake, dirs, writeBuild, launch, indexPath, indexUrl, useFakeElectron, type FakeWebContents } from '../support/fakeElectron';

/**
 * main/electron/main.ts's window and security wiring (what gets registered, checked, denied and
 * loaded) under plain Node with a stand-in `electron` module (tests/support/fakeElectron.ts); the
 * policy decisions themselves are covered in electron-policy.test.ts.
 */
vi.mock('electron', async () => (await import('../support/fakeElectron.js')).fakeElectronModule());
vi.mock('electron-context-menu', async () => (await import('../support/fakeElectron.js')).fakeContextMenuModule());
vi.mock('electron-window-state', async () => (await import('../support/fakeElectron.js')).fakeWindowStateModule());

useFakeElectron();

describe('main.ts wiring', () => {
  it('opens one hardened window on the built renderer, with data under userData/Medtrack', async () => {
    writeBuild();
    await launch();
    const [win] = fake.state.windows;
    expect(fake.state.errors).toEqual([]);
    expect(win!.loaded).toBe(indexUrl());
    expect(win!.options.webPreferences).toMatchObject({
      preload: path.join(dirs.root, 'dist', 'preload', 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false, // packaged
    });
    expect(fake.state.paths.get('userData')).toBe(path.join(dirs.root, 'appData', 'Medtrack'));
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
    const dir = path.join(dirs.root, 'custom-data');
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
    s.beforeRequest!({ url: pathToFileURL(path.join(dirs.root, 'dist', 'renderer', 'assets', 'index.js')).href }, (r) => cancels.push(r.cancel));
    expect(cancels).toEqual([true, false, true]);
  });

  it('in development, loads the same N-API driver as the tests (no Electron-specific copy)', async () => {
    writeBuild();
    fake.state.isPackaged = false;
    await launch();
    expect(fake.state.errors).toEqual([]);
    expect(fake.state.windows[0]!.loaded).toBe(indexUrl());
    expect((fake.state.windows[0]!.options.webPreferences as { devTools: boolean }).devTools).toBe(true);
    expect(fs.existsSync(path.join(dirs.root, '.electron-native'))).toBe(false);
  });

  it('refuses to start without the built renderer and preload', async () => {
    await launch();
    expect(fake.state.windows).toEqual([]);
    expect(fake.state.exitCode).toBe(1);
    expect(fake.state.errors[0]!.content).toMatch(/npm run build/);
  });
});
