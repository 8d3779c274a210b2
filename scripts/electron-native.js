#!/usr/bin/env node
'use strict';
/**
 * Run by `npm start` before `electron .`: makes sure the Electron-ABI build of
 * better-sqlite3-multiple-ciphers exists in .electron-native/electron-<version>/ (node_modules
 * keeps Node's build for the tests, so `npm test` and `npm start` both work from one checkout,
 * in either order). Does nothing when it is already there. See scripts/electron-native-lib.js.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { prepare } = require('./electron-native-lib');

function run(label, script, args, { cwd, env }) {
  console.log(`[electron-native] ${label} ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [script, ...args], { cwd, env, stdio: 'inherit' });
  if (r.error) return { ok: false, detail: `could not start (${r.error.message})` };
  if (r.status !== 0) return { ok: false, detail: r.signal ? `killed by ${r.signal}` : `exited with code ${r.status}` };
  return { ok: true, detail: 'ok' };
}

try {
  const result = prepare({
    appRoot: path.resolve(__dirname, '..'),
    run,
    log: (msg) => console.log(`[electron-native] ${msg}`),
  });
  if (result.status === 'present') console.log(`[electron-native] Electron database driver already prepared: ${result.binding}`);
  else console.log(`[electron-native] Prepared with ${result.via}: ${result.binding}`);
} catch (err) {
  console.error(`\n[electron-native] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
