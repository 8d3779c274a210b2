#!/usr/bin/env node
'use strict';
/**
 * `npm run test:e2e`: Playwright, inside a virtual X display when this is a Linux machine with
 * none (a CI container). Chromium runs headless either way; the Electron launch suite needs a
 * display wherever its binary exists, and without one it would fail rather than run.
 * Extra arguments go to `playwright test`.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const { findChromium } = require('./find-chromium');

const playwright = path.join(__dirname, '..', 'node_modules', '@playwright', 'test', 'cli.js');
// The browser suite needs a Chromium; say what to install rather than fail in every test.
const onlyElectron = process.argv.slice(2).some((a) => a === '--project=electron');
const chromium = findChromium();
if (!onlyElectron) {
  if (!chromium.path) {
    console.error(`[e2e] ${chromium.problem}`);
    process.exit(1);
  }
  console.log(`[e2e] Chromium: ${chromium.path} (${chromium.source})`);
}
const args = [playwright, 'test', ...process.argv.slice(2)];
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const xvfb = headless && spawnSync('xvfb-run', ['--help'], { stdio: 'ignore' }).error === undefined;
if (headless && !xvfb) console.log('[e2e] no display and no xvfb-run: the Electron launch suite cannot open a window here');
const [command, argv] = xvfb ? ['xvfb-run', ['--auto-servernum', process.execPath, ...args]] : [process.execPath, args];
const run = spawnSync(command, argv, { stdio: 'inherit' });
if (run.error) {
  console.error(`[e2e] could not start ${command}: ${run.error.message}`);
  process.exit(1);
}
process.exit(run.status ?? 1);
