import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * The installer configuration as electron-builder itself reads it (its own config loader,
 * schema validation and file matchers), since packaging cannot run here: which targets, which
 * fuses, and which files end up in the app, including the node_modules filter that keeps the
 * SQLCipher driver's C sources and other platforms' binaries out.
 */

const root = path.resolve(__dirname, '..', '..');
const req = createRequire(path.join(root, 'package.json'));
const { getConfig, validateConfiguration } = req('app-builder-lib/out/util/config/config') as any;
const { getMainFileMatchers, getNodeModuleFileMatcher } = req('app-builder-lib/out/fileMatcher') as any;
const { DebugLogger } = req('builder-util') as any;
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

async function effectiveConfig(): Promise<any> {
  const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

/** What electron-builder would copy for `platform`/`arch`: the app's own files and node_modules. */
async function packagedFilter(platform: 'linux' | 'darwin' | 'win32', arch: 'x64' | 'arm64') {
  const config = await effectiveConfig();
  const expand = (p: string) => p.replace(/\$\{platform\}/g, platform).replace(/\$\{arch\}/g, arch);
  const info = { isPrepackedAppAsar: false, config, projectDir: root, buildResourcesDir: 'build', debugLogger: new DebugLogger(false) };
  const platformOptions = config[{ linux: 'linux', darwin: 'mac', win32: 'win' }[platform]] ?? {};
  const [main] = getMainFileMatchers(root, '/dest', expand, platformOptions, { info }, path.join(root, 'release'), false);
  const mainFilter = main.createFilter();
  const modulesFilter = getNodeModuleFileMatcher(root, '/dest', expand, platformOptions, info).createFilter();
  const stat = { isDirectory: () => false };
  return (rel: string) => (rel.startsWith('node_modules/') ? modulesFilter : mainFilter)(path.join(root, rel), stat) as boolean;
}

describe('electron-builder configuration', () => {
  it('passes electron-builder schema validation and builds AppImage, deb, dmg and NSIS, never publishing', async () => {
    const c = await effectiveConfig();
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.mac.target).toBe('dmg');
    expect(c.win.target).toBe('nsis');
    expect(c.publish).toBeNull();
    expect(pkg.scripts.dist).toMatch(/electron-builder --publish never$/);
    expect(pkg.scripts.dist).toMatch(/npm run icons/);
    // The deb needs a homepage and a maintainer with an e-mail address.
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(c.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>$/);
    expect(c.linux.category).toMatch(/^Office;/);
    expect(c.directories.buildResources).toBe('build');
  });

  it('offers a per-machine install on Windows', async () => {
    const { nsis } = await effectiveConfig();
    // oneClick off + perMachine false = the installer asks "all users" or "only me".
    expect(nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
  });

  it('flips the fuses (asar integrity on, file:// extra privileges off), re-signs ad hoc on macOS, and never rebuilds the N-API driver', async () => {
    const c = await effectiveConfig();
    expect(c.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
    expect(c.npmRebuild).toBe(false);
    expect(c.asar).toBe(true);
  });

  it("flips those fuses in an Electron binary through electron-builder's own fuse step (a stand-in binary: none can be downloaded here)", async () => {
    // electron-builder turns electronFuses into @electron/fuses' wire config (generateFuseConfig)
    // and flips it in the packaged binary. A misspelt key is dropped silently there, so run that
    // step on a stand-in: random bytes around the sentinel and an 8-fuse V1 wire at Electron's
    // defaults ('1' on, '0' off), then read the wire back.
    const fuses = req('@electron/fuses') as any;
    const { PlatformPackager } = req('app-builder-lib') as any;
    const c = await effectiveConfig();
    const wireConfig = await PlatformPackager.prototype.generateFuseConfig.call(null, c.electronFuses);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrack-fuses-'));
    const bin = path.join(dir, 'medtrack');
    try {
      fs.writeFileSync(bin, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 8]), Buffer.from('11110001'), Buffer.alloc(4096, 9)]));
      await fuses.flipFuses(bin, { ...wireConfig, resetAdHocDarwinSignature: false });
      const wire = await fuses.getCurrentFuseWire(bin);
      const O = fuses.FuseV1Options;
      const on = (o: number) => String.fromCharCode(wire[o]);
      expect({
        runAsNode: on(O.RunAsNode),
        cookieEncryption: on(O.EnableCookieEncryption),
        nodeOptions: on(O.EnableNodeOptionsEnvironmentVariable),
        inspect: on(O.EnableNodeCliInspectArguments),
        asarIntegrity: on(O.EnableEmbeddedAsarIntegrityValidation),
        onlyAsar: on(O.OnlyLoadAppFromAsar),
        fileExtraPrivileges: on(O.GrantFileProtocolExtraPrivileges),
      }).toEqual({ runAsNode: '0', cookieEncryption: '1', nodeOptions: '0', inspect: '0', asarIntegrity: '1', onlyAsar: '1', fileExtraPrivileges: '0' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('packs the built app, the command line and the database worker, and nothing for tests', async () => {
    const included = await packagedFilter('linux', 'x64');
    for (const f of [
      'package.json',
      'dist/main/electron/main.js',
      'dist/main/worker/dbWorker.js',
      'dist/main/worker/jobThread.js',
      'dist/main/cli/index.js',
      'dist/renderer/index.html',
      'dist/preload/preload.js',
    ]) {
      expect(included(f), f).toBe(true);
    }
    for (const f of [
      'dist/main/http/testServer.js',
      'dist/tests/support/app.js',
      'dist/main/electron/main.js.map',
      'main/electron/main.ts',
      'tests/unit/builder-config.test.ts',
      'assets/icon.svg',
      'README.md',
    ]) {
      expect(included(f), f).toBe(false);
    }
  });

  it("ships only this platform's driver binary, without the driver's C sources", async () => {
    const linux = await packagedFilter('linux', 'x64');
    const driver = 'node_modules/better-sqlite3-multiple-ciphers';
    expect(linux(`${driver}/lib/index.js`)).toBe(true);
    expect(linux(`${driver}/prebuilds/linux-x64.node`)).toBe(true);
    for (const f of [
      'prebuilds/linuxmusl-x64.node',
      'prebuilds/win32-x64.node',
      'prebuilds/darwin-arm64.node',
      'deps/sqlite3/sqlite3.c',
      'src/better_sqlite3.cpp',
      'build/Makefile',
      'binding.gyp',
    ]) {
      expect(linux(`${driver}/${f}`), f).toBe(false);
    }
    const mac = await packagedFilter('darwin', 'arm64');
    expect(mac(`${driver}/prebuilds/darwin-arm64.node`)).toBe(true);
    expect(mac(`${driver}/prebuilds/linux-x64.node`)).toBe(false);
    expect((await packagedFilter('win32', 'x64'))(`${driver}/prebuilds/win32-x64.node`)).toBe(true);
    // Every pattern must name a file that exists, or a renamed binary would silently be dropped.
    expect(fs.existsSync(path.join(root, driver, 'prebuilds', 'linux-x64.node'))).toBe(true);
  });

  it('renders the icons from the one source image', async () => {
    const { renderIcons } = req('./scripts/icons.js') as { renderIcons: (dir: string) => string[] };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrack-icons-'));
    try {
      const files = renderIcons(dir);
      const png = fs.readFileSync(path.join(dir, 'icon.png'));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // IHDR width and height: 1024 x 1024 (electron-builder needs at least 512 for macOS).
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
      expect(files.map((f) => path.basename(f))).toContain('16x16.png');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
