import fs from 'node:fs';
import path from 'node:path';
import { contentTypeFor, resolveRendererFile } from '../electron/appProtocol';

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * A URL path to a file strictly inside `root`, by the same rule as the app's own app://
 * handler (main/electron/appProtocol.ts): anything else is "not found".
 */
export function readStatic(root: string, urlPath: string): StaticFile | null {
  const file = resolveRendererFile(root, urlPath);
  return file === null ? null : { body: fs.readFileSync(file), contentType: contentTypeFor(file) };
}

/** index.html with the test bridge loaded before the app's module script, so window.api exists first. */
export function indexWithBridge(root: string): string {
  const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  const tag = '<script src="./test-bridge.js"></script>';
  const at = html.search(/<script\b[^>]*type="module"/);
  if (at < 0) throw new Error('The built index.html has no module script; run npm run build:renderer.');
  return html.slice(0, at) + tag + '\n    ' + html.slice(at);
}
