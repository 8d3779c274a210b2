import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, appProtocolResponse, contentTypeFor, resolveRendererFile } from '../../main/electron/appProtocol';
import { APP_INDEX_URL, CONTENT_SECURITY_POLICY } from '../../main/electron/policy';

/**
 * The app:// handler main.ts gives protocol.handle (#18), run under Node with real
 * Request-like inputs and real Responses: Electron itself cannot launch here, so what this
 * cannot show is Chromium's own URL canonicalisation before the handler (the Electron launch
 * suite checks the page loads from app:// wherever the binary exists).
 */

let base: string;
let dist: string;

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrack-appproto-'));
  dist = path.join(base, 'dist', 'renderer');
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Medtrack</title>');
  fs.writeFileSync(path.join(dist, 'assets', 'index-abc.js'), 'export {};');
  fs.writeFileSync(path.join(dist, 'assets', 'index-abc.css'), 'body{}');
  fs.writeFileSync(path.join(dist, 'assets', 'logo.svg'), '<svg/>');
  fs.writeFileSync(path.join(dist, 'assets', 'index-abc.js.map'), '{}');
  fs.writeFileSync(path.join(dist, '.env'), 'SECRET=1');
  // Outside the renderer folder: the main process code and the clinic's data.
  fs.mkdirSync(path.join(base, 'dist', 'preload'), { recursive: true });
  fs.writeFileSync(path.join(base, 'dist', 'preload', 'preload.js'), 'require("electron")');
  fs.writeFileSync(path.join(base, 'medtrack.db.key'), '{"wrapped":"..."}');
  fs.symlinkSync(path.join(base, 'medtrack.db.key'), path.join(dist, 'assets', 'key.json'));
  fs.symlinkSync(path.join(base, 'dist', 'preload'), path.join(dist, 'linked'));
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => appProtocolResponse({ url, method }, dist);

describe('app:// handler', () => {
  it('serves the page with text/html, the CSP header and nosniff', async () => {
    const r = await get(APP_INDEX_URL);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await r.text()).toContain('<title>Medtrack</title>');
    // The #route and query never change which file is served.
    expect((await get(`${APP_INDEX_URL}?x=1#/patients/3`)).status).toBe(200);
  });

  it('serves each asset with the MIME type a browser requires (module scripts refuse anything else)', async () => {
    const types: Record<string, string | null> = {};
    for (const f of ['index-abc.js', 'index-abc.css', 'logo.svg', 'index-abc.js.map']) {
      types[f] = (await get(`app://medtrack/assets/${f}`)).headers.get('content-type');
    }
    expect(types).toEqual({
      'index-abc.js': 'text/javascript; charset=utf-8',
      'index-abc.css': 'text/css; charset=utf-8',
      'logo.svg': 'image/svg+xml',
      'index-abc.js.map': 'application/json; charset=utf-8',
    });
    expect(contentTypeFor('x.woff2')).toBe('font/woff2');
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream');
    expect(contentTypeFor('INDEX.HTML')).toBe('text/html; charset=utf-8');
  });

  it('answers HEAD without a body and refuses other methods with 405', async () => {
    const head = await get(APP_INDEX_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) expect((await get(APP_INDEX_URL, method)).status, method).toBe(405);
  });

  it('refuses path traversal out of the renderer folder, plain, encoded and double-encoded', async () => {
    const refused: string[] = [];
    for (const url of [
      'app://medtrack/../preload/preload.js', // the URL parser resolves this to /preload/preload.js: not in the folder
      'app://medtrack/%2e%2e/preload/preload.js',
      'app://medtrack/..%2Fpreload%2Fpreload.js',
      'app://medtrack/..%2f..%2fmedtrack.db.key',
      'app://medtrack/assets/..%2F..%2F..%2Fmedtrack.db.key',
      'app://medtrack/%252e%252e/preload/preload.js',
      'app://medtrack/..%5Cpreload%5Cpreload.js',
      'app://medtrack/index.html%00.png',
      'app://medtrack/%E0%A4%A', // malformed percent-encoding
    ]) {
      const r = await appProtocolResponse({ url, method: 'GET' }, dist, (u, status) => refused.push(`${status} ${u}`));
      expect(r.status, url).toBe(404);
      expect(await r.text(), url).toBe('Not found');
    }
    expect(refused).toHaveLength(9);
  });

  it('refuses symlinks leading out, dotfiles, folders and missing files', async () => {
    for (const url of [
      'app://medtrack/assets/key.json',
      'app://medtrack/linked/preload.js',
      'app://medtrack/.env',
      'app://medtrack/assets',
      'app://medtrack/assets/',
      'app://medtrack/',
      'app://medtrack/nope.js',
    ]) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('refuses other hosts, ports and credentials even for a file that exists', async () => {
    for (const url of ['app://other/index.html', 'app://medtrack:1/index.html', 'app://u:p@medtrack/index.html', 'file:///etc/passwd']) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('resolves only to real files inside the folder (shared with the loopback test server)', () => {
    expect(resolveRendererFile(dist, '/index.html')).toBe(fs.realpathSync(path.join(dist, 'index.html')));
    expect(resolveRendererFile(dist, '/assets/index-abc.js')).toBe(fs.realpathSync(path.join(dist, 'assets', 'index-abc.js')));
    expect(resolveRendererFile(path.join(base, 'missing'), '/index.html')).toBeNull();
  });
});

describe('app:// scheme privileges', () => {
  it('is standard and secure with fetch, and never bypasses the CSP or allows service workers', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    const p = APP_SCHEME_PRIVILEGES as Record<string, unknown>;
    for (const k of ['bypassCSP', 'allowServiceWorkers', 'corsEnabled', 'stream']) expect(p[k], k).toBeUndefined();
  });
});
