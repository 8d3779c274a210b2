'use strict';
/**
 * Which Chromium the end-to-end suite drives, in this order: CHROMIUM_PATH, Playwright's own
 * browser where it is installed, then the system's (/usr/bin/chromium, /usr/bin/chromium-browser).
 * Used by playwright.config.ts and scripts/e2e.js (which stops with INSTALL_HINT when there is
 * none). Plain CommonJS so both, and the unit test, can load it.
 */
const fs = require('node:fs');

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

const INSTALL_HINT = [
  'No Chromium found for the end-to-end suite. Install one of:',
  '  Debian/Ubuntu:  apt-get install -y chromium   (Ubuntu: chromium-browser)',
  "  Playwright's:   npx playwright install chromium   (needs access to Playwright's download site)",
  '  or point CHROMIUM_PATH at a Chromium or Chrome executable.',
].join('\n');

/** The Playwright browser's path, or null when playwright-core is missing or has none for this machine. */
function playwrightChromium() {
  try {
    return require('playwright-core').chromium.executablePath() || null;
  } catch {
    return null;
  }
}

/**
 * @returns {{ path: string, source: string } | { path: null, problem: string }}
 */
function findChromium(env = process.env, exists = fs.existsSync, playwrightPath = playwrightChromium()) {
  const fromEnv = env.CHROMIUM_PATH && env.CHROMIUM_PATH.trim();
  if (fromEnv) {
    return exists(fromEnv)
      ? { path: fromEnv, source: 'CHROMIUM_PATH' }
      : { path: null, problem: `CHROMIUM_PATH is ${fromEnv}, which does not exist.\n${INSTALL_HINT}` };
  }
  if (playwrightPath && exists(playwrightPath)) return { path: playwrightPath, source: "Playwright's browser" };
  for (const p of SYSTEM_CHROMIUMS) if (exists(p)) return { path: p, source: 'the system' };
  return { path: null, problem: INSTALL_HINT };
}

module.exports = { findChromium, INSTALL_HINT, SYSTEM_CHROMIUMS };
