#!/usr/bin/env node
'use strict';
// The command line runs the compiled core (dist/); TypeScript is not loaded at run time.
const fs = require('node:fs');
const path = require('node:path');

const entry = path.join(__dirname, '..', 'dist', 'main', 'cli', 'index.js');
if (!fs.existsSync(entry)) {
  process.stderr.write(`medtrack: ${entry} is missing; run npm run build first (npm run build:core is enough for the command line).\n`);
  process.exitCode = 1;
} else {
  const cli = require(entry);
  cli.main(process.argv.slice(2), cli.processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      // main() reports every failure itself; reaching here is a bug worth its stack.
      process.stderr.write(`medtrack: unexpected error: ${err && err.stack ? err.stack : err}\n`);
      process.exitCode = 1;
    },
  );
}
