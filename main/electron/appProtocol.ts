import fs from 'node:fs';
import path from 'node:path';
import { appUrlPath, CONTENT_SECURITY_POLICY } from './policy';

/**
 * The renderer's own scheme (security checklist #18): the window loads app://medtrack/index.html
 * and main.ts answers every app:// request from dist/renderer through appProtocolResponse, so
 * the page never runs from file:// and the file:// extra-privileges fuse can be turned off
 * (electron-builder.yml). No `electron` import: the handler is a plain (Request-like) ->
 * Response function, unit-tested under Node (tests/unit/app-protocol.test.ts); main.ts only
 * hands it to `protocol.handle`.
 */

/**
 * `protocol.registerSchemesAsPrivileged` for app://, before `ready`. standard: parsed like
 * http (an origin, relative URLs, "." and ".." resolved); secure: a secure context, so CSP
 * 'self' and ES modules work as on https; supportFetchAPI: module scripts are fetched.
 * Deliberately NOT bypassCSP, allowServiceWorkers, stream or corsEnabled for other origins.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The MIME type a browser needs (a module script served as octet-stream is refused). */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Resolves a URL path (still percent-encoded) to a file strictly inside `root`: decoded,
 * normalised, no '..', no backslashes or NUL, no dotfiles, no directories, no symlink leading
 * out. Anything else is null ("not found"). Shared with the loopback test server.
 */
export function resolveRendererFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = path.posix.normalize(decoded).replace(/^\/+/, '');
  if (relative === '' || relative.startsWith('..') || relative.split('/').some((part) => part.startsWith('.'))) return null;
  let rootReal: string;
  let real: string;
  try {
    rootReal = fs.realpathSync(root);
    const file = path.resolve(rootReal, relative);
    if (!file.startsWith(rootReal + path.sep)) return null;
    real = fs.realpathSync(file);
  } catch {
    return null;
  }
  if (!real.startsWith(rootReal + path.sep) || !fs.statSync(real).isFile()) return null;
  return real;
}

/**
 * protocol.handle('app', ...): GET/HEAD of a file inside `rendererDir`, with its MIME type, the
 * CSP header (Chromium applies it to custom-scheme responses, unlike file:// loads) and nosniff.
 * Everything else is refused: 405 for other methods, 404 for anything outside the folder or
 * missing, reported through `refused` so main.ts can log it.
 */
export async function appProtocolResponse(
  request: { url: string; method: string },
  rendererDir: string,
  refused: (url: string, status: number) => void = () => undefined,
): Promise<Response> {
  const deny = (status: number, text: string): Response => {
    refused(request.url, status);
    return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') return deny(405, 'Not allowed');
  const urlPath = appUrlPath(request.url);
  const file = urlPath === null ? null : resolveRendererFile(rendererDir, urlPath);
  if (file === null) return deny(404, 'Not found');
  const body = request.method === 'HEAD' ? null : await fs.promises.readFile(file);
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': contentTypeFor(file),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
}
