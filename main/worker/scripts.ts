import fs from 'node:fs';
import path from 'node:path';

/**
 * Where a built worker script is. Compiled, the scripts sit beside this file (dist/main/worker,
 * inside app.asar when packaged: Electron loads worker_threads scripts from asar since
 * Electron 18, so nothing needs unpacking but the driver's .node file, which electron-builder
 * unpacks by itself). Under vitest this file is TypeScript in main/worker, and a Worker cannot
 * run TypeScript with our extensionless imports, so the compiled copy in dist/ is used:
 * `npm run build:core` first (`npm test` does).
 */
export function workerScript(name: 'dbWorker' | 'jobThread'): string {
  const beside = path.join(__dirname, `${name}.js`);
  if (fs.existsSync(beside)) return beside;
  const built = path.resolve(__dirname, '..', '..', 'dist', 'main', 'worker', `${name}.js`);
  if (fs.existsSync(built)) return built;
  throw new Error(`The database worker script ${name}.js is not built; run npm run build:core.`);
}
