import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  appPaths,
  cliArguments,
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_META,
  dataDirOverride,
  FORBIDDEN_SENDER,
  hardenedWebPreferences,
  isAllowedRequest,
  isAppUrl,
  isOsKeyStoreUsable,
  isTrustedSender,
  shouldAllowNavigation,
  withCspHeader,
} from '../../main/electron/policy';

const root = '/opt/medtrack/resources/app.asar';
const paths = appPaths(root);
const index = paths.rendererIndex;
const indexUrl = APP_INDEX_URL; // what main.ts loads

describe('appPaths', () => {
  it('puts the renderer and preload under dist/', () => {
    expect(paths.rendererIndex).toBe('/opt/medtrack/resources/app.asar/dist/renderer/index.html');
    expect(paths.rendererDir).toBe('/opt/medtrack/resources/app.asar/dist/renderer');
    expect(paths.preload).toBe('/opt/medtrack/resources/app.asar/dist/preload/preload.js');
  });
});

describe('isAppUrl (the app:// page, #18)', () => {
  it('is app://medtrack/index.html', () => {
    expect(APP_INDEX_URL).toBe('app://medtrack/index.html');
  });

  it('accepts the renderer page itself, with or without query and hash', () => {
    expect(isAppUrl(indexUrl)).toBe(true);
    expect(isAppUrl(`${indexUrl}#/patients/12`)).toBe(true);
    expect(isAppUrl(`${indexUrl}?mode=demo`)).toBe(true);
    expect(isAppUrl(`${indexUrl}?a=1#/x?y=2`)).toBe(true);
  });

  it('accepts an equivalent spelling that resolves to the same page', () => {
    expect(isAppUrl('app://medtrack/assets/../index.html')).toBe(true);
    expect(isAppUrl('app://medtrack/./index.html')).toBe(true);
  });

  it('refuses other paths on the origin, including ones next to the page', () => {
    expect(isAppUrl('app://medtrack/other.html')).toBe(false);
    expect(isAppUrl('app://medtrack/')).toBe(false);
    expect(isAppUrl('app://medtrack/index.html.bak')).toBe(false);
    expect(isAppUrl('app://medtrack/index.html/')).toBe(false);
    expect(isAppUrl('app://medtrack/assets/index.html')).toBe(false);
  });

  it('refuses the same page on another host, with a port or with credentials', () => {
    expect(isAppUrl('app://attacker/index.html')).toBe(false);
    expect(isAppUrl('app://medtrack.evil/index.html')).toBe(false);
    expect(isAppUrl('app://medtrack:8080/index.html')).toBe(false);
    expect(isAppUrl('app://user:pw@medtrack/index.html')).toBe(false);
  });

  it('refuses the renderer file under file:// now that the page is served from app://', () => {
    expect(isAppUrl(pathToFileURL(index).href)).toBe(false);
  });

  it('refuses every other scheme, and garbage', () => {
    for (const url of [
      'http://medtrack/index.html',
      'https://medtrack/index.html',
      'https://example.com/',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'blob:app://medtrack/0b6a1c0e',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      'chrome://settings',
      'file:///etc/passwd',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('shouldAllowNavigation', () => {
  it('allows only the app page', () => {
    expect(shouldAllowNavigation(`${indexUrl}#/mar`)).toBe(true);
    expect(shouldAllowNavigation('https://phishing.example/login')).toBe(false);
    expect(shouldAllowNavigation('file:///home/nurse/Downloads/orders.html')).toBe(false);
    expect(shouldAllowNavigation('app://medtrack/assets/index-abc123.js')).toBe(false);
    expect(shouldAllowNavigation('javascript:void(0)')).toBe(false);
  });
});

describe('isAllowedRequest', () => {
  it('allows the page and its assets on the app origin', () => {
    expect(isAllowedRequest(indexUrl)).toBe(true);
    expect(isAllowedRequest('app://medtrack/assets/index-abc123.js?v=2')).toBe(true);
  });
  it('allows data:, blob: and DevTools', () => {
    expect(isAllowedRequest('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(isAllowedRequest('blob:app://medtrack/6c8d1f7e-1111-2222-3333-444455556666')).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html')).toBe(true);
  });
  it('cancels network schemes, every file:// URL and other app:// hosts', () => {
    for (const url of [
      'http://example.com/x.js',
      'https://fonts.googleapis.com/css',
      'ws://127.0.0.1:9229/',
      'wss://example.com/',
      'ftp://example.com/',
      'file:///etc/passwd',
      pathToFileURL(index).href,
      pathToFileURL(path.join(root, 'dist', 'main', 'electron', 'main.js')).href,
      'file://server/share/x.js',
      'app://other/index.html',
      'garbage',
    ]) {
      expect(isAllowedRequest(url), url).toBe(false);
    }
  });
});

describe('isTrustedSender', () => {
  it('trusts only the top frame of the app page', () => {
    expect(isTrustedSender({ url: `${indexUrl}#/login`, isTopFrame: true })).toBe(true);
    expect(isTrustedSender({ url: indexUrl, isTopFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://example.com/', isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ url: pathToFileURL(index).href, isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'app://medtrack/assets/x.html', isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ url: '', isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ url: null, isTopFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
  it('answers untrusted senders with a FORBIDDEN Result', () => {
    expect(FORBIDDEN_SENDER.ok).toBe(false);
    expect(FORBIDDEN_SENDER.error.code).toBe('FORBIDDEN');
  });
});

describe('content security policy', () => {
  it('is the agreed strict policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|https?:/);
    expect(CONTENT_SECURITY_POLICY.split(';').find((d) => d.trim().startsWith('script-src'))).not.toMatch(/unsafe-inline/);
  });
  it('has a meta variant without frame-ancestors (ignored in <meta>)', () => {
    expect(CONTENT_SECURITY_POLICY_META).not.toMatch(/frame-ancestors/);
    expect(CONTENT_SECURITY_POLICY_META).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
    );
  });
  it('matches the meta tag in renderer/index.html (the copy that guards the page without the header)', () => {
    const html = fs.readFileSync(path.join(__dirname, '..', '..', 'renderer', 'index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY_META);
  });
  it('sets the header, replacing any copy in another case and keeping other headers', () => {
    const out = withCspHeader({
      'content-security-policy': ['default-src *'],
      'CONTENT-SECURITY-POLICY': ['x'],
      'Content-Type': ['text/html'],
    });
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(withCspHeader(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('hardenedWebPreferences', () => {
  it('isolates, sandboxes and keeps Node out of the renderer', () => {
    const prefs = hardenedWebPreferences({ preload: paths.preload, devTools: false });
    expect(prefs).toMatchObject({
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    });
    expect(hardenedWebPreferences({ preload: paths.preload, devTools: true }).devTools).toBe(true);
  });
});

describe('isOsKeyStoreUsable', () => {
  it('refuses when safeStorage says encryption is unavailable', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const)
      expect(isOsKeyStoreUsable(platform, false, 'gnome_libsecret')).toBe(false);
  });
  it('trusts Keychain and DPAPI', () => {
    expect(isOsKeyStoreUsable('darwin', true, null)).toBe(true);
    expect(isOsKeyStoreUsable('win32', true, null)).toBe(true);
  });
  it('on Linux trusts a real keyring, not basic_text or an undetermined backend', () => {
    expect(isOsKeyStoreUsable('linux', true, 'gnome_libsecret')).toBe(true);
    expect(isOsKeyStoreUsable('linux', true, 'kwallet6')).toBe(true);
    expect(isOsKeyStoreUsable('linux', true, 'basic_text')).toBe(false);
    expect(isOsKeyStoreUsable('linux', true, 'unknown')).toBe(false);
    expect(isOsKeyStoreUsable('linux', true, null)).toBe(false);
  });
});

describe('dataDirOverride', () => {
  it('takes an absolute MEDTRACK_DATA_DIR and ignores relative or empty ones', () => {
    expect(dataDirOverride({ MEDTRACK_DATA_DIR: '/tmp/medtrack-test-1/' })).toBe('/tmp/medtrack-test-1');
    expect(dataDirOverride({ MEDTRACK_DATA_DIR: 'relative/dir' })).toBeNull();
    expect(dataDirOverride({ MEDTRACK_DATA_DIR: '  ' })).toBeNull();
    expect(dataDirOverride({})).toBeNull();
  });
});

describe('the command line inside the app', () => {
  const words = ['init', 'backup', 'report', 'help'];
  it('runs a command when the first argument is a command word (packaged: after the executable; checkout: after "electron .")', () => {
    expect(cliArguments(['/opt/Medtrack/medtrack', 'backup', '--out', '/b.db'], true, words)).toEqual(['backup', '--out', '/b.db']);
    expect(cliArguments(['electron', '.', 'report', 'overdue'], false, words)).toEqual(['report', 'overdue']);
    expect(cliArguments(['C:\\Program Files\\Medtrack\\Medtrack.exe', '--help'], true, words)).toEqual(['--help']);
  });
  it('starts the app for no arguments, Chromium switches, macOS -psn_ and unknown words', () => {
    expect(cliArguments(['/opt/Medtrack/medtrack'], true, words)).toBeNull();
    expect(cliArguments(['/opt/Medtrack/medtrack', '--no-sandbox'], true, words)).toBeNull();
    expect(cliArguments(['/Applications/Medtrack.app/Contents/MacOS/Medtrack', '-psn_0_12345'], true, words)).toBeNull();
    expect(cliArguments(['electron', '.'], false, words)).toBeNull();
    // In a checkout the "." is Electron's app folder, not a command.
    expect(cliArguments(['electron', '.', 'backups'], false, words)).toBeNull();
  });
});
