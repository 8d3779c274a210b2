#!/usr/bin/env node
'use strict';
/**
 * `npm run icons`: renders the one icon source, assets/icon.svg, to build/icon.png (1024 px;
 * electron-builder makes the macOS .icns and the Windows .ico from it) and build/icons/NxN.png
 * (the Linux sizes). Uses resvg (a prebuilt N-API renderer from npm), so nothing else needs
 * installing. Run by `npm run dist`; the output is not committed.
 *
 *   node scripts/icons.js [--out DIR]
 */
const fs = require('node:fs');
const path = require('node:path');
const { Resvg } = require('@resvg/resvg-js');

const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];

function renderIcons(outDir, source = path.join(__dirname, '..', 'assets', 'icon.svg')) {
  const svg = fs.readFileSync(source);
  const render = (size) => new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
  fs.mkdirSync(path.join(outDir, 'icons'), { recursive: true });
  const written = [path.join(outDir, 'icon.png')];
  fs.writeFileSync(written[0], render(1024));
  for (const size of LINUX_SIZES) {
    const file = path.join(outDir, 'icons', `${size}x${size}.png`);
    fs.writeFileSync(file, render(size));
    written.push(file);
  }
  return written;
}

module.exports = { renderIcons, LINUX_SIZES };

if (require.main === module) {
  const i = process.argv.indexOf('--out');
  const outDir = i > 0 ? path.resolve(process.argv[i + 1]) : path.join(__dirname, '..', 'build');
  for (const f of renderIcons(outDir)) console.log(`icons: ${path.relative(process.cwd(), f)}`);
}
