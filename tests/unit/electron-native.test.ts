import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as lib from '../../scripts/electron-native-lib.js';
import type { Run } from '../../scripts/electron-native-lib.js';
import { electronNativeBindingPath } from '../../main/electron/policy';

/**
 * scripts/electron-native.js without building anything: a fake app root with fake electron,
 * driver, prebuild-install and node-gyp packages, and an injected runner standing in for them.
 */

const ELECTRON = '45.5.0';
const DRIVER_VERSION = '12.11.1';
let root: string;

function write(rel: string, content: string): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

const driverRel = `node_modules/${lib.DRIVER}`;
const target = { electron: ELECTRON, driver: DRIVER_VERSION, platform: 'linux', arch: 'x64' };

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrack-native-'));
  write('node_modules/electron/package.json', JSON.stringify({ name: 'electron', version: ELECTRON }));
  write(`${driverRel}/package.json`, JSON.stringify({ name: lib.DRIVER, version: DRIVER_VERSION }));
  write(`${driverRel}/lib/index.js`, 'module.exports = {};');
  write(`${driverRel}/deps/sqlite3/sqlite3.c`, '/* amalgamation */');
  write(`${driverRel}/build/Release/better_sqlite3.node`, 'NODE-ABI BUILD');
  write('node_modules/prebuild-install/package.json', JSON.stringify({ name: 'prebuild-install', bin: { 'prebuild-install': './bin.js' } }));
  write('node_modules/prebuild-install/bin.js', '');
  write('node_modules/node-gyp/package.json', JSON.stringify({ name: 'node-gyp', bin: { 'node-gyp': './bin/node-gyp.js' } }));
  write('node_modules/node-gyp/bin/node-gyp.js', '');
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

interface Call {
  label: string;
  script: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  hadOldBuild: boolean;
}

/** A runner where each tool either "produces" the Electron binary in its cwd or fails. */
function fakeRunner(outcomes: Record<string, 'build' | 'fail' | 'nothing'>): { run: Run; calls: Call[] } {
  const calls: Call[] = [];
  const run: Run = (label, script, args, { cwd, env }) => {
    const out = path.join(cwd, 'build', 'Release', 'better_sqlite3.node');
    calls.push({ label, script, args, cwd, env, hadOldBuild: fs.existsSync(out) });
    const outcome = outcomes[label] ?? 'fail';
    if (outcome === 'build') {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, `ELECTRON BUILD by ${label}`);
    }
    return outcome === 'fail' ? { ok: false, detail: `exited with code 1` } : { ok: true, detail: 'ok' };
  };
  return { run, calls };
}

const baseOpts = (run: Run) => ({
  appRoot: root,
  platform: 'linux',
  arch: 'x64',
  env: { PATH: '/usr/bin', npm_config_nodedir: '/usr' },
  execPath: '/nonexistent/bin/node',
  run,
});

describe('paths', () => {
  it('matches the path main.ts hands to the driver', () => {
    expect(lib.nativePaths(root, ELECTRON).binding).toBe(electronNativeBindingPath(root, ELECTRON));
    expect(lib.nativePaths('/repo', '45.5.0')).toEqual({
      dir: '/repo/.electron-native/electron-45.5.0',
      pkgDir: '/repo/.electron-native/electron-45.5.0/pkg',
      binding: '/repo/.electron-native/electron-45.5.0/better_sqlite3.node',
      stamp: '/repo/.electron-native/electron-45.5.0/better_sqlite3.json',
    });
  });

  it('reads versions from package.json files (never require("electron"), which downloads)', () => {
    expect(lib.installedVersions(root)).toEqual({ electron: ELECTRON, driver: DRIVER_VERSION, driverDir: path.join(root, driverRel) });
    fs.rmSync(path.join(root, 'node_modules/electron'), { recursive: true });
    expect(() => lib.installedVersions(root)).toThrow(/electron is not installed.*npm ci/);
  });
});

describe('isPrepared', () => {
  it('needs the binding and a stamp for this exact Electron, driver, platform and arch', () => {
    const p = lib.nativePaths(root, ELECTRON);
    expect(lib.isPrepared(p, target)).toBe(false);
    fs.mkdirSync(p.dir, { recursive: true });
    fs.writeFileSync(p.binding, 'x');
    expect(lib.isPrepared(p, target)).toBe(false); // no stamp: built by hand or interrupted
    fs.writeFileSync(p.stamp, JSON.stringify(lib.stampFor(target)));
    expect(lib.isPrepared(p, target)).toBe(true);
    expect(lib.isPrepared(p, { ...target, driver: '12.12.0' })).toBe(false);
    expect(lib.isPrepared(p, { ...target, arch: 'arm64' })).toBe(false);
    fs.writeFileSync(p.binding, '');
    expect(lib.isPrepared(p, target)).toBe(false);
  });
});

