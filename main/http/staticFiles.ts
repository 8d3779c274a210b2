import fs from 'node:fs';
import path from 'node:path';

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

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * Resolves a URL path to a file strictly inside `root`: decoded, normalised, no '..', no
 * directories, no dotfiles, no symlinks leading out. Anything else is "not found".
 */
export function readStatic(root: string, urlPath: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = path.posix.normalize(decoded).replace(/^\/+/, '');
  if (relative === '' || relative.startsWith('..') || relative.split('/').some((part) => part.startsWith('.'))) return null;
  const rootReal = fs.realpathSync(root);
  const file = path.resolve(rootReal, relative);
  if (!file.startsWith(rootReal + path.sep)) return null;
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return null;
  }
  if (!real.startsWith(rootReal + path.sep) || !fs.statSync(real).isFile()) return null;
  return { body: fs.readFileSync(real), contentType: CONTENT_TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream' };
}

/** index.html with the test bridge loaded before the app's module script, so window.api exists first. */
export function indexWithBridge(root: string): string {
  const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  const tag = '<script src="./test-bridge.js"></script>';
  const at = html.search(/<script\b[^>]*type="module"/);
  if (at < 0) throw new Error('The built index.html has no module script; run npm run build:renderer.');
  return html.slice(0, at) + tag + '\n    ' + html.slice(at);
}