describe('buildEnv', () => {
  it("drops npm's nodedir (it points node-gyp at Node's headers) and states the Electron target", () => {
    const env = lib.buildEnv(
      { PATH: '/usr/bin', HOME: '/root', npm_config_nodedir: '/usr', NPM_CONFIG_NODEDIR: '/usr', npm_config_target: '20.20.2', npm_config_runtime: 'node', npm_config_dist_url: 'x', npm_config_registry: 'https://registry.npmjs.org/', UNSET: undefined },
      target,
    );
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/root',
      npm_config_registry: 'https://registry.npmjs.org/',
      npm_config_runtime: 'electron',
      npm_config_target: ELECTRON,
      npm_config_arch: 'x64',
      npm_config_target_arch: 'x64',
      npm_config_disturl: 'https://electronjs.org/headers',
    });
  });

  it('builds prebuild-install and node-gyp arguments for Electron', () => {
    expect(lib.prebuildArgs(target)).toEqual(expect.arrayContaining(['--runtime', 'electron', '--target', ELECTRON, '--arch', 'x64']));
    expect(lib.nodeGypArgs(target)).toEqual(
      expect.arrayContaining(['rebuild', '--release', '--runtime=electron', `--target=${ELECTRON}`, '--dist-url=https://electronjs.org/headers']),
    );
  });

  it("finds node-gyp in node_modules first, then npm's bundled copy", () => {
    const c = lib.nodeGypCandidates(root, { npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js' }, '/usr/bin/node');
    expect(c[0]).toBe(path.join(root, 'node_modules/node-gyp/bin/node-gyp.js'));
    expect(c).toContain('/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');
  });
});

describe('prepare', () => {
  it('uses a prebuilt binary when prebuild-install gets one, from a copy without the Node build', () => {
    const { run, calls } = fakeRunner({ 'prebuild-install': 'build' });
    const r = lib.prepare(baseOpts(run));
    expect(r).toEqual({ status: 'built', via: 'prebuild-install', binding: lib.nativePaths(root, ELECTRON).binding });
    expect(calls.map((c) => c.label)).toEqual(['prebuild-install']);
    const [call] = calls;
    expect(call!.cwd).toBe(lib.nativePaths(root, ELECTRON).pkgDir);
    expect(call!.script).toBe(path.join(root, 'node_modules/prebuild-install/bin.js'));
    expect(call!.hadOldBuild).toBe(false); // the Node-ABI build/ was not copied
    expect(call!.env.npm_config_nodedir).toBeUndefined();
    expect(fs.existsSync(path.join(call!.cwd, 'deps/sqlite3/sqlite3.c'))).toBe(true);
    expect(fs.readFileSync(r.binding, 'utf8')).toBe('ELECTRON BUILD by prebuild-install');
    // node_modules is untouched: the tests keep Node's build.
    expect(fs.readFileSync(path.join(root, driverRel, 'build/Release/better_sqlite3.node'), 'utf8')).toBe('NODE-ABI BUILD');
  });

  it('falls back to node-gyp when there is no prebuilt binary', () => {
    const { run, calls } = fakeRunner({ 'prebuild-install': 'fail', 'node-gyp': 'build' });
    const r = lib.prepare(baseOpts(run));
    expect(r).toMatchObject({ status: 'built', via: 'node-gyp' });
    expect(calls.map((c) => c.label)).toEqual(['prebuild-install', 'node-gyp']);
    expect(calls[1]!.script).toBe(path.join(root, 'node_modules/node-gyp/bin/node-gyp.js'));
    expect(calls[1]!.args).toContain('--runtime=electron');
    expect(fs.readFileSync(r.binding, 'utf8')).toBe('ELECTRON BUILD by node-gyp');
  });

  it('does nothing when the binding is already prepared', () => {
    lib.prepare(baseOpts(fakeRunner({ 'prebuild-install': 'build' }).run));
    const { run, calls } = fakeRunner({});
    expect(lib.prepare(baseOpts(run))).toEqual({ status: 'present', binding: lib.nativePaths(root, ELECTRON).binding });
    expect(calls).toEqual([]);
  });

  it('rebuilds when the driver was upgraded since', () => {
    lib.prepare(baseOpts(fakeRunner({ 'prebuild-install': 'build' }).run));
    write(`${driverRel}/package.json`, JSON.stringify({ name: lib.DRIVER, version: '12.12.0' }));
    const { run, calls } = fakeRunner({ 'prebuild-install': 'build' });
    expect(lib.prepare(baseOpts(run)).status).toBe('built');
    expect(calls).toHaveLength(1);
  });

  it('fails with what was tried and what to do, leaving nothing that looks prepared', () => {
    const { run } = fakeRunner({ 'prebuild-install': 'fail', 'node-gyp': 'fail' });
    let message = '';
    try {
      lib.prepare(baseOpts(run));
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/Could not prepare better-sqlite3-multiple-ciphers 12\.11\.1 for Electron 45\.5\.0/);
    expect(message).toMatch(/prebuild-install: exited with code 1/);
    expect(message).toMatch(/node-gyp: exited with code 1/);
    expect(message).toMatch(/Check the network/);
    expect(message).toMatch(/npm start again/);
    expect(fs.existsSync(lib.nativePaths(root, ELECTRON).binding)).toBe(false);
  });

  it('says so when a tool is missing entirely', () => {
    fs.rmSync(path.join(root, 'node_modules/node-gyp'), { recursive: true });
    fs.rmSync(path.join(root, 'node_modules/prebuild-install'), { recursive: true });
    const { run, calls } = fakeRunner({});
    expect(() => lib.prepare(baseOpts(run))).toThrow(/prebuild-install: not found[\s\S]*node-gyp: not found/);
    expect(calls).toEqual([]);
  });
});
